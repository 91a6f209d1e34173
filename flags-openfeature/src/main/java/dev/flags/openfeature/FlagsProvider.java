package dev.flags.openfeature;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.FlagInfo;
import dev.flags.Flags;
import dev.flags.openfeature.internal.ContextMapper;
import dev.flags.openfeature.internal.ProviderEvents;
import dev.flags.openfeature.internal.Resolutions;
import dev.flags.openfeature.internal.Resolutions.Kind;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.TrackingEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.GeneralError;
import dev.openfeature.sdk.exceptions.ProviderNotReadyError;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OpenFeature provider backed by a {@link Flags} client: code written against the
 * vendor-neutral OpenFeature API evaluates this library's flags, with their targets, rules,
 * rollouts, kills and overrides.
 *
 * <pre>{@code
 * Flags flags = Flags.newBuilder().documentFile(Path.of("flags.json")).build();
 * OpenFeatureAPI.getInstance().setProviderAndWait(FlagsProvider.newBuilder(flags).build());
 * Client client = OpenFeatureAPI.getInstance().getClient();
 * boolean on = client.getBooleanValue("new-checkout", false,
 *     new ImmutableContext("user-42", Map.of("country", new Value("NZ"))));
 * }</pre>
 *
 * <p><b>Resolution.</b> Every typed resolution reads the client's current snapshot; nothing is
 * cached. The targeting key is the context key, the other attributes are mapped by type (the
 * table is in {@code docs/openfeature.md}); a result decided by the key alone (a kill, a target, a
 * static flag) is found without reading the attributes, and otherwise only the attributes the
 * flag reads are copied. Errors are codes, never exceptions: PROVIDER_NOT_READY before the first
 * document, FLAG_NOT_FOUND, TYPE_MISMATCH (also for an integer resolution of a number that is not
 * an integer in {@code int} range), INVALID_CONTEXT, GENERAL. Reasons:
 *
 * <table>
 *   <caption>flags' reasons as OpenFeature reasons</caption>
 *   <tr><th>flags</th><th>OpenFeature</th></tr>
 *   <tr><td>target, rule with a fixed variant, override</td><td>TARGETING_MATCH</td></tr>
 *   <tr><td>rule or fallthrough served by a rollout</td><td>SPLIT</td></tr>
 *   <tr><td>fallthrough of a flag with no targets, rules, prerequisites or schedule</td>
 *       <td>STATIC</td></tr>
 *   <tr><td>other fallthrough; no variant (the caller's default)</td><td>DEFAULT</td></tr>
 *   <tr><td>disabled, killed, outside its schedule</td><td>DISABLED</td></tr>
 *   <tr><td>prerequisite failed</td><td>{@code "PREREQUISITE_FAILED"}</td></tr>
 * </table>
 *
 * <p>The flag metadata carries the flag's {@code metadata} from the document, {@code version}
 * (the document version, which the SDK reports as {@code feature_flag.version}), and {@code
 * ruleId} and {@code prerequisiteKey} when they apply.
 *
 * <p><b>Lifecycle.</b> {@code initialize} waits for the client's first document, at most {@link
 * Builder#initializeTimeout} (2 s by default), then fails as not ready; when the document arrives
 * later the provider emits PROVIDER_READY (the SDK reports PROVIDER_ERROR meanwhile). A client
 * that turns stale (a source failing, or serving a cached copy) is PROVIDER_STALE, and
 * PROVIDER_READY when it recovers; every swap, schedule boundary, rollback, kill, restore and
 * override that changes what is served is one PROVIDER_CONFIGURATION_CHANGED naming exactly the
 * flags it affects. {@code shutdown} is idempotent, stops listening to the client and ends the provider's
 * threads; it closes the client only if {@link Builder#closeOnShutdown} says so. A provider is
 * used once: after {@code shutdown}, build a new one.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class FlagsProvider extends EventProvider {
  /** The provider's name in OpenFeature's metadata. */
  public static final String NAME = "flags";

  /** How long {@code initialize} waits for the first document unless told otherwise. */
  public static final Duration DEFAULT_INITIALIZE_TIMEOUT = Duration.ofSeconds(2);

  private static final Metadata METADATA = () -> NAME;

  /** The tracking detail naming the flag whose guardrail an outcome feeds. */
  public static final String TRACK_FLAG_KEY = "flagKey";

  /** The tracking detail holding the outcome: {@code "success"} or {@code "failure"}. */
  public static final String TRACK_OUTCOME = "outcome";

  /** The tracking detail holding how long the code took, in milliseconds (optional). */
  public static final String TRACK_LATENCY_MILLIS = "latencyMillis";

  private final Flags flags;
  private final boolean closeOnShutdown;
  private final Duration initializeTimeout;
  private final Resolutions resolutions;
  private final ContextMapper contexts = new ContextMapper();

  private final ProviderEvents events;

  private FlagsProvider(Builder b) {
    this.flags = b.flags;
    this.closeOnShutdown = b.closeOnShutdown;
    this.initializeTimeout = b.initializeTimeout;
    this.resolutions = new Resolutions(b.disabledServesCallerDefault, this::documentMetadata);
    this.events = new ProviderEvents(flags, this::emit);
  }

  /**
   * A builder for a provider over an existing client, which the provider does not close unless
   * told to ({@link Builder#closeOnShutdown}).
   *
   * @param flags the client
   * @return a new builder
   */
  public static Builder newBuilder(Flags flags) {
    return new Builder(Objects.requireNonNull(flags, "flags"));
  }

  /**
   * The client this provider evaluates with.
   *
   * @return the client
   */
  public Flags flags() {
    return flags;
  }

  @Override
  public Metadata getMetadata() {
    return METADATA;
  }

  /**
   * Waits for the client's first document, at most the {@link Builder#initializeTimeout}.
   *
   * @param context ignored: each evaluation gets its own context
   * @throws ProviderNotReadyError if no document arrived in time (a later one is announced with
   *     PROVIDER_READY)
   * @throws GeneralError if the provider was shut down
   */
  @Override
  public void initialize(@Nullable EvaluationContext context) {
    boolean ready;
    try {
      ready = events.initialize(initializeTimeout);
    } catch (IllegalStateException e) {
      throw new GeneralError(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderNotReadyError("interrupted while waiting for the first flag document");
    }
    if (!ready) {
      throw new ProviderNotReadyError("no flag document within " + initializeTimeout
          + " (client status: " + events.status() + "); PROVIDER_READY follows when one arrives");
    }
  }

  /**
   * Stops listening to the client, ends the provider's threads, and closes the client if {@link
   * Builder#closeOnShutdown} says so. Idempotent.
   */
  @Override
  public void shutdown() {
    if (events.shutdown()) {
      if (closeOnShutdown) {
        flags.close();
      }
      super.shutdown();
    }
  }

  /**
   * Records the outcome of the code behind a flag for the flag's guardrail, as {@link
   * Flags#recordSuccess} and {@link Flags#recordFailure} do. The details name the flag ({@value
   * #TRACK_FLAG_KEY}, a string) and the outcome ({@value #TRACK_OUTCOME}: {@code "success"} or
   * {@code "failure"}, any case), and may give the duration ({@value #TRACK_LATENCY_MILLIS}, a
   * number of milliseconds); the context is mapped as for an evaluation, so the outcome counts
   * against the variant that context is served. An event without a flag key or a known outcome
   * records nothing (events of other kinds pass through unharmed). Never throws.
   *
   * @param eventName the event name (any; the details decide)
   * @param context the evaluation context the code ran for
   * @param details the event details
   */
  @Override
  public void track(
      @Nullable String eventName,
      @Nullable EvaluationContext context,
      @Nullable TrackingEventDetails details) {
    if (context == null || details == null) {
      return;
    }
    try {
      Value flag = details.getValue(TRACK_FLAG_KEY);
      Value outcome = details.getValue(TRACK_OUTCOME);
      if (flag == null || !flag.isString() || outcome == null || !outcome.isString()) {
        return;
      }
      String key = flag.asString();
      boolean failure;
      switch (outcome.asString().toLowerCase(Locale.ROOT)) {
        case "success" -> failure = false;
        case "failure" -> failure = true;
        default -> {
          return;
        }
      }
      Context ctx = contextFor(key, context);
      Value latency = details.getValue(TRACK_LATENCY_MILLIS);
      if (latency != null && latency.isNumber() && latency.asDouble() >= 0) {
        long nanos = (long) (latency.asDouble() * 1_000_000);
        if (failure) {
          flags.recordFailure(key, ctx, nanos);
        } else {
          flags.recordSuccess(key, ctx, nanos);
        }
      } else if (failure) {
        flags.recordFailure(key, ctx);
      } else {
        flags.recordSuccess(key, ctx);
      }
    } catch (RuntimeException e) {
      // A tracking call must not fail the caller's code path; the library's own calls above do
      // not throw for any context or key, so this only guards against a broken context.
      return;
    }
  }

  /** The context an evaluation of {@code key} reads: the key, and the attributes it reads. */
  private Context contextFor(String key, EvaluationContext context) {
    return contexts.map(context, flags.attributesRead(key));
  }

  @Override
  public ProviderEvaluation<Boolean> getBooleanEvaluation(
      String key, Boolean defaultValue, @Nullable EvaluationContext context) {
    return resolve(key, defaultValue, context, Kind.BOOLEAN);
  }

  @Override
  public ProviderEvaluation<String> getStringEvaluation(
      String key, String defaultValue, @Nullable EvaluationContext context) {
    return resolve(key, defaultValue, context, Kind.STRING);
  }

  @Override
  public ProviderEvaluation<Integer> getIntegerEvaluation(
      String key, Integer defaultValue, @Nullable EvaluationContext context) {
    return resolve(key, defaultValue, context, Kind.INTEGER);
  }

  /** Integral numbers come back exactly, up to {@code Long.MAX_VALUE}. */
  @Override
  public ProviderEvaluation<Long> getLongEvaluation(
      String key, Long defaultValue, @Nullable EvaluationContext context) {
    return resolve(key, defaultValue, context, Kind.LONG);
  }

  @Override
  public ProviderEvaluation<Double> getDoubleEvaluation(
      String key, Double defaultValue, @Nullable EvaluationContext context) {
    return resolve(key, defaultValue, context, Kind.DOUBLE);
  }

  /** JSON variants: an object as a {@code Structure}, an array as a {@code List<Value>}. */
  @Override
  public ProviderEvaluation<Value> getObjectEvaluation(
      String key, Value defaultValue, @Nullable EvaluationContext context) {
    return resolve(key, defaultValue, context, Kind.OBJECT);
  }

  private <T> ProviderEvaluation<T> resolve(
      String key, T defaultValue, @Nullable EvaluationContext context, Kind kind) {
    try {
      if (context == null) {
        return resolutions.error(
            defaultValue, ErrorCode.INVALID_CONTEXT, "the context was null", flags.version());
      }
      return resolutions.of(key, defaultValue, kind, evaluate(key, context));
    } catch (RuntimeException | StackOverflowError e) {
      return resolutions.error(
          defaultValue, ErrorCode.GENERAL, "evaluating flag '" + key + "' failed: " + e, "");
    }
  }

  /**
   * Evaluates once on one snapshot, with only the attributes the flag reads copied in ({@code
   * Flags.evaluate(key, source, mapper)}).
   */
  private Evaluation evaluate(String key, EvaluationContext context) {
    return flags.evaluate(key, context, contexts);
  }

  /** The flag's document metadata, if the served document is still the one of that version. */
  private @Nullable Map<String, Object> documentMetadata(String key, String version) {
    String served = flags.version();
    FlagInfo info = flags.flagInfo(key);
    if (!served.equals(version) || !flags.version().equals(served)) {
      return null;
    }
    return info == null ? Map.of() : info.metadata();
  }

  @Override
  public String toString() {
    return "FlagsProvider{" + flags + "}";
  }

  /**
   * Builds a {@link FlagsProvider}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Flags flags;
    private boolean closeOnShutdown;
    private Duration initializeTimeout = DEFAULT_INITIALIZE_TIMEOUT;
    private boolean disabledServesCallerDefault;

    private Builder(Flags flags) {
      this.flags = flags;
    }

    /**
     * Whether {@code shutdown} also closes the client (default false: the application owns it).
     *
     * @param close true to close the client with the provider
     * @return this builder
     */
    public Builder closeOnShutdown(boolean close) {
      this.closeOnShutdown = close;
      return this;
    }

    /**
     * How long {@code initialize} waits for the client's first document (default 2 s).
     *
     * @param timeout zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder initializeTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(
            "initializeTimeout must not be negative but was " + timeout);
      }
      this.initializeTimeout = timeout;
      return this;
    }

    /**
     * What a disabled, killed or off-schedule flag resolves to (reason DISABLED either way): its
     * off-variant, which the operator chose (default), or, with {@code true}, the caller's
     * default value and no variant, as flagd and the OpenFeature specification's test flags do.
     *
     * @param callerDefault true to resolve to the caller's default
     * @return this builder
     */
    public Builder disabledServesCallerDefault(boolean callerDefault) {
      this.disabledServesCallerDefault = callerDefault;
      return this;
    }

    /**
     * Builds the provider; nothing listens to the client until {@code initialize}.
     *
     * @return the provider
     */
    public FlagsProvider build() {
      return new FlagsProvider(this);
    }
  }
}
