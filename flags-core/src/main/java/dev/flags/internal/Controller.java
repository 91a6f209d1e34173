package dev.flags.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.ChangeEvent;
import dev.flags.ChangeListener;
import dev.flags.ErrorInfo;
import dev.flags.HistoryEntry;
import dev.flags.InvalidDocumentException;
import dev.flags.Problem;
import dev.flags.Reason;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.StatusListener;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of a client: its sources (layers), the merge and swap of documents, operator
 * state (kills, overrides, rollback pins), schedule boundaries, history, listeners, status and the
 * audit trail. Everything that changes what is served goes through {@link #lock} and ends in one
 * call to the publisher, which writes the client's volatile snapshot field. Readers never lock.
 */
public final class Controller implements AutoCloseable {
  /** One human-readable line per swap, rejection, kill, restore, override and rollback. */
  public static final Logger AUDIT = LoggerFactory.getLogger("dev.flags.audit");

  private static final Logger SOURCE_LOG = LoggerFactory.getLogger("dev.flags.source");
  private static final Logger LISTENER_LOG = LoggerFactory.getLogger("dev.flags.listener");
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final int LISTENER_QUEUE = 1_024;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final String id;
  private final DocumentLoader loader;
  private final Clock clock;
  private final Consumer<Snapshot> publisher;
  private final Layer[] layers;
  /** The client's programmatic layer when the builder added it itself; it never makes a client ready. */
  private final @Nullable FlagSource implicitLayer;

  private final int historySize;
  private final Object lock = new Object();
  private final ScheduledThreadPoolExecutor scheduler;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger threadCount = new AtomicInteger();
  private final CopyOnWriteArrayList<Dispatcher<ChangeEvent>> changeListeners =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Dispatcher<Status>> statusListeners =
      new CopyOnWriteArrayList<>();

  // Guarded by lock.
  private final ArrayDeque<Accepted> history = new ArrayDeque<>();
  private @Nullable Accepted latest;
  private @Nullable Snapshot latestBase;
  private @Nullable Accepted served;
  private boolean pinned;
  private Snapshot servedBase = Snapshot.EMPTY;
  private Snapshot published = Snapshot.EMPTY;
  private final LinkedHashMap<String, String> killedFlags = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> killedTags = new LinkedHashMap<>();
  private final LinkedHashMap<String, List<OverrideSpec>> overrides = new LinkedHashMap<>();
  private @Nullable ScheduledFuture<?> boundaryTask;
  private @Nullable String lastStatusText;

  public Controller(
      List<FlagSource> sources,
      @Nullable FlagSource implicitLayer,
      DocumentLoader loader,
      Clock clock,
      int historySize,
      @Nullable String name,
      Consumer<Snapshot> publisher) {
    this.implicitLayer = implicitLayer;
    this.id = name != null ? name : "flags-" + IDS.incrementAndGet();
    this.loader = loader;
    this.clock = clock;
    this.publisher = publisher;
    this.historySize = historySize;
    this.layers = new Layer[sources.size()];
    for (int i = 0; i < layers.length; i++) {
      layers[i] = new Layer(i, sources.get(i));
    }
    this.scheduler = new ScheduledThreadPoolExecutor(1, threads("scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Starts every source, lowest precedence first. A source that throws is reported, not fatal. */
  public void start() {
    for (Layer layer : layers) {
      try {
        layer.source.start(layer);
      } catch (RuntimeException e) {
        SOURCE_LOG.warn("source {} failed to start: {}", layer.name, e.toString());
        SOURCE_LOG.debug("source {} failed to start", layer.name, e);
        layer.failed(
            ErrorInfo.of(ErrorInfo.Kind.UNKNOWN, "failed to start: " + e, clock.instant()));
      }
    }
    synchronized (lock) {
      statusChanged();
    }
  }

  public String id() {
    return id;
  }

  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  // ---------------------------------------------------------------------------------------------
  // Documents from sources

  private LoadResult update(
      Layer layer, byte[] bytes, @Nullable String staleNote, boolean explicit) {
    synchronized (lock) {
      if (closed.get()) {
        return LoadResult.rejected(null, List.of(Problem.of("$", "client is closed")));
      }
      JsonNode node;
      try {
        node = loader.read(bytes);
        if (otherLayersHaveDocuments(layer)) {
          loader.validateLayer(node); // alone first, so its own problems name it
        }
      } catch (InvalidDocumentException e) {
        layer.deferred = null;
        return reject(layer, e);
      }
      if (node.equals(layer.document) && !(explicit && pinned)) {
        // The same document again (a re-created file, a source without conditional requests):
        // nothing to swap, and no duplicate in history that rollback() would step onto.
        return sameDocument(layer, node, staleNote);
      }
      return accept(layer, node, staleNote, explicit, null);
    }
  }

  private LoadResult sameDocument(Layer layer, JsonNode node, @Nullable String staleNote) {
    layer.rejected = false;
    layer.deferred = null;
    layer.state = staleNote == null ? Status.State.READY : Status.State.STALE;
    layer.detail = staleNote;
    layer.lastUpdate = clock.instant();
    statusChanged();
    return LoadResult.accepted(node.path("version").asText());
  }

  /**
   * Merges a layer's candidate with the others, validates the whole, and serves it. A candidate
   * that is valid on its own but not together with the other layers (a reference to a segment or
   * flag that no layer defines yet) is rejected and kept: it is tried again whenever another layer
   * changes, so a layer that starts before the layer it refers to still applies.
   */
  private LoadResult accept(
      Layer layer,
      @Nullable JsonNode node,
      @Nullable String staleNote,
      boolean explicit,
      @Nullable String auditNote) {
    JsonNode merged = merge(layer.index, node);
    FlagDocument doc;
    Snapshot base;
    Instant now = clock.instant();
    try {
      doc = loader.validate(merged);
      base = loader.compile(doc, merged, now);
    } catch (InvalidDocumentException e) {
      layer.deferred = node != null && layers.length > 1 && validAsLayer(node) ? node : null;
      layer.deferredNote = staleNote;
      return reject(layer, e);
    }
    layer.document = node;
    layer.cleared = node == null;
    layer.rejected = false;
    layer.deferred = null;
    layer.version = node == null ? null : node.path("version").asText();
    layer.state = node == null || staleNote == null ? Status.State.READY : Status.State.STALE;
    layer.detail = node == null ? "no document" : staleNote;
    layer.lastUpdate = now;
    Snapshot previous = latestBase;
    SnapshotDiff diff = previous == null ? null : SnapshotDiff.between(previous, base);
    String summary = diff == null ? "initial" : diff.summary();
    Accepted a = new Accepted(doc, base.fingerprints(), layer.name, now, summary);
    latestBase = base;
    history.addLast(a);
    while (history.size() > historySize) {
      history.removeFirst();
    }
    latest = a;
    String note = auditNote;
    if (pinned && explicit) {
      pinned = false;
      note = (note == null ? "" : note + "; ") + "explicit load: rollback pin released";
    }
    if (pinned) {
      AUDIT.info(
          "accept version={} source={} while pinned: still serving {} until unpin() ({})",
          doc.version(),
          layer.name,
          servedBase.version(),
          summary);
    } else {
      // The diff against the latest is the diff against what is served, unless a pin intervened.
      serve(
          a,
          base,
          ChangeEvent.Cause.UPDATE,
          layer.name,
          note,
          previous == servedBase ? diff : null);
    }
    ready.countDown();
    statusChanged();
    retryDeferred(layer);
    return LoadResult.accepted(doc.version());
  }

  private boolean validAsLayer(JsonNode node) {
    try {
      loader.validateLayer(node);
      return true;
    } catch (InvalidDocumentException e) {
      return false;
    }
  }

  /** After {@code changed} changed, accepts other layers' kept candidates that now fit. */
  private void retryDeferred(Layer changed) {
    for (Layer l : layers) {
      JsonNode candidate = l.deferred;
      if (l == changed || candidate == null) {
        continue;
      }
      try {
        loader.validate(merge(l.index, candidate));
      } catch (InvalidDocumentException e) {
        continue; // still does not fit: stays rejected, no new audit line
      }
      l.deferred = null;
      accept(l, candidate, l.deferredNote, false, null);
    }
  }

  private LoadResult reject(Layer layer, InvalidDocumentException e) {
    List<Problem> problems = e.problems();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < problems.size() && i < 20; i++) {
      sb.append(i == 0 ? "" : "; ").append(problems.get(i));
    }
    if (problems.size() > 20) {
      sb.append("; ... ").append(problems.size() - 20).append(" more");
    }
    AUDIT.warn(
        "reject source={} version={} problems={}: {} (still serving {})",
        layer.name,
        e.version(),
        problems.size(),
        sb,
        published.version());
    layer.lastError = ErrorInfo.of(
        ErrorInfo.Kind.INVALID_DOCUMENT,
        "document " + (e.version() == null ? "" : "version '" + e.version() + "' ")
            + "rejected (" + problems.size()
            + (problems.size() == 1 ? " problem): " : " problems): ")
            + problems.get(0) + (problems.size() > 1 ? "; ..." : ""),
        clock.instant());
    layer.state = layer.document != null || layer.cleared ? Status.State.STALE : Status.State.ERROR;
    layer.detail = "latest document rejected";
    layer.rejected = true;
    statusChanged();
    return LoadResult.rejected(e.version(), problems);
  }

  /** The documents of every layer, with {@code candidate} in place of layer {@code index}. */
  private JsonNode merge(int index, @Nullable JsonNode candidate) {
    JsonNode only = null;
    int count = 0;
    for (Layer l : layers) {
      JsonNode d = l.index == index ? candidate : l.document;
      if (d != null) {
        only = d;
        count++;
      }
    }
    if (count == 1) {
      return only; // the common case: one source, served as is
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode flags = f.objectNode();
    ObjectNode segments = f.objectNode();
    List<String> versions = new ArrayList<>();
    root.put("schema", DocumentValidator.SCHEMA);
    for (Layer l : layers) {
      JsonNode d = l.index == index ? candidate : l.document;
      if (d == null) {
        continue;
      }
      versions.add(d.path("version").asText());
      // Later layers replace earlier ones flag by flag and segment by segment.
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("flags").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flags.set(e.getKey(), e.getValue());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("segments").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        segments.set(e.getKey(), e.getValue());
      }
    }
    root.put("version", versions.isEmpty() ? "empty" : String.join("+", versions));
    root.set("segments", segments);
    root.set("flags", flags);
    return root;
  }

  /**
   * Serves a base snapshot with the current overlay; notifies and reschedules. Writes the audit
   * line for updates and schedule boundaries; rollback and unpin write their own single line with
   * the returned diff summary.
   */
  private String serve(
      Accepted a,
      Snapshot base,
      ChangeEvent.Cause cause,
      String source,
      @Nullable String auditNote) {
    return serve(a, base, cause, source, auditNote, null);
  }

  /** As above; {@code known}, when given, is the diff from the served base to {@code base}. */
  private String serve(
      Accepted a,
      Snapshot base,
      ChangeEvent.Cause cause,
      String source,
      @Nullable String auditNote,
      @Nullable SnapshotDiff known) {
    Snapshot before = servedBase;
    SnapshotDiff diff = known != null ? known : SnapshotDiff.between(before, base);
    served = a;
    servedBase = base;
    republish();
    ChangeEvent event = ChangeEvent.of(
        cause,
        source,
        before.version(),
        base.version(),
        diff.added(),
        diff.removed(),
        diff.changed(),
        clock.instant());
    String summary = diff.summary();
    if (cause == ChangeEvent.Cause.UPDATE || cause == ChangeEvent.Cause.SCHEDULE) {
      AUDIT.info(
          "swap {} -> {} cause={} source={} {}{}",
          before.version().isEmpty() ? "(none)" : before.version(),
          base.version(),
          cause,
          source,
          summary,
          auditNote == null ? "" : " (" + auditNote + ")");
    }
    for (Dispatcher<ChangeEvent> d : changeListeners) {
      d.submit(event);
    }
    scheduleBoundary(base.nextBoundary());
    return summary;
  }

  /** Lays the operator overlay over the served base and publishes it: one volatile write. */
  private void republish() {
    Snapshot base = servedBase;
    Snapshot next = base.ready() ? base.withOverlay(killedArray(base), overrideArray(base)) : base;
    published = next;
    publisher.accept(next);
  }

  // ---------------------------------------------------------------------------------------------
  // Operator controls

  public void kill(String flagKey, String reason) {
    synchronized (lock) {
      killedFlags.put(flagKey, reason);
      republish();
      AUDIT.warn(
          "kill flag={} reason=\"{}\"{} version={}",
          flagKey,
          reason,
          servedBase.flag(flagKey) == null
              ? " (not in the served document; applies if it appears)"
              : "",
          servedBase.version());
      statusChanged();
    }
  }

  public List<String> killTag(String tag, String reason) {
    synchronized (lock) {
      killedTags.put(tag, reason);
      republish();
      List<String> hit = flagsWithTag(servedBase, tag);
      AUDIT.warn(
          "kill tag={} flags={} reason=\"{}\" version={}", tag, hit, reason, servedBase.version());
      statusChanged();
      return hit;
    }
  }

  public boolean restore(String flagKey) {
    synchronized (lock) {
      boolean had = killedFlags.remove(flagKey) != null;
      if (had) {
        republish();
        AUDIT.warn("restore flag={} version={}", flagKey, servedBase.version());
        statusChanged();
      }
      return had;
    }
  }

  public boolean restoreTag(String tag) {
    synchronized (lock) {
      boolean had = killedTags.remove(tag) != null;
      if (had) {
        republish();
        AUDIT.warn(
            "restore tag={} flags={} version={}",
            tag,
            flagsWithTag(servedBase, tag),
            servedBase.version());
        statusChanged();
      }
      return had;
    }
  }

  public void override(String flagKey, String variant, @Nullable List<String> keys) {
    synchronized (lock) {
      CompiledFlag flag = servedBase.flag(flagKey);
      if (flag == null) {
        throw new IllegalArgumentException("cannot override unknown flag '" + flagKey
            + "': the served document (version '" + servedBase.version() + "') has no such flag");
      }
      if (!Arrays.asList(flag.variantNames).contains(variant)) {
        throw new IllegalArgumentException("cannot override flag '" + flagKey + "' with variant '"
            + variant + "': declared variants are " + Arrays.toString(flag.variantNames));
      }
      List<OverrideSpec> list = overrides.computeIfAbsent(flagKey, k -> new ArrayList<>());
      if (keys == null) {
        list.removeIf(o -> o.keys == null);
        list.add(new OverrideSpec(variant, null));
      } else {
        list.add(0, new OverrideSpec(variant, List.copyOf(keys))); // keyed overrides first
      }
      republish();
      AUDIT.warn(
          "override flag={} variant={} keys={} version={}",
          flagKey,
          variant,
          keys == null ? "all" : keys,
          servedBase.version());
      statusChanged();
    }
  }

  public boolean clearOverride(String flagKey) {
    synchronized (lock) {
      boolean had = overrides.remove(flagKey) != null;
      if (had) {
        republish();
        AUDIT.warn("clear override flag={}", flagKey);
        statusChanged();
      }
      return had;
    }
  }

  /** Pins the snapshot before the served one; returns its version. */
  public String rollback() {
    synchronized (lock) {
      List<Accepted> list = new ArrayList<>(history);
      int at = served == null ? -1 : list.indexOf(served);
      if (at <= 0) {
        throw new IllegalStateException("no earlier snapshot to roll back to (history holds "
            + list.size() + " of at most " + historySize + ")");
      }
      return pin(list.get(at - 1));
    }
  }

  /** Pins the most recent snapshot in history with this version; returns it. */
  public String rollbackTo(String version) {
    synchronized (lock) {
      Accepted target = null;
      for (Accepted a : history) {
        if (a.doc.version().equals(version)) {
          target = a;
        }
      }
      if (target == null) {
        throw new IllegalArgumentException(
            "version '" + version + "' is not in the history " + versions());
      }
      return pin(target);
    }
  }

  private String pin(Accepted target) {
    String from = servedBase.version();
    pinned = true;
    Snapshot base = compile(target);
    String summary = serve(target, base, ChangeEvent.Cause.ROLLBACK, "rollback", null);
    AUDIT.warn(
        "rollback {} -> {}: pinned until unpin() or an explicit load; {}",
        from,
        base.version(),
        summary);
    statusChanged();
    return base.version();
  }

  public boolean unpin() {
    synchronized (lock) {
      if (!pinned || latest == null) {
        return false;
      }
      pinned = false;
      Snapshot base = compile(latest);
      String summary = serve(latest, base, ChangeEvent.Cause.UNPIN, "unpin", null);
      AUDIT.warn("unpin: serving latest {}; {}", base.version(), summary);
      statusChanged();
      return true;
    }
  }

  public List<HistoryEntry> history() {
    synchronized (lock) {
      List<HistoryEntry> out = new ArrayList<>();
      Iterator<Accepted> it = history.descendingIterator();
      while (it.hasNext()) {
        Accepted a = it.next();
        out.add(HistoryEntry.of(a.doc.version(), a.source, a.loadedAt, a.summary));
      }
      return out;
    }
  }

  private List<String> versions() {
    List<String> v = new ArrayList<>();
    for (Accepted a : history) {
      v.add(a.doc.version());
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // Schedules

  private void scheduleBoundary(long nextMillis) {
    ScheduledFuture<?> t = boundaryTask;
    if (t != null) {
      t.cancel(false);
    }
    boundaryTask = null;
    if (nextMillis == Long.MAX_VALUE || closed.get()) {
      return;
    }
    long delay = Math.max(0, nextMillis - clock.millis());
    // Re-check at least hourly, so a clock that jumps (or a very distant boundary) is handled.
    boundaryTask = scheduler.schedule(
        this::refreshSchedulesSafely, Math.min(delay, 3_600_000L), TimeUnit.MILLISECONDS);
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
      Accepted a = served;
      if (a == null || closed.get()) {
        return false;
      }
      if (clock.millis() < servedBase.nextBoundary()) {
        scheduleBoundary(servedBase.nextBoundary());
        return false;
      }
      Snapshot base = compile(a);
      serve(a, base, ChangeEvent.Cause.SCHEDULE, "schedule", null);
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Overlay

  private boolean @Nullable [] killedArray(Snapshot base) {
    if (killedFlags.isEmpty() && killedTags.isEmpty()) {
      return null;
    }
    CompiledFlag[] flags = base.flagsByIndex();
    boolean[] killed = new boolean[flags.length];
    boolean any = false;
    for (CompiledFlag f : flags) {
      boolean k = killedFlags.containsKey(f.key);
      for (int i = 0; !k && i < f.tags.size(); i++) {
        k = killedTags.containsKey(f.tags.get(i));
      }
      killed[f.index] = k;
      any |= k;
    }
    return any ? killed : null;
  }

  private LocalOverride @Nullable [] @Nullable [] overrideArray(Snapshot base) {
    if (overrides.isEmpty()) {
      return null;
    }
    FlagDocument doc = Objects.requireNonNull(base.document());
    LocalOverride[][] out = new LocalOverride[base.size()][];
    boolean any = false;
    for (Map.Entry<String, List<OverrideSpec>> e : overrides.entrySet()) {
      CompiledFlag flag = base.flag(e.getKey());
      FlagDocument.Flag def = doc.flags().get(e.getKey());
      if (flag == null || def == null) {
        continue; // the override waits for the flag to come back
      }
      List<LocalOverride> list = new ArrayList<>();
      for (OverrideSpec o : e.getValue()) {
        int v = Arrays.asList(flag.variantNames).indexOf(o.variant);
        if (v < 0) {
          continue; // the variant is gone from this document: inactive, not an error
        }
        list.add(new LocalOverride(
            o.keys == null ? null : StringSet.of(o.keys, false),
            SnapshotCompiler.result(
                def.variants().get(v), Reason.OVERRIDE, null, null, base.version())));
      }
      if (!list.isEmpty()) {
        out[flag.index] = list.toArray(new LocalOverride[0]);
        any = true;
      }
    }
    return any ? out : null;
  }

  private static List<String> flagsWithTag(Snapshot s, String tag) {
    List<String> out = new ArrayList<>();
    for (CompiledFlag f : s.flagsByIndex()) {
      if (f.tags.contains(tag)) {
        out.add(f.key);
      }
    }
    out.sort(null);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Status and listeners

  public Status status() {
    synchronized (lock) {
      return computeStatus();
    }
  }

  private Status computeStatus() {
    List<SourceStatus> sources = new ArrayList<>();
    ErrorInfo lastError = null;
    boolean allReady = true;
    boolean anyError = false;
    for (Layer l : layers) {
      sources.add(SourceStatus.of(l.name, l.state, l.version, l.lastUpdate, l.lastError, l.detail));
      if (l.lastError != null
          && (lastError == null || l.lastError.time().isAfter(lastError.time()))) {
        lastError = l.lastError;
      }
      allReady &= l.state == Status.State.READY;
      anyError |= l.state == Status.State.ERROR;
    }
    Status.State state;
    if (closed.get()) {
      state = Status.State.CLOSED;
    } else if (!servedBase.ready()) {
      state = anyError ? Status.State.ERROR : Status.State.INITIALIZING;
    } else {
      state = allReady ? Status.State.READY : Status.State.STALE;
    }
    List<String> overridden = new ArrayList<>(overrides.keySet());
    return Status.of(
        state,
        published.version(),
        latest == null ? null : latest.loadedAt,
        lastError,
        sources,
        pinned ? servedBase.version() : null,
        killedFlags,
        killedTags,
        overridden);
  }

  private void statusChanged() {
    Status s = computeStatus();
    String text = s.toString();
    if (text.equals(lastStatusText)) {
      return;
    }
    lastStatusText = text;
    for (Dispatcher<Status> d : statusListeners) {
      d.submit(s);
    }
  }

  public void addChangeListener(ChangeListener listener) {
    changeListeners.add(new Dispatcher<>("change-listener", listener::onChange));
  }

  public void addStatusListener(StatusListener listener) {
    statusListeners.add(new Dispatcher<>("status-listener", listener::onStatus));
  }

  /** Calls one listener on its own daemon thread, so a slow or failing one affects no other. */
  private final class Dispatcher<T> {
    private final ThreadPoolExecutor executor;
    private final Consumer<T> target;
    private final String kind;

    Dispatcher(String kind, Consumer<T> target) {
      this.kind = kind;
      this.target = target;
      this.executor = new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(LISTENER_QUEUE),
          threads(kind),
          (r, ex) -> LISTENER_LOG.warn("{} {} is not keeping up: event dropped", kind, target));
    }

    void submit(T event) {
      if (executor.isShutdown()) {
        return;
      }
      executor.execute(() -> {
        try {
          target.accept(event);
        } catch (RuntimeException e) {
          LISTENER_LOG.warn("{} threw {} (ignored)", kind, e.toString());
          LISTENER_LOG.debug("{} threw", kind, e);
        }
      });
    }

    void shutdown() {
      executor.shutdownNow();
    }

    boolean await(long nanos) throws InterruptedException {
      return executor.awaitTermination(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private ThreadFactory threads(String role) {
    return r -> {
      Thread t = new Thread(r, id + "-" + role + "-" + threadCount.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public void refreshSources() {
    for (Layer l : layers) {
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
      ScheduledFuture<?> t = boundaryTask;
      if (t != null) {
        t.cancel(false);
      }
      boundaryTask = null;
    }
    for (Layer l : layers) {
      try {
        l.source.close();
      } catch (RuntimeException e) {
        SOURCE_LOG.warn("source {} failed to close: {}", l.name, e.toString());
      }
    }
    scheduler.shutdownNow();
    for (Dispatcher<?> d : changeListeners) {
      d.shutdown();
    }
    for (Dispatcher<?> d : statusListeners) {
      d.shutdown();
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    try {
      scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      for (Dispatcher<?> d : changeListeners) {
        d.await(Math.max(0, deadline - System.nanoTime()));
      }
      for (Dispatcher<?> d : statusListeners) {
        d.await(Math.max(0, deadline - System.nanoTime()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    AUDIT.info("close client={} version={}", id, published.version());
  }

  /** A source's layer: its last good document and health; also the context handed to it. */
  private final class Layer implements SourceContext {
    final int index;
    final FlagSource source;
    final String name;
    // Guarded by lock.
    @Nullable
    JsonNode document;

    @Nullable
    String version;
    /** The source reported "no document" (as opposed to: has not delivered yet). */
    boolean cleared;
    /** The source's latest delivery was rejected; what the layer serves is older. */
    boolean rejected;
    /** A rejected candidate that is valid alone and may fit once other layers change. */
    @Nullable
    JsonNode deferred;

    @Nullable
    String deferredNote;

    Status.State state = Status.State.INITIALIZING;

    @Nullable
    Instant lastUpdate;

    @Nullable
    ErrorInfo lastError;

    @Nullable
    String detail;

    Layer(int index, FlagSource source) {
      this.index = index;
      this.source = source;
      this.name = source.name();
    }

    @Override
    public LoadResult update(byte[] document) {
      return Controller.this.update(this, document, null, false);
    }

    @Override
    public LoadResult updateStale(byte[] document, String note) {
      return Controller.this.update(this, document, Objects.requireNonNull(note, "note"), false);
    }

    LoadResult updateExplicitly(byte[] document) {
      return Controller.this.update(this, document, null, true);
    }

    @Override
    public void unchanged() {
      synchronized (lock) {
        // Unchanged after a rejection means the origin still holds the rejected document: the
        // layer stays STALE (or ERROR) until a document is accepted.
        if (!rejected && (document != null || cleared)) {
          state = Status.State.READY;
          detail = document == null ? "no document" : null;
          lastUpdate = clock.instant();
        }
        statusChanged();
      }
    }

    @Override
    public void clear() {
      synchronized (lock) {
        if (closed.get()) {
          return;
        }
        boolean had = document != null;
        cleared = true;
        deferred = null;
        if (!had) {
          rejected = false;
          state = Status.State.READY;
          detail = "no document";
          lastUpdate = clock.instant();
          if (served == null && onlyEmptyLayers()) {
            // Every source answered, and none has a document (e.g. only an absent optional
            // file): serve an empty flag set. A client with no source but load() stays
            // NOT_READY until its first load.
            accept(this, null, null, false, null);
          }
          statusChanged();
          return;
        }
        accept(this, null, null, false, "layer removed: no document");
      }
    }

    @Override
    public void failed(ErrorInfo error) {
      synchronized (lock) {
        Status.State before = state;
        lastError = error;
        // Errors an operator must fix (credentials, a missing document) show as ERROR even while
        // the last good document keeps serving; transient ones as STALE.
        boolean needsOperator = error.kind() == ErrorInfo.Kind.HTTP
            && (error.statusCode() == 401
                || error.statusCode() == 403
                || error.statusCode() == 404
                || error.statusCode() == 410);
        state = (document != null || cleared) && !needsOperator
            ? Status.State.STALE
            : Status.State.ERROR;
        detail = null;
        if (before != state) {
          SOURCE_LOG.warn("source {} is {}: {}", name, state, error);
        }
        statusChanged();
      }
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return scheduler;
    }
  }

  /** True when at least one real source exists and every one is READY with no document. */
  private boolean onlyEmptyLayers() {
    boolean any = false;
    for (Layer l : layers) {
      if (l.source == implicitLayer) {
        continue;
      }
      any = true;
      if (l.document != null || !l.cleared || l.state != Status.State.READY) {
        return false;
      }
    }
    return any;
  }

  private boolean otherLayersHaveDocuments(Layer layer) {
    for (Layer l : layers) {
      if (l != layer && l.document != null) {
        return true;
      }
    }
    return false;
  }

  /** Delivers a document through the layer of {@code source}, as an explicit operator load. */
  public LoadResult loadExplicitly(FlagSource source, byte[] document) {
    for (Layer l : layers) {
      if (l.source == source) {
        return l.updateExplicitly(document);
      }
    }
    throw new IllegalArgumentException("not a source of this client: " + source.name());
  }

  private Snapshot compile(Accepted a) {
    return SnapshotCompiler.compile(a.doc, a.fingerprints, clock.instant());
  }

  /** An accepted document: what history and rollback keep (recompiled when served again). */
  private record Accepted(
      FlagDocument doc,
      Map<String, long[]> fingerprints,
      String source,
      Instant loadedAt,
      String summary) {}

  private record OverrideSpec(String variant, @Nullable List<String> keys) {}
}
