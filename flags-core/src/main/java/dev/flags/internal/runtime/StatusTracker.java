package dev.flags.internal.runtime;

import dev.flags.ErrorInfo;
import dev.flags.GuardrailTrip;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.Status.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The client's status: worked out from its layers, what it serves and its operator state, and
 * delivered to status listeners once per change. Not thread-safe; guarded by the client's lock.
 */
final class StatusTracker {
  private final ApiFactory api;
  private final Consumer<Status> listeners;
  private @Nullable String lastText;

  /**
   * A tracker.
   *
   * @param api builds the public status values
   * @param listeners receives each changed status (the client's listener dispatch)
   */
  StatusTracker(ApiFactory api, Consumer<Status> listeners) {
    this.api = api;
    this.listeners = listeners;
  }

  /** What the client's status is made of, gathered by the coordinator. */
  record Inputs(
      boolean closed,
      boolean serving,
      String version,
      List<SourceLayer> layers,
      SnapshotHistory history,
      String servedVersion,
      OperatorOverlay overlay,
      Map<String, GuardrailTrip> guardrailTrips) {}

  /** The status now. */
  Status compute(Inputs in) {
    List<SourceStatus> sources = new ArrayList<>(in.layers().size());
    for (SourceLayer l : in.layers()) {
      sources.add(l.status(api));
    }
    SnapshotHistory.Entry latest = in.history().latest();
    return api.status(
        state(in.closed(), in.serving(), in.layers()),
        in.version(),
        latest == null ? null : latest.loadedAt(),
        lastError(in.layers()),
        sources,
        in.history().isPinned() ? in.servedVersion() : null,
        in.overlay().killedFlags(),
        in.overlay().killedTags(),
        in.overlay().overriddenFlags(),
        in.guardrailTrips());
  }

  /** Delivers {@code status} to the listeners if it differs from the last one delivered. */
  void publish(Status status) {
    String text = status.toString();
    if (!text.equals(lastText)) {
      lastText = text;
      listeners.accept(status);
    }
  }

  /**
   * The client's state: CLOSED once closed; before anything is served, ERROR if a source failed
   * for good, else INITIALIZING; while serving, READY when every layer is, else STALE.
   */
  static State state(boolean closed, boolean serving, List<SourceLayer> layers) {
    boolean allReady = true;
    boolean anyError = false;
    for (SourceLayer l : layers) {
      allReady &= l.state() == State.READY;
      anyError |= l.state() == State.ERROR;
    }
    if (closed) {
      return State.CLOSED;
    }
    if (!serving) {
      return anyError ? State.ERROR : State.INITIALIZING;
    }
    return allReady ? State.READY : State.STALE;
  }

  /** The most recent error of any layer. */
  static @Nullable ErrorInfo lastError(List<SourceLayer> layers) {
    ErrorInfo last = null;
    for (SourceLayer l : layers) {
      ErrorInfo e = l.lastError();
      if (e != null && (last == null || e.time().isAfter(last.time()))) {
        last = e;
      }
    }
    return last;
  }
}
