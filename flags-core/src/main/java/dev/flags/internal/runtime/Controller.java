package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.ChangeListener;
import dev.flags.ErrorInfo;
import dev.flags.HistoryEntry;
import dev.flags.Problem;
import dev.flags.Status;
import dev.flags.StatusListener;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.document.DocumentResult;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCompiler;
import dev.flags.internal.snapshot.SnapshotDiff;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of a client: coordinates its source layers ({@link SourceLayer}), operator state
 * ({@link OperatorOverlay}), history and rollback ({@link SnapshotHistory}), schedule boundaries
 * ({@link ScheduleTimer}), status ({@link StatusTracker}), listeners and the audit trail ({@link
 * AuditLog}).
 *
 * <p>One lock, {@link #lock}, guards every part; each part is documented as not thread-safe and
 * is touched only here, under it. Every change ends in {@link #commit}: it publishes a new
 * snapshot when what is served or the overlay changed (one write of the client's volatile field),
 * writes the audit line, delivers the change event and the status once. Readers never lock.
 */
public final class Controller implements AutoCloseable {
  private static final Logger SOURCE_LOG = LoggerFactory.getLogger("dev.flags.source");
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final String id;
  private final DocumentLoader loader;
  private final Clock clock;
  private final ApiFactory api;
  private final Consumer<Snapshot> publisher;
  private final List<SourceLayer> layers;
  /** The client's own empty layer, when the builder added it: it never makes a client ready. */
  private final @Nullable FlagSource implicitLayer;

  private final Object lock = new Object();
  private final ScheduledThreadPoolExecutor scheduler;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Listeners<ChangeEvent> changeListeners;
  private final Listeners<Status> statusListeners;

  // Guarded by lock.
  private final SnapshotHistory history;
  private final OperatorOverlay overlay = new OperatorOverlay();
  private final StatusTracker status;
  private final ScheduleTimer boundaries;
  private final AuditLog audit = new AuditLog();
  /** The base snapshot of the latest accepted document, served or not. */
  private @Nullable Snapshot latestBase;
  /** The base snapshot being served, without the overlay. */
  private Snapshot servedBase = Snapshot.EMPTY;
  /** What the client's field holds: the served base with the overlay. */
  private Snapshot published = Snapshot.EMPTY;

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
   * @param publisher writes the client's volatile snapshot field
   */
  public Controller(
      List<FlagSource> sources,
      @Nullable FlagSource implicitLayer,
      DocumentLoader loader,
      Clock clock,
      int historySize,
      @Nullable String name,
      ApiFactory api,
      Consumer<Snapshot> publisher) {
    this.implicitLayer = implicitLayer;
    this.id = name != null ? name : "flags-" + IDS.incrementAndGet();
    this.loader = loader;
    this.clock = clock;
    this.api = api;
    this.publisher = publisher;
    this.history = new SnapshotHistory(historySize);
    List<SourceLayer> l = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      l.add(new SourceLayer(i, sources.get(i)));
    }
    this.layers = List.copyOf(l);
    ClientThreads threads = new ClientThreads(id);
    this.scheduler = new ScheduledThreadPoolExecutor(1, threads.factory("scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.changeListeners = new Listeners<>("change-listener", threads);
    this.statusListeners = new Listeners<>("status-listener", threads);
    this.status = new StatusTracker(api, statusListeners::submit);
    this.boundaries = new ScheduleTimer(scheduler, clock, this::refreshSchedulesSafely);
  }

  /** Starts every source, lowest precedence first. A source that throws is reported, not fatal. */
  public void start() {
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
    return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  Clock clock() {
    return clock;
  }

  ScheduledThreadPoolExecutor scheduler() {
    return scheduler;
  }

  // The one commit step.

  /** A swap of the served base: what {@link #commit} announces. */
  private record Swap(
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
  private void commit(@Nullable Swap swap, boolean overlayChanged, @Nullable Runnable auditLine) {
    if (swap != null || overlayChanged) {
      Snapshot next = overlay.applyTo(servedBase);
      published = next;
      publisher.accept(next);
    }
    if (auditLine != null) {
      auditLine.run();
    }
    if (swap != null) {
      SnapshotDiff d = swap.diff();
      changeListeners.submit(api.changeEvent(
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
        layers,
        history,
        servedBase.version(),
        overlay));
  }

  /** Replaces the served base; the caller commits the returned swap. */
  private Swap serve(
      SnapshotHistory.Entry entry,
      Snapshot base,
      ChangeEvent.Cause cause,
      String source,
      @Nullable SnapshotDiff known,
      @Nullable String note) {
    Snapshot before = servedBase;
    SnapshotDiff diff = known != null ? known : SnapshotDiff.between(before, base);
    history.serve(entry);
    servedBase = base;
    return new Swap(cause, source, before, base, diff, note);
  }

  private void commitSwap(Swap swap) {
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
  }

  // Documents from sources.

  LoadResult update(SourceLayer layer, byte[] bytes, @Nullable String staleNote, boolean explicit) {
    synchronized (lock) {
      if (closed.get()) {
        return LoadResult.rejected(null, List.of(Problem.of("$", "client is closed")));
      }
      DocumentResult<ParsedDocument> read = loader.read(bytes);
      if (read instanceof DocumentResult.Rejected<ParsedDocument> r) {
        layer.defer(null, null);
        return reject(layer, r);
      }
      ParsedDocument doc = read.orThrow();
      if (otherLayersHaveDocuments(layer)
          && loader.validateLayer(doc) instanceof DocumentResult.Rejected<FlagDocument> r) {
        // Alone first, so that its own problems name it.
        layer.defer(null, null);
        return reject(layer, r);
      }
      if (doc.equals(layer.document()) && !(explicit && history.isPinned())) {
        // The same document again (a re-created file, a source without conditional requests):
        // nothing to swap, and no duplicate in history that rollback() would step onto.
        layer.sameDocument(staleNote, clock.instant());
        commit(null, false, null);
        return LoadResult.accepted(doc.version());
      }
      return accept(layer, doc, staleNote, explicit, null);
    }
  }

  /**
   * Merges a layer's candidate with the others, validates the whole, and serves it. A candidate
   * that is valid on its own but not together with the other layers (a reference to a segment or
   * flag that no layer defines yet) is rejected and kept: it is tried again whenever another layer
   * changes, so a layer that starts before the layer it refers to still applies.
   */
  private LoadResult accept(
      SourceLayer layer,
      @Nullable ParsedDocument doc,
      @Nullable String staleNote,
      boolean explicit,
      @Nullable String auditNote) {
    ParsedDocument merged = merge(layer, doc);
    DocumentResult<FlagDocument> checked = loader.validate(merged);
    if (checked instanceof DocumentResult.Rejected<FlagDocument> r) {
      boolean keep = doc != null
          && layers.size() > 1
          && loader.validateLayer(doc) instanceof DocumentResult.Ok<FlagDocument>;
      layer.defer(keep ? doc : null, staleNote);
      return reject(layer, r);
    }
    FlagDocument valid = checked.orThrow();
    Instant now = clock.instant();
    Snapshot base = loader.compile(valid, merged, now);
    layer.accepted(doc, staleNote, now);
    Snapshot previous = latestBase;
    SnapshotDiff diff = previous == null ? null : SnapshotDiff.between(previous, base);
    SnapshotHistory.Entry entry = new SnapshotHistory.Entry(
        valid, base.fingerprints(), layer.name, now, diff == null ? "initial" : diff.summary());
    latestBase = base;
    history.add(entry);
    String note = auditNote;
    if (explicit && history.releaseForExplicitLoad()) {
      note = (note == null ? "" : note + "; ") + "explicit load: rollback pin released";
    }
    if (history.isPinned()) {
      String served = servedBase.version();
      commit(
          null,
          false,
          () -> audit.acceptWhilePinned(valid.version(), layer.name, served, entry.summary()));
    } else {
      // The diff against the latest is the diff against what is served, unless a pin intervened.
      commitSwap(serve(
          entry,
          base,
          ChangeEvent.Cause.UPDATE,
          layer.name,
          previous == servedBase ? diff : null,
          note));
    }
    ready.countDown(); // after the publication: a client that is ready serves
    retryDeferred(layer);
    return LoadResult.accepted(valid.version());
  }

  /** After {@code changed} changed, accepts other layers' kept candidates that now fit. */
  private void retryDeferred(SourceLayer changed) {
    for (SourceLayer l : layers) {
      ParsedDocument candidate = l.deferred();
      if (l != changed
          && candidate != null
          && loader.validate(merge(l, candidate)) instanceof DocumentResult.Ok<FlagDocument>) {
        l.defer(null, null);
        accept(l, candidate, l.deferredNote(), false, null);
      } // else: still does not fit, stays rejected, no new audit line
    }
  }

  private LoadResult reject(SourceLayer layer, DocumentResult.Rejected<?> r) {
    LoadResult result = LoadResult.rejected(r.version(), r.problems());
    layer.rejected(
        ErrorInfo.of(ErrorInfo.Kind.INVALID_DOCUMENT, result.summary(), clock.instant()));
    String served = published.version();
    commit(null, false, () -> audit.reject(layer.name, result, served));
    return result;
  }

  /** The documents of every layer, with {@code candidate} in place of {@code layer}'s. */
  private ParsedDocument merge(SourceLayer layer, @Nullable ParsedDocument candidate) {
    List<ParsedDocument> docs = new ArrayList<>(layers.size());
    for (SourceLayer l : layers) {
      ParsedDocument d = l == layer ? candidate : l.document();
      if (d != null) {
        docs.add(d);
      }
    }
    return loader.merge(docs);
  }

  private boolean otherLayersHaveDocuments(SourceLayer layer) {
    for (SourceLayer l : layers) {
      if (l != layer && l.document() != null) {
        return true;
      }
    }
    return false;
  }

  /** True when at least one real source exists and every one is READY with no document. */
  private boolean onlyEmptyLayers() {
    boolean any = false;
    for (SourceLayer l : layers) {
      if (l.source == implicitLayer) {
        continue;
      }
      any = true;
      if (l.document() != null || !l.isCleared() || l.state() != Status.State.READY) {
        return false;
      }
    }
    return any;
  }

  void unchanged(SourceLayer layer) {
    synchronized (lock) {
      layer.unchanged(clock.instant());
      commit(null, false, null);
    }
  }

  void clear(SourceLayer layer) {
    synchronized (lock) {
      if (closed.get()) {
        return;
      }
      if (layer.document() != null) {
        accept(layer, null, null, false, "layer removed: no document");
        return;
      }
      layer.emptied(clock.instant());
      if (history.served() == null && onlyEmptyLayers()) {
        // Every source answered, and none has a document (e.g. only an absent optional file):
        // serve an empty flag set. A client with no source but load() stays NOT_READY until its
        // first load.
        accept(layer, null, null, false, null);
        return;
      }
      commit(null, false, null);
    }
  }

  void failed(SourceLayer layer, ErrorInfo error) {
    synchronized (lock) {
      if (layer.failed(error)) {
        SOURCE_LOG.warn("source {} is {}: {}", layer.name, layer.state(), error);
      }
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
    for (SourceLayer l : layers) {
      if (l.source == source) {
        return update(l, document, null, true);
      }
    }
    throw new IllegalArgumentException("not a source of this client: " + source.name());
  }

  // Operator controls.

  public void kill(String flagKey, String reason) {
    synchronized (lock) {
      overlay.kill(flagKey, reason);
      boolean known = servedBase.flag(flagKey) != null;
      String version = servedBase.version();
      commit(null, true, () -> audit.kill(flagKey, reason, known, version));
    }
  }

  public List<String> killTag(String tag, String reason) {
    synchronized (lock) {
      overlay.killTag(tag, reason);
      List<String> hit = OperatorOverlay.flagsWithTag(servedBase, tag);
      String version = servedBase.version();
      commit(null, true, () -> audit.killTag(tag, hit, reason, version));
      return hit;
    }
  }

  public boolean restore(String flagKey) {
    synchronized (lock) {
      boolean had = overlay.restore(flagKey);
      if (had) {
        String version = servedBase.version();
        commit(null, true, () -> audit.restore(flagKey, version));
      }
      return had;
    }
  }

  public boolean restoreTag(String tag) {
    synchronized (lock) {
      boolean had = overlay.restoreTag(tag);
      if (had) {
        List<String> flags = OperatorOverlay.flagsWithTag(servedBase, tag);
        String version = servedBase.version();
        commit(null, true, () -> audit.restoreTag(tag, flags, version));
      }
      return had;
    }
  }

  public void override(String flagKey, String variant, @Nullable List<String> keys) {
    synchronized (lock) {
      CompiledFlag flag = servedBase.flag(flagKey);
      if (flag == null) {
        throw new IllegalArgumentException("cannot override unknown flag '"
            + flagKey
            + "': the served document (version '"
            + servedBase.version()
            + "') has no such flag");
      }
      List<String> variants = flag.variantNames();
      if (!variants.contains(variant)) {
        throw new IllegalArgumentException("cannot override flag '"
            + flagKey
            + "' with variant '"
            + variant
            + "': declared variants are "
            + variants);
      }
      overlay.override(flagKey, variant, keys);
      String version = servedBase.version();
      commit(null, true, () -> audit.override(flagKey, variant, keys, version));
    }
  }

  public boolean clearOverride(String flagKey) {
    synchronized (lock) {
      boolean had = overlay.clearOverride(flagKey);
      if (had) {
        commit(null, true, () -> audit.clearOverride(flagKey));
      }
      return had;
    }
  }

  /** Pins the snapshot before the served one; returns its version. */
  public String rollback() {
    synchronized (lock) {
      return pinned(history.rollback());
    }
  }

  /** Pins the most recent snapshot in history with this version; returns it. */
  public String rollbackTo(String version) {
    synchronized (lock) {
      return pinned(history.rollbackTo(version));
    }
  }

  private String pinned(SnapshotHistory.Entry target) {
    String from = servedBase.version();
    Swap swap = serve(target, compile(target), ChangeEvent.Cause.ROLLBACK, "rollback", null, null);
    commit(
        swap,
        false,
        () -> audit.rollback(from, swap.after().version(), swap.diff().summary()));
    return swap.after().version();
  }

  public boolean unpin() {
    synchronized (lock) {
      SnapshotHistory.Entry latest = history.unpin();
      if (latest == null) {
        return false;
      }
      Swap swap = serve(latest, compile(latest), ChangeEvent.Cause.UNPIN, "unpin", null, null);
      commit(swap, false, () -> audit.unpin(swap.after().version(), swap.diff().summary()));
      return true;
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

  private Snapshot compile(SnapshotHistory.Entry e) {
    return SnapshotCompiler.compile(e.document(), e.fingerprints(), clock.instant());
  }

  // Schedules.

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

  // Status, listeners, lifecycle.

  public Status status() {
    synchronized (lock) {
      return computeStatus();
    }
  }

  public void addChangeListener(ChangeListener listener) {
    changeListeners.add(listener::onChange);
  }

  public void addStatusListener(StatusListener listener) {
    statusListeners.add(listener::onStatus);
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
    scheduler.shutdownNow();
    changeListeners.shutdown();
    statusListeners.shutdown();
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    try {
      scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      changeListeners.awaitTermination(deadline);
      statusListeners.awaitTermination(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String version;
    synchronized (lock) {
      version = published.version();
    }
    audit.close(id, version);
  }
}
