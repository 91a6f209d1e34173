package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.ChangeListener;
import dev.flags.ErrorInfo;
import dev.flags.FlagMetrics;
import dev.flags.Guardrail;
import dev.flags.GuardrailListener;
import dev.flags.GuardrailTrip;
import dev.flags.HistoryEntry;
import dev.flags.Status;
import dev.flags.StatusListener;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.safety.ExposureTracker;
import dev.flags.internal.safety.Guardrails;
import dev.flags.internal.safety.MetricsRecorder;
import dev.flags.internal.safety.Trip;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCell;
import dev.flags.internal.snapshot.SnapshotCompiler;
import dev.flags.internal.snapshot.SnapshotDiff;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of a client: coordinates its source layers ({@link SourceLayer}), operator state
 * ({@link OperatorOverlay}), history and rollback ({@link SnapshotHistory}), schedule boundaries
 * ({@link ScheduleTimer}), status ({@link StatusTracker}), listeners, the audit trail ({@link
 * AuditLog}), and what watches evaluations ({@link ClientMetrics}).
 *
 * <p>One lock, {@link #lock}, guards every part; each part is documented as not thread-safe and
 * is touched only here, under it. Every change ends in {@link #commit}: it publishes a new
 * snapshot when what is served or the overlay changed (one write of the client's volatile field),
 * writes the audit line, delivers the change event and the status once. Readers never lock. With
 * exposures on, the exposure tracker may swap what the field holds for the same snapshot without
 * the exposure tap while its queue is full ({@code ExposureGate}); it never replaces a newer one.
 *
 * <p>What sources deliver is taken in by {@link DocumentIntake}, what operators do by {@link
 * OperatorControls}: the public methods and the source callbacks take the lock and hand over to
 * one of them; they call back the package-private methods here with the lock held.
 */
public final class Controller implements AutoCloseable {
  private static final Logger SOURCE_LOG = LoggerFactory.getLogger("dev.flags.source");
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final String id;
  private final Clock clock;
  private final ApiFactory api;
  private final SnapshotCell served;
  private final Layers layers;
  private final ClientMetrics metrics;
  private final Guardrails guardrails;
  private final int maxDocumentBytes;

  private final Object lock = new Object();
  private final ClientThreads threads;
  private final ReadyGate ready = new ReadyGate();
  private final AtomicBoolean closed = new AtomicBoolean();

  // Guarded by lock.
  private final SnapshotHistory history;
  private final OperatorOverlay overlay = new OperatorOverlay();
  private final StatusTracker status;
  private final ScheduleTimer boundaries;
  private final AuditLog audit = new AuditLog();
  private final DocumentIntake intake;
  private final OperatorControls operations;
  /** The base snapshot being served, without the overlay. */
  private Snapshot servedBase = Snapshot.EMPTY;
  /** What the client's field holds: the served base with the overlay. */
  private Snapshot published = Snapshot.EMPTY;
  /** Flags their guardrail killed, until restored. */
  private final Map<String, GuardrailTrip> trips = new LinkedHashMap<>();

  /**
   * A controller; nothing runs until {@link #start()}.
   *
   * @param sources the layers, lowest precedence first
   * @param implicitLayer the builder's own empty layer among them, or null
   * @param loader reads, validates and compiles documents
   * @param clock the client's clock
   * @param historySize accepted documents kept for rollback
   * @param name the client's name, or null for {@code flags-N}
   * @param api builds the public value types
   * @param safety metrics, exposures and guardrails
   * @param served the client's snapshot field
   */
  public Controller(
      List<FlagSource> sources,
      @Nullable FlagSource implicitLayer,
      DocumentLoader loader,
      Clock clock,
      int historySize,
      @Nullable String name,
      ApiFactory api,
      SafetyOptions safety,
      SnapshotCell served) {
    this.id = name != null ? name : "flags-" + IDS.incrementAndGet();
    this.clock = clock;
    this.api = api;
    this.served = served;
    this.history = new SnapshotHistory(historySize);
    this.layers = new Layers(sources, implicitLayer);
    this.maxDocumentBytes = loader.maxDocumentBytes();
    this.threads = new ClientThreads(id);
    this.status = new StatusTracker(api, threads.statusListeners()::submit);
    this.boundaries = new ScheduleTimer(threads.scheduler(), clock, this::refreshSchedulesSafely);
    // The parts call back into this coordinator only once sources start.
    this.intake = new DocumentIntake(this, loader, layers, history, audit);
    this.operations = new OperatorControls(this, overlay, history, audit);
    this.metrics = new ClientMetrics(safety, clock, api);
    LongSupplier timer = safety.nanoTimer() ? System::nanoTime : () -> clock.millis() * 1_000_000L;
    this.guardrails = new Guardrails(clock, timer, this::guardrailTripped);
    for (Map.Entry<String, Guardrail> e : safety.guardrails().entrySet()) {
      guardrails.set(e.getKey(), e.getValue(), servedBase);
    }
    Snapshot initial = metrics.observe(Snapshot.EMPTY);
    if (initial != Snapshot.EMPTY) {
      servedBase = initial;
      published = initial;
      metrics.publish(initial, served);
    }
  }

  /** Starts every source, lowest precedence first. A source that throws is reported, not fatal. */
  public void start() {
    ExposureTracker x = metrics.exposures();
    if (x != null) {
      threads.startWorker("exposure-listener", x);
    }
    for (SourceLayer layer : layers) {
      LayerContext context = new LayerContext(this, layer);
      try {
        layer.source.start(context);
      } catch (RuntimeException e) {
        SOURCE_LOG.warn("source {} failed to start: {}", layer.name, e.toString());
        SOURCE_LOG.debug("source {} failed to start", layer.name, e);
        failed(
            layer, ErrorInfo.of(ErrorInfo.Kind.UNKNOWN, "failed to start: " + e, clock.instant()));
      }
    }
    synchronized (lock) {
      commit(null, false, null);
    }
  }

  public String id() {
    return id;
  }

  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout);
  }

  Clock clock() {
    return clock;
  }

  /** A scheduler of its own for a source (see {@link ClientThreads}). */
  ScheduledThreadPoolExecutor sourceScheduler() {
    return threads.sourceScheduler();
  }

  int maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /** A swap of the served base: what {@link #commit} announces. */
  record Swap(
      ChangeEvent.Cause cause,
      String source,
      Snapshot before,
      Snapshot after,
      SnapshotDiff diff,
      @Nullable String note) {}

  /**
   * Ends every change: publishes when the served base or the overlay changed, writes the audit
   * line, announces a swap (change event, next schedule boundary) and delivers the status if it
   * changed.
   */
  void commit(@Nullable Swap swap, boolean overlayChanged, @Nullable Runnable auditLine) {
    if (swap != null || overlayChanged) {
      Snapshot next = overlay.applyTo(servedBase);
      published = next;
      metrics.publish(next, served);
    }
    if (auditLine != null) {
      auditLine.run();
    }
    if (swap != null) {
      SnapshotDiff d = swap.diff();
      threads
          .changeListeners()
          .submit(api.changeEvent(
              swap.cause(),
              swap.source(),
              swap.before().version(),
              swap.after().version(),
              d.added(),
              d.removed(),
              d.changed(),
              clock.instant()));
      if (!closed.get()) {
        boundaries.schedule(swap.after().nextBoundary());
      }
    }
    status.publish(computeStatus());
  }

  private Status computeStatus() {
    return status.compute(new StatusTracker.Inputs(
        closed.get(),
        servedBase.ready(),
        published.version(),
        layers.listed(),
        history,
        servedBase.version(),
        overlay,
        trips));
  }

  /** Counts a rejected document. */
  void countRejection() {
    metrics.count(MetricsRecorder.Event.REJECTIONS);
  }

  /** Counts an operator's kill. */
  void countKill() {
    metrics.count(MetricsRecorder.Event.KILLS);
  }

  /** A guardrail tripped, on the reporting thread: kill the flag, announce the trip. */
  private void guardrailTripped(Trip t) {
    synchronized (lock) {
      if (closed.get()) {
        return;
      }
      metrics.count(MetricsRecorder.Event.KILLS);
      metrics.count(MetricsRecorder.Event.GUARDRAIL_TRIPS);
      String description = t.describe();
      GuardrailTrip trip = api.guardrailTrip(
          t.flagKey(),
          t.guardrail(),
          t.threshold(),
          new long[] {
            t.calls(), t.failures(), t.controlCalls(), t.controlFailures(), t.timed(), t.slow()
          },
          servedBase.version(),
          clock.instant(),
          description);
      trips.put(t.flagKey(), trip);
      operations.guardrailKill(t.flagKey(), description);
      threads.guardrailListeners().submit(trip);
    }
  }

  /** An operator (or a new document) restored a flag: its guardrail starts afresh. */
  void guardrailRestored(String flagKey) {
    trips.remove(flagKey);
    guardrails.reset(flagKey);
  }

  /** Replaces the served base; the caller commits the returned swap. */
  Swap serve(
      SnapshotHistory.Entry entry,
      Snapshot base,
      ChangeEvent.Cause cause,
      String source,
      @Nullable SnapshotDiff known,
      @Nullable String note) {
    Snapshot before = servedBase;
    SnapshotDiff diff = known != null ? known : SnapshotDiff.between(before, base);
    history.serve(entry);
    servedBase = metrics.observe(base);
    guardrails.update(servedBase);
    return new Swap(cause, source, before, servedBase, diff, note);
  }

  void commitSwap(Swap swap) {
    metrics.count(MetricsRecorder.Event.SWAPS);
    commit(swap, false, () -> {
      if (swap.cause() == ChangeEvent.Cause.UPDATE || swap.cause() == ChangeEvent.Cause.SCHEDULE) {
        audit.swap(
            swap.before().version(),
            swap.after().version(),
            swap.cause(),
            swap.source(),
            swap.diff().summary(),
            swap.note());
      }
    });
    if (swap.cause() == ChangeEvent.Cause.UPDATE) {
      for (String flag : new ArrayList<>(trips.keySet())) {
        Guardrail g = guardrails.guardrail(flag);
        if (g != null && g.restoreOnNewDocument() && swap.diff().changed().containsKey(flag)) {
          operations.guardrailRestore(flag);
        }
      }
    }
  }

  /**
   * Sends the change event of an operator's kill, restore or override, once it is committed: one
   * event naming the served flags it affects, each with {@code part}; nothing if it affects none.
   */
  void announce(ChangeEvent.Cause cause, String action, List<String> flags, String part) {
    if (flags.isEmpty() || closed.get()) {
      return;
    }
    Map<String, Set<String>> changed = new TreeMap<>();
    for (String f : flags) {
      changed.put(f, Set.of(part));
    }
    String version = published.version();
    threads
        .changeListeners()
        .submit(api.changeEvent(
            cause, action, version, version, List.of(), List.of(), changed, clock.instant()));
  }

  /** The keys of the served flags that are killed in what the client's field holds. */
  Set<String> killedFlags() {
    Set<String> out = new HashSet<>();
    for (CompiledFlag f : published.flagList()) {
      if (published.isKilled(f)) {
        out.add(f.key());
      }
    }
    return out;
  }

  boolean isClosed() {
    return closed.get();
  }

  Instant now() {
    return clock.instant();
  }

  /** The base snapshot being served, without the overlay. */
  Snapshot servedBase() {
    return servedBase;
  }

  /** The version the client's field holds. */
  String publishedVersion() {
    return published.version();
  }

  /** Opens the readiness gate (once a first document is served). */
  void markReady() {
    ready.open();
  }

  /** Releases {@link #awaitReady} waiters when no source can deliver a document any more. */
  void markHopeless() {
    ready.giveUp();
  }

  /** Compiles a history entry for now. */
  Snapshot compile(SnapshotHistory.Entry e) {
    return SnapshotCompiler.compile(e.document(), clock.instant());
  }

  LoadResult update(SourceLayer layer, byte[] bytes, @Nullable String staleNote, boolean explicit) {
    synchronized (lock) {
      return intake.update(layer, bytes, staleNote, explicit);
    }
  }

  void unchanged(SourceLayer layer) {
    synchronized (lock) {
      intake.unchanged(layer);
    }
  }

  void clear(SourceLayer layer) {
    synchronized (lock) {
      intake.clear(layer);
    }
  }

  void failed(SourceLayer layer, ErrorInfo error) {
    synchronized (lock) {
      intake.failed(layer, error);
    }
  }

  void note(SourceLayer layer, @Nullable String note) {
    synchronized (lock) {
      layer.note(note);
      commit(null, false, null);
    }
  }

  /**
   * Delivers a document through the layer of {@code source}, as an explicit operator load.
   *
   * @param source one of this client's sources
   * @param document the document's bytes
   * @return what was done with it
   */
  public LoadResult loadExplicitly(FlagSource source, byte[] document) {
    SourceLayer l = layers.of(source);
    if (l == null) {
      throw new IllegalArgumentException("not a source of this client: " + source.name());
    }
    return update(l, document, null, true);
  }

  public boolean kill(String flagKey, String reason) {
    synchronized (lock) {
      return operations.kill(flagKey, reason);
    }
  }

  public List<String> killTag(String tag, String reason) {
    synchronized (lock) {
      return operations.killTag(tag, reason);
    }
  }

  public boolean restore(String flagKey) {
    synchronized (lock) {
      return operations.restore(flagKey);
    }
  }

  public boolean restoreTag(String tag) {
    synchronized (lock) {
      return operations.restoreTag(tag);
    }
  }

  public boolean override(String flagKey, String variant, @Nullable List<String> keys) {
    synchronized (lock) {
      return operations.override(flagKey, variant, keys);
    }
  }

  public boolean clearOverride(String flagKey) {
    synchronized (lock) {
      return operations.clearOverride(flagKey);
    }
  }

  public String rollback() {
    synchronized (lock) {
      return operations.rollback();
    }
  }

  public String rollbackTo(String version) {
    synchronized (lock) {
      return operations.rollbackTo(version);
    }
  }

  public boolean unpin() {
    synchronized (lock) {
      return operations.unpin();
    }
  }

  public List<HistoryEntry> history() {
    synchronized (lock) {
      List<HistoryEntry> out = new ArrayList<>();
      for (SnapshotHistory.Entry e : history.newestFirst()) {
        out.add(api.historyEntry(e.version(), e.source(), e.loadedAt(), e.summary()));
      }
      return out;
    }
  }

  private void refreshSchedulesSafely() {
    try {
      refreshSchedules();
    } catch (RuntimeException e) {
      SOURCE_LOG.error("schedule refresh failed: {}", e.toString());
      SOURCE_LOG.debug("schedule refresh failed", e);
    }
  }

  /** Recompiles the served snapshot if a schedule boundary has passed; true if it did. */
  public boolean refreshSchedules() {
    synchronized (lock) {
      SnapshotHistory.Entry served = history.served();
      if (served == null || closed.get()) {
        return false;
      }
      if (clock.millis() < servedBase.nextBoundary()) {
        boundaries.schedule(servedBase.nextBoundary());
        return false;
      }
      commitSwap(
          serve(served, compile(served), ChangeEvent.Cause.SCHEDULE, "schedule", null, null));
      return true;
    }
  }

  public Status status() {
    synchronized (lock) {
      return computeStatus();
    }
  }

  public void addChangeListener(ChangeListener listener) {
    threads.changeListeners().add(listener, listener::onChange);
  }

  public void addStatusListener(StatusListener listener) {
    threads.statusListeners().add(listener, listener::onStatus);
  }

  public boolean removeChangeListener(ChangeListener listener) {
    return threads.changeListeners().remove(listener);
  }

  public boolean removeStatusListener(StatusListener listener) {
    return threads.statusListeners().remove(listener);
  }

  /**
   * The client's counts since it was built.
   *
   * @return the metrics
   */
  public FlagMetrics metrics() {
    return metrics.sinceStart();
  }

  /**
   * The client's counts since the previous reset, and a new interval.
   *
   * @return the metrics of the interval that ends now
   */
  public FlagMetrics resetMetrics() {
    return metrics.reset();
  }

  /**
   * The client's guardrails: reporting calls go straight to it, without the lock.
   *
   * @return the guardrails
   */
  public Guardrails guardrails() {
    return guardrails;
  }

  /**
   * Sets (or, with null, clears) a guardrail in code.
   *
   * @param flagKey the flag
   * @param guardrail the guardrail, or null to go back to the document's
   * @return true if that changed the flag's guardrail
   */
  public boolean setGuardrail(String flagKey, @Nullable Guardrail guardrail) {
    synchronized (lock) {
      return guardrails.set(flagKey, guardrail, servedBase);
    }
  }

  public void addGuardrailListener(GuardrailListener listener) {
    threads.guardrailListeners().add(listener, listener::onTrip);
  }

  public boolean removeGuardrailListener(GuardrailListener listener) {
    return threads.guardrailListeners().remove(listener);
  }

  public void refreshSources() {
    for (SourceLayer l : layers) {
      try {
        l.source.refresh();
      } catch (RuntimeException e) {
        SOURCE_LOG.warn("source {} refresh failed: {}", l.name, e.toString());
      }
    }
  }

  /** Stops sources, the scheduler and listener threads, waiting at most a few seconds. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (lock) {
      // Waits for a swap in progress: everything under the lock checks closed, so nothing
      // schedules or notifies on the executors shut down below.
      boundaries.cancel();
    }
    for (SourceLayer l : layers) {
      try {
        l.source.close();
      } catch (RuntimeException e) {
        SOURCE_LOG.warn("source {} failed to close: {}", l.name, e.toString());
      }
    }
    threads.shutdown(CLOSE_WAIT.toNanos());
    String version;
    synchronized (lock) {
      version = published.version();
    }
    audit.close(id, version);
  }
}
