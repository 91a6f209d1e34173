package dev.flags.micrometer;

import dev.flags.EvaluationCount;
import dev.flags.FlagMetrics;
import dev.flags.Flags;
import dev.flags.SourceStatus;
import dev.flags.Status;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Exports a {@link Flags} client to Micrometer. Meters (all function-based: nothing is counted
 * twice, the client keeps the counts):
 *
 * <ul>
 *   <li>{@code feature_flag.evaluations} (counter; needs {@code Flags.Builder.metrics(true)}):
 *       tags {@code feature_flag.key}, {@code feature_flag.result.variant}, {@code
 *       feature_flag.result.reason} (OpenTelemetry's lower-case reasons), {@code error.type}
 *       (lower-case error code, empty when none) and {@code feature_flag.version}. Never the
 *       context key. A row first counted after binding is registered at the next read of any
 *       meter of this binder (the next scrape), from then on.
 *   <li>{@code flags.swaps}, {@code flags.rejections}, {@code flags.kills}, {@code
 *       flags.guardrail.trips}, {@code flags.exposures}, {@code flags.exposures.dropped}
 *       (counters); {@code flags.exposures.shed} (function timer): how many times the client
 *       shed exposures because the listener's queue was full, and for how long in all.
 *   <li>{@code flags.killed} (gauge): flags killed now; {@code flags.state} (gauge, tag {@code
 *       state}): 1 for the client's state, 0 for the others.
 *   <li>{@code flags.source.state} (gauge, tags {@code source} and {@code state}) and {@code
 *       flags.source.<counter>} (counter, tag {@code source}) for each counter a source keeps,
 *       such as an HTTP source's {@code requests}, {@code notModified} and {@code failures}.
 * </ul>
 *
 * <p>Reads go through a snapshot of the client's metrics and status taken at most once per
 * {@value #REFRESH_MILLIS} ms, so a scrape of many meters costs one read. Thread-safe; owns no
 * thread.
 *
 * <pre>{@code
 * new FlagsMeterBinder(flags).bindTo(registry);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FlagsMeterBinder implements MeterBinder {
  /** How long one read of the client's metrics and status serves the meters. */
  public static final long REFRESH_MILLIS = 1_000;

  static final String EVALUATIONS = "feature_flag.evaluations";

  private final Flags flags;
  private final Tags tags;
  private final Set<List<String>> registered = ConcurrentHashMap.newKeySet();
  private volatile @Nullable Reading reading;
  private volatile @Nullable MeterRegistry registry;

  /** One read of the client: evaluation rows by tag values, the metrics and the status. */
  private record Reading(
      Map<List<String>, Long> rows, FlagMetrics metrics, Status status, long nanos) {}

  /**
   * A binder for a client.
   *
   * @param flags the client
   */
  public FlagsMeterBinder(Flags flags) {
    this(flags, Tags.empty());
  }

  /**
   * A binder for a client that adds {@code tags} to every meter (e.g. the client's name).
   *
   * @param flags the client
   * @param tags extra tags
   */
  public FlagsMeterBinder(Flags flags, Iterable<Tag> tags) {
    this.flags = Objects.requireNonNull(flags, "flags");
    this.tags = Tags.of(tags);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Reading r = read();
    counter(registry, "flags.swaps", "documents served", m -> m.metrics.swaps());
    counter(registry, "flags.rejections", "documents rejected", m -> m.metrics.rejections());
    counter(registry, "flags.kills", "kills by operators and guardrails", m -> m.metrics.kills());
    counter(
        registry, "flags.guardrail.trips", "guardrails tripped", m -> m.metrics.guardrailTrips());
    counter(registry, "flags.exposures", "exposures delivered", m -> m.metrics.exposures());
    counter(
        registry,
        "flags.exposures.dropped",
        "exposures dropped: the listener's queue was full",
        m -> m.metrics.exposuresDropped());
    FunctionTimer.builder(
            "flags.exposures.shed",
            this,
            b -> b.read().metrics.exposureSheds(),
            b -> b.read().metrics.exposureShedTime().toMillis(),
            TimeUnit.MILLISECONDS)
        .description("spells of shedding exposures: the listener's queue was full")
        .tags(tags)
        .register(registry);
    Gauge.builder("flags.killed", this, b -> b.read().status.killedFlags().size())
        .description("flags killed now")
        .tags(tags)
        .register(registry);
    for (Status.State state : Status.State.values()) {
      Gauge.builder("flags.state", this, b -> b.read().status.state() == state ? 1 : 0)
          .description("1 for the client's state")
          .tags(tags.and("state", lower(state)))
          .register(registry);
    }
    for (SourceStatus s : r.status.sources()) {
      String source = s.name();
      for (Status.State state : Status.State.values()) {
        Gauge.builder("flags.source.state", this, b -> sourceState(b, source, state))
            .description("1 for the source's state")
            .tags(tags.and("source", source, "state", lower(state)))
            .register(registry);
      }
      for (String counter : s.counters().keySet()) {
        FunctionCounter.builder(
                "flags.source." + counter, this, b -> sourceCounter(b, source, counter))
            .description("the source's own counter " + counter)
            .tags(tags.and("source", source))
            .register(registry);
      }
    }
    registerRows(r);
  }

  private void counter(
      MeterRegistry registry, String name, String description, ToDoubleFunction<Reading> f) {
    FunctionCounter.builder(name, this, b -> f.applyAsDouble(b.read()))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private static double sourceState(FlagsMeterBinder b, String source, Status.State state) {
    for (SourceStatus s : b.read().status.sources()) {
      if (s.name().equals(source)) {
        return s.state() == state ? 1 : 0;
      }
    }
    return 0;
  }

  private static double sourceCounter(FlagsMeterBinder b, String source, String counter) {
    for (SourceStatus s : b.read().status.sources()) {
      if (s.name().equals(source)) {
        Long v = s.counters().get(counter);
        return v == null ? 0 : v;
      }
    }
    return 0;
  }

  /** The current reading, refreshed when older than {@link #REFRESH_MILLIS}. */
  private Reading read() {
    Reading r = reading;
    if (r != null && fresh(r)) {
      return r;
    }
    synchronized (this) {
      r = reading;
      if (r != null && fresh(r)) {
        return r;
      }
      FlagMetrics m = flags.metrics();
      Map<List<String>, Long> rows = new ConcurrentHashMap<>();
      for (EvaluationCount c : m.evaluations()) {
        rows.merge(rowTags(c), c.count(), Long::sum);
      }
      r = new Reading(rows, m, flags.status(), System.nanoTime());
      reading = r;
    }
    registerRows(r);
    return r;
  }

  private static boolean fresh(Reading r) {
    return System.nanoTime() - r.nanos < REFRESH_MILLIS * 1_000_000;
  }

  /**
   * Reads the client now rather than at the next expiry: registers rows counted since, and makes
   * the meters show the counts of this moment.
   */
  public void refresh() {
    reading = null;
    read();
  }

  private void registerRows(Reading r) {
    MeterRegistry reg = registry;
    if (reg == null) {
      return;
    }
    for (List<String> row : r.rows.keySet()) {
      if (registered.add(row)) {
        FunctionCounter.builder(EVALUATIONS, this, b -> b.read().rows.getOrDefault(row, 0L))
            .description("flag evaluations by flag, variant and reason")
            .baseUnit("evaluations")
            .tags(tags.and(
                "feature_flag.key", row.get(0),
                "feature_flag.result.variant", row.get(1),
                "feature_flag.result.reason", row.get(2),
                "error.type", row.get(3),
                "feature_flag.version", row.get(4)))
            .register(reg);
      }
    }
  }

  /** The tag values of a row: several of the client's rows may share them (they are summed). */
  static List<String> rowTags(EvaluationCount c) {
    String variant = c.variant();
    String error = c.errorType();
    return List.of(
        c.flagKey(),
        variant == null ? "" : variant,
        c.openTelemetryReason(),
        error == null ? "" : error,
        c.version());
  }

  private static String lower(Status.State s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
