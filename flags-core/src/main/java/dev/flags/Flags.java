package dev.flags;

import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.runtime.Controller;
import dev.flags.internal.runtime.SafetyOptions;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCell;
import dev.flags.sources.ClasspathSource;
import dev.flags.sources.MemorySource;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The flags client: evaluates flags from its current compiled snapshot, and lets operators change
 * what it serves at runtime.
 *
 * <pre>{@code
 * Flags flags = Flags.newBuilder()
 *     .source(ClasspathSource.of("flags/defaults.json"))          // bootstrap, lowest precedence
 *     .source(FileSource.watch(Path.of("/etc/myapp/flags.json")))  // overrides it flag by flag
 *     .build();
 * flags.awaitReady(Duration.ofSeconds(5));
 *
 * Context user = Context.newBuilder("user-42").set("country", "NZ").build();
 * if (flags.isEnabled("new-checkout", user)) {
 *   // new checkout
 * }
 * }</pre>
 *
 * <p><b>Evaluation never throws</b> and never blocks: an unknown flag, a type mismatch, a null
 * context or an internal error returns the caller's default ({@code false} for {@link
 * #isEnabled}); {@link #evaluate} says why with an {@link ErrorCode}. Unknown flags and type
 * mismatches are logged once per flag key on logger {@code dev.flags.evaluation}, never per call.
 *
 * <p><b>Consistency.</b> The client holds one immutable snapshot in a volatile field. Each
 * evaluation reads it once, so it sees one document version; new documents, kills and overrides
 * are compiled off to the side and published with a single write. A rejected document changes
 * nothing. For several evaluations that must agree, take a {@link #snapshot()}.
 *
 * <p><b>Operators</b> can {@link #kill kill} a flag or a {@link #killTag tag} of flags, {@link
 * #override override} a flag, {@link #rollback roll back} to an earlier snapshot, and read {@link
 * #status()} and {@link #history()}. Every change is written as one line to the SLF4J logger
 * {@code dev.flags.audit}.
 *
 * <p><b>Safety loop.</b> Optional {@link #metrics() metrics} count evaluations by flag, variant
 * and reason; an optional {@link ExposureListener} hears which context keys saw which variants;
 * a {@link Guardrail} on a flag kills it by itself when the outcomes the application reports
 * ({@link #recordFailure}, {@link #guard}) cross a threshold.
 *
 * <p>Thread-safe. {@link #close()} stops every thread the client owns.
 *
 * <p>This class is the API's facade, documented method by method; the work is done in {@code
 * dev.flags.internal.runtime}, which it hands every call to.
 *
 * @since 0.1.0
 */
public final class Flags extends EvaluationSupport implements AutoCloseable {
  /** The default number of accepted snapshots kept for {@link #rollback()}. */
  public static final int DEFAULT_HISTORY_SIZE = 10;

  /** The only mutable state the hot path reads: written once per swap, read once per call. */
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  private static final VarHandle SNAPSHOT;

  static {
    try {
      SNAPSHOT = MethodHandles.lookup().findVarHandle(Flags.class, "snapshot", Snapshot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Warnings warnings;
  private final Controller controller;
  private final MemorySource programmatic;

  private Flags(Builder b, Warnings warnings, List<FlagSource> sources, MemorySource programmatic) {
    super(warnings);
    this.warnings = warnings;
    this.programmatic = programmatic;
    this.controller = new Controller(
        sources,
        b.programmatic == null ? programmatic : null,
        new DocumentLoader(b.limits),
        b.clock,
        b.historySize,
        b.name,
        ApiValues.INSTANCE,
        b.safety(),
        new Cell());
  }

  /** {@link #snapshot} as the controller and the exposure tracker write it. */
  private final class Cell implements SnapshotCell {
    @Override
    public Snapshot get() {
      return snapshot;
    }

    @Override
    public void set(Snapshot next) {
      snapshot = next;
    }

    @Override
    public boolean compareAndSet(Snapshot expected, Snapshot next) {
      return SNAPSHOT.compareAndSet(Flags.this, expected, next);
    }
  }

  /**
   * A builder for a client.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  Snapshot current() {
    return snapshot;
  }

  /**
   * A handle to a boolean flag that skips the by-name lookup while the snapshot is unchanged.
   * Handles are cheap, thread-safe, and follow reloads.
   *
   * @param flagKey the flag key; the flag need not exist yet
   * @return the handle
   */
  public BooleanFlag booleanFlag(String flagKey) {
    return new BooleanFlag(this, Objects.requireNonNull(flagKey, "flagKey"));
  }

  /**
   * Pins the current snapshot: evaluations through the result all see this version and this
   * operator state, for the length of a request.
   *
   * @return the pinned snapshot
   */
  public FlagSnapshot snapshot() {
    return new FlagSnapshot(snapshot, warnings);
  }

  /**
   * Whether a document is being served.
   *
   * @return true once the first document has been accepted
   */
  public boolean isReady() {
    return snapshot.ready();
  }

  /**
   * Waits until the first document is served, at most {@code timeout}. Never blocks longer;
   * before that, evaluations return the caller's defaults with {@link ErrorCode#NOT_READY}.
   *
   * <p>Any layer makes the client ready: with a bundled default layer ({@link
   * ClasspathSource}) this returns at once, and a remote layer's document follows when it
   * arrives. To wait for every source, use {@link #awaitAllSources}. When every source has failed
   * for good (a class path resource that does not exist; see {@link ErrorInfo#isTerminal()}) this
   * returns false at once instead of waiting out the timeout, and {@link #status()} says why.
   *
   * @param timeout how long to wait at most
   * @return true if ready, false if the time ran out, no source can deliver, or the thread was
   *     interrupted
   */
  public boolean awaitReady(Duration timeout) {
    try {
      return controller.awaitReady(Objects.requireNonNull(timeout, "timeout"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return isReady();
    }
  }

  /**
   * Waits until every source has delivered its document (each listed in {@link #status()} is
   * {@link Status.State#READY}), at most {@code timeout}: for example, to start with the remote
   * document rather than the bundled defaults when it comes quickly. The client serves whatever it
   * has meanwhile.
   *
   * <pre>{@code
   * flags.awaitReady(Duration.ofSeconds(1));        // bundled defaults: at once
   * if (!flags.awaitAllSources(Duration.ofSeconds(2))) {
   *   log.warn("serving without every source: {}", flags.status());
   * }
   * }</pre>
   *
   * @param timeout how long to wait at most
   * @return true if every source is READY, false if the time ran out or the thread was
   *     interrupted
   */
  public boolean awaitAllSources(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    CountDownLatch done = new CountDownLatch(1);
    StatusListener listener = s -> {
      if (allSourcesReady(s)) {
        done.countDown();
      }
    };
    addStatusListener(listener);
    try {
      return allSourcesReady(status()) || done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return allSourcesReady(status());
    } finally {
      removeStatusListener(listener);
    }
  }

  private static boolean allSourcesReady(Status s) {
    for (SourceStatus source : s.sources()) {
      if (source.state() != Status.State.READY) {
        return false;
      }
    }
    return !s.sources().isEmpty();
  }

  /**
   * The keys of all flags being served.
   *
   * @return an unmodifiable set
   */
  public Set<String> flagKeys() {
    return snapshot.flags().keySet();
  }

  /**
   * What the served document says about a flag: description, owner, tags, variants, kill
   * switches.
   *
   * @param flagKey the flag key
   * @return the flag's information, or null if the served document has no such flag
   */
  public @Nullable FlagInfo flagInfo(String flagKey) {
    Snapshot s = snapshot;
    CompiledFlag f = s.flag(Objects.requireNonNull(flagKey, "flagKey"));
    if (f == null) {
      return null;
    }
    return FlagInfo.of(
        f.key(),
        f.description(),
        f.owner(),
        f.tags(),
        f.metadata(),
        f.enabled(),
        f.variantNames(),
        f.offVariantName(),
        s.isKilled(f),
        controller.guardrails().guardrail(f.key()));
  }

  /**
   * Validates and swaps in a new document for the client's programmatic layer (the one given to
   * {@link Builder#document(String)}, or an empty lowest-precedence layer). All or nothing: if
   * the document has any problem, nothing changes and the exception lists every problem. An
   * explicit load also releases a {@link #rollback()} pin.
   *
   * @param json the document
   * @throws InvalidDocumentException if the document is rejected, or the client is closed
   */
  public void load(String json) {
    loadBytes(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Like {@link #load(String)}, for UTF-8 bytes. The array is read during this call only (the
   * client keeps a compressed copy of the document), so the caller may reuse it afterwards.
   *
   * @param document the document
   * @throws InvalidDocumentException if the document is rejected, or the client is closed
   */
  public void load(byte[] document) {
    loadBytes(Objects.requireNonNull(document, "document"));
  }

  private void loadBytes(byte[] document) {
    LoadResult r = controller.loadExplicitly(programmatic, document);
    if (!r.isAccepted()) {
      throw new InvalidDocumentException(r.version(), r.problems());
    }
  }

  /** Asks every source to fetch now (e.g. from an admin endpoint after an emergency change). */
  public void refreshSources() {
    controller.refreshSources();
  }

  /**
   * Kills a flag locally: it serves its off-variant to everyone with reason {@link Reason#KILLED},
   * whatever any document says, until {@link #restore(String)}. Survives reloads. Visible to every
   * thread's next evaluation when this method returns.
   *
   * <p>A kill of a key the served document lacks (a typo, or a flag not published yet) is kept
   * and applies if a flag with that key appears; the method returns {@code false} and the audit
   * line says so. Check the result when the key comes from a person.
   *
   * @param flagKey the flag key
   * @param reason why, for the audit line and status
   * @return true if the served document has the flag, false if the kill waits for it
   */
  public boolean kill(String flagKey, String reason) {
    return controller.kill(
        Objects.requireNonNull(flagKey, "flagKey"), Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Kills every flag tagged {@code tag} (now and in later documents), like {@link #kill}.
   *
   * @param tag the tag, e.g. {@code "payments"}
   * @param reason why
   * @return the keys of the served flags that carry the tag now
   */
  public List<String> killTag(String tag, String reason) {
    return controller.killTag(
        Objects.requireNonNull(tag, "tag"), Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Lifts a local kill of a flag (a kill by tag stays until {@link #restoreTag}).
   *
   * @param flagKey the flag key
   * @return true if the flag was killed
   */
  public boolean restore(String flagKey) {
    return controller.restore(Objects.requireNonNull(flagKey, "flagKey"));
  }

  /**
   * Lifts a local kill by tag.
   *
   * @param tag the tag
   * @return true if the tag was killed
   */
  public boolean restoreTag(String tag) {
    return controller.restoreTag(Objects.requireNonNull(tag, "tag"));
  }

  /**
   * Forces a variant of a flag for everyone (reason {@link Reason#OVERRIDE}), until {@link
   * #clearOverride}. Kills and the document's kill switch still win. Survives reloads while the
   * flag and the variant exist.
   *
   * <p>Like {@link #kill}, an override of a key the served document lacks is kept and applies if
   * the flag appears with that variant; the method returns {@code false} and the audit line says
   * so.
   *
   * @param flagKey the flag key
   * @param variant a declared variant of the flag
   * @return true if the served document has the flag, false if the override waits for it
   * @throws IllegalArgumentException if the served flag does not declare {@code variant}
   */
  public boolean override(String flagKey, String variant) {
    return controller.override(
        Objects.requireNonNull(flagKey, "flagKey"),
        Objects.requireNonNull(variant, "variant"),
        null);
  }

  /**
   * Forces a variant of a flag for these context keys only; otherwise like {@link
   * #override(String, String)}.
   *
   * @param flagKey the flag key
   * @param variant a declared variant of the flag
   * @param keys the context keys
   * @return true if the served document has the flag, false if the override waits for it
   * @throws IllegalArgumentException if the served flag does not declare {@code variant}
   */
  public boolean override(String flagKey, String variant, List<String> keys) {
    return controller.override(
        Objects.requireNonNull(flagKey, "flagKey"),
        Objects.requireNonNull(variant, "variant"),
        List.copyOf(keys));
  }

  /**
   * Removes every override of a flag.
   *
   * @param flagKey the flag key
   * @return true if there was one
   */
  public boolean clearOverride(String flagKey) {
    return controller.clearOverride(Objects.requireNonNull(flagKey, "flagKey"));
  }

  /**
   * Serves the snapshot accepted before the one being served, and pins it: newer documents from
   * sources are validated and recorded but not served until {@link #unpin()} or an explicit
   * {@link #load}. Local kills and overrides still apply.
   *
   * @return the version now served
   * @throws IllegalStateException if history holds no earlier snapshot
   */
  public String rollback() {
    return controller.rollback();
  }

  /**
   * Serves (and pins) the snapshot with this version from history.
   *
   * @param version a version listed by {@link #history()}
   * @return the version now served
   * @throws IllegalArgumentException if history has no such version
   */
  public String rollbackTo(String version) {
    return controller.rollbackTo(Objects.requireNonNull(version, "version"));
  }

  /**
   * Releases a rollback pin: the latest accepted document serves again.
   *
   * @return true if the client was pinned
   */
  public boolean unpin() {
    return controller.unpin();
  }

  /**
   * The accepted snapshots kept for rollback, newest first.
   *
   * @return the history
   */
  public List<HistoryEntry> history() {
    return controller.history();
  }

  /**
   * Recompiles the served snapshot now if a schedule boundary has passed. The client does this by
   * itself at each boundary; call it after moving an injected test clock.
   *
   * @return true if a boundary had passed and a new snapshot is served
   */
  public boolean refreshSchedules() {
    return controller.refreshSchedules();
  }

  /**
   * The client's health and operator state now.
   *
   * @return the status
   */
  public Status status() {
    return controller.status();
  }

  /**
   * Adds a listener for every snapshot swap and every kill, restore and override that changes
   * what is served (see {@link ChangeListener} for threading).
   *
   * @param listener the listener
   */
  public void addChangeListener(ChangeListener listener) {
    controller.addChangeListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Adds a listener for status changes.
   *
   * @param listener the listener
   */
  public void addStatusListener(StatusListener listener) {
    controller.addStatusListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a change listener (added here or with {@link Builder#onChange}): its thread stops, and
   * events still queued for it are dropped. For adapters that live shorter than the client.
   *
   * @param listener the listener, as it was added
   * @return true if it was registered
   */
  public boolean removeChangeListener(ChangeListener listener) {
    return controller.removeChangeListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a status listener (added here or with {@link Builder#onStatus}): its thread stops,
   * and statuses still queued for it are dropped.
   *
   * @param listener the listener, as it was added
   * @return true if it was registered
   */
  public boolean removeStatusListener(StatusListener listener) {
    return controller.removeStatusListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The client's counts since it was built: evaluations by flag, variant and reason (when {@link
   * Builder#metrics(boolean) metrics} are on), and swaps, rejections, kills, guardrail trips and
   * exposures. Cumulative, for exporters that read totals (Micrometer, OpenTelemetry).
   *
   * @return an immutable snapshot of the counts
   */
  public FlagMetrics metrics() {
    return controller.metrics();
  }

  /**
   * The counts since the previous call (or since the client was built), for an exporter that
   * sends intervals; starts the next interval. {@link #metrics()} is not affected. Use from one
   * exporter only: each call takes the interval from the previous caller.
   *
   * @return the counts of the interval that ends now
   */
  public FlagMetrics resetMetrics() {
    return controller.resetMetrics();
  }

  /**
   * Reports that the code behind a flag succeeded for a context, for the flag's {@link
   * Guardrail}: counted against the variant the context is served now. Does nothing for a flag
   * without a guardrail. Allocation-free; never throws.
   *
   * @param flagKey the flag key
   * @param context who the code ran for
   */
  public void recordSuccess(String flagKey, Context context) {
    controller.guardrails().record(snapshot, flagKey, context, false, -1);
  }

  /**
   * Like {@link #recordSuccess(String, Context)}, with how long the code took (for a latency
   * threshold).
   *
   * @param flagKey the flag key
   * @param context who the code ran for
   * @param latencyNanos how long it took, in nanoseconds
   */
  public void recordSuccess(String flagKey, Context context, long latencyNanos) {
    controller.guardrails().record(snapshot, flagKey, context, false, latencyNanos);
  }

  /**
   * Reports that the code behind a flag failed for a context; when the failures cross the flag's
   * {@link Guardrail}, the flag is killed before this method returns.
   *
   * @param flagKey the flag key
   * @param context who the code ran for
   */
  public void recordFailure(String flagKey, Context context) {
    controller.guardrails().record(snapshot, flagKey, context, true, -1);
  }

  /**
   * Like {@link #recordFailure(String, Context)}, with how long the code took.
   *
   * @param flagKey the flag key
   * @param context who the code ran for
   * @param latencyNanos how long it took, in nanoseconds
   */
  public void recordFailure(String flagKey, Context context, long latencyNanos) {
    controller.guardrails().record(snapshot, flagKey, context, true, latencyNanos);
  }

  /**
   * Runs the path the flag chooses for a context: {@code newPath} when the context is served a
   * variant other than the flag's off-variant, else {@code oldPath} (also on any evaluation
   * error). For a flag with a {@link Guardrail}, the outcome and its duration count against the
   * served variant; when {@code newPath} throws, the failure is counted and {@code oldPath} runs
   * instead, so the caller gets the old behaviour rather than the exception.
   *
   * <pre>{@code
   * Receipt r = flags.guard("new-checkout", user, () -> newCheckout(cart), () -> oldCheckout(cart));
   * }</pre>
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param newPath the code behind the flag
   * @param oldPath the code without it
   * @param <T> the result type
   * @return what the path that ran returned
   */
  public <T> T guard(String flagKey, Context context, Supplier<T> newPath, Supplier<T> oldPath) {
    Snapshot s = snapshot;
    CompiledFlag f = s.flag(Objects.requireNonNull(flagKey, "flagKey"));
    Evaluation e = evaluateFlag(s, f, flagKey, context, null);
    return controller.guardrails().guard(f, e, newPath, oldPath);
  }

  /**
   * Sets a flag's guardrail in code; it replaces the one the document declares (if any) until
   * {@link #clearGuardrail}. A flag killed by its guardrail stays killed.
   *
   * @param flagKey the flag key; the flag need not exist yet
   * @param guardrail the guardrail
   */
  public void setGuardrail(String flagKey, Guardrail guardrail) {
    controller.setGuardrail(
        Objects.requireNonNull(flagKey, "flagKey"), Objects.requireNonNull(guardrail, "guardrail"));
  }

  /**
   * Removes a guardrail set in code; the document's, if any, applies again.
   *
   * @param flagKey the flag key
   * @return true if one was set in code
   */
  public boolean clearGuardrail(String flagKey) {
    return controller.setGuardrail(Objects.requireNonNull(flagKey, "flagKey"), null);
  }

  /**
   * Adds a listener told when a guardrail kills its flag.
   *
   * @param listener the listener
   */
  public void addGuardrailListener(GuardrailListener listener) {
    controller.addGuardrailListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a guardrail listener.
   *
   * @param listener the listener, as it was added
   * @return true if it was registered
   */
  public boolean removeGuardrailListener(GuardrailListener listener) {
    return controller.removeGuardrailListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Stops every source and every thread this client owns, waiting at most a few seconds.
   * Idempotent and safe to call concurrently with a reload. Evaluations keep answering from the
   * last snapshot afterwards.
   */
  @Override
  public void close() {
    controller.close();
  }

  @Override
  public String toString() {
    return "Flags{" + controller.id() + ", version=" + snapshot.version() + "}";
  }

  /**
   * Builds a {@link Flags} client. Sources are layered in the order they are added: a later
   * source overrides an earlier one flag by flag. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<FlagSource> sources = new ArrayList<>();
    private @Nullable MemorySource programmatic;
    private DocumentLimits limits = DocumentLimits.defaults();
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private int historySize = DEFAULT_HISTORY_SIZE;
    private @Nullable String name;
    private final List<ChangeListener> changeListeners = new ArrayList<>();
    private final List<StatusListener> statusListeners = new ArrayList<>();
    private final List<GuardrailListener> guardrailListeners = new ArrayList<>();
    private final SafetySettings safety = new SafetySettings();

    private Builder() {}

    SafetyOptions safety() {
      return safety.options(clockSet);
    }

    /**
     * Counts evaluations by flag, variant and reason, read with {@link Flags#metrics()} (default
     * off). Off, evaluation runs exactly as without metrics; on, each evaluation adds one to a
     * counter found by index (no lookup, no allocation).
     *
     * @param on whether to count
     * @return this builder
     */
    public Builder metrics(boolean on) {
      safety.metrics = on;
      return this;
    }

    /**
     * Sends an {@link Exposure} to {@code listener} the first time a context key sees a flag's
     * variant within the de-duplication period (default off). Delivered on a thread of the
     * client's own through a bounded queue that drops, and counts, what a slow listener cannot
     * take; the evaluating thread never waits.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onExposure(ExposureListener listener) {
      safety.exposureListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Bounds exposure de-duplication: at most {@code maxEntries} exposures are remembered, each
     * for {@code period} (default 1,000,000 and 5 minutes).
     *
     * @param maxEntries at least 1
     * @param period more than zero
     * @return this builder
     */
    public Builder exposureDedup(long maxEntries, Duration period) {
      safety.exposureDedup(maxEntries, period);
      return this;
    }

    /**
     * The capacity of the exposure queue (default 8,192), rounded up to a power of two.
     *
     * @param capacity from 2 to 2^24
     * @return this builder
     */
    public Builder exposureQueue(int capacity) {
      safety.exposureQueue(capacity);
      return this;
    }

    /**
     * Sets a flag's guardrail in code, replacing the one its document declares.
     *
     * @param flagKey the flag key
     * @param guardrail the guardrail
     * @return this builder
     */
    public Builder guardrail(String flagKey, Guardrail guardrail) {
      safety.guardrails.put(
          Objects.requireNonNull(flagKey, "flagKey"),
          Objects.requireNonNull(guardrail, "guardrail"));
      return this;
    }

    /**
     * Adds a listener told when a guardrail kills its flag.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onGuardrailTrip(GuardrailListener listener) {
      guardrailListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a source as the next layer, overriding the layers added before it flag by flag.
     *
     * @param source the source
     * @return this builder
     * @throws IllegalArgumentException if the source was already added
     */
    public Builder source(FlagSource source) {
      Objects.requireNonNull(source, "source");
      for (FlagSource s : sources) {
        if (s == source) {
          throw new IllegalArgumentException("source " + source.name() + " was already added");
        }
      }
      sources.add(source);
      return this;
    }

    /**
     * Adds an in-memory layer with this document; {@link Flags#load} replaces it later. An
     * invalid document makes {@link #build()} throw.
     *
     * @param json the flag document
     * @return this builder
     * @throws IllegalStateException if a document was already given
     */
    public Builder document(String json) {
      Objects.requireNonNull(json, "json");
      return document(MemorySource.of("document", json));
    }

    private Builder document(MemorySource source) {
      if (programmatic != null) {
        throw new IllegalStateException(
            "a document was already given; give one, or add more" + " layers with source(...)");
      }
      programmatic = source;
      return source(source);
    }

    /**
     * Like {@link #document(String)}, reading the file once now. To watch a file for changes, use
     * {@code source(FileSource.watch(file))}.
     *
     * @param file the flag document file
     * @return this builder
     * @throws UncheckedIOException if the file cannot be read
     */
    public Builder documentFile(Path file) {
      Objects.requireNonNull(file, "file");
      try {
        // Bytes, not text: the reader reports bad encodings as problems with positions.
        return document(MemorySource.of("document", Files.readAllBytes(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read flag document " + file + ": " + e, e);
      }
    }

    /**
     * Adds a class path resource as the next layer (see {@link ClasspathSource}).
     *
     * @param resource the resource name, e.g. {@code "flags/defaults.json"}
     * @return this builder
     */
    public Builder documentResource(String resource) {
      return source(ClasspathSource.of(resource));
    }

    /**
     * Sets the limits applied to every document this client reads.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(DocumentLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the clock for schedules, status, history, guardrail windows and exposure periods
     * (tests inject one they can move). With a clock set, guarded calls are also timed by it (to
     * the millisecond) instead of {@link System#nanoTime()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.clockSet = true;
      return this;
    }

    /**
     * How many accepted snapshots to keep for rollback (default {@value #DEFAULT_HISTORY_SIZE}).
     *
     * @param size at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder historySize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("history size must be at least 1 but was " + size);
      }
      this.historySize = size;
      return this;
    }

    /**
     * Names the client in thread names, status and audit lines (default {@code flags-N}).
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Adds a change listener before the first document, so it sees every swap.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onChange(ChangeListener listener) {
      changeListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a status listener before the sources start.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onStatus(StatusListener listener) {
      statusListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the client and starts its sources. Does not wait for remote sources: use {@link
     * Flags#awaitReady(Duration)}.
     *
     * @return the client
     * @throws InvalidDocumentException if a document given to {@link #document(String)} is
     *     rejected (listing every problem); the client is closed and leaves no thread behind
     */
    public Flags build() {
      List<FlagSource> all = new ArrayList<>(sources);
      MemorySource prog = programmatic;
      if (prog == null) {
        prog = MemorySource.empty("load");
        all.add(0, prog); // lowest precedence: code-defined defaults loaded with load(...)
      }
      Flags flags = new Flags(this, new Warnings(), all, prog);
      for (ChangeListener l : changeListeners) {
        flags.addChangeListener(l);
      }
      for (StatusListener l : statusListeners) {
        flags.addStatusListener(l);
      }
      for (GuardrailListener l : guardrailListeners) {
        flags.addGuardrailListener(l);
      }
      flags.controller.start();
      LoadResult first = programmatic == null ? null : programmatic.lastResult();
      if (first != null && !first.isAccepted()) {
        flags.close();
        throw new InvalidDocumentException(first.version(), first.problems());
      }
      return flags;
    }
  }
}
