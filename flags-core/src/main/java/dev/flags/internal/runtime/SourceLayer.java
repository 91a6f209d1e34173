package dev.flags.internal.runtime;

import dev.flags.ErrorInfo;
import dev.flags.SourceStatus;
import dev.flags.Status.State;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.spi.FlagSource;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One source's layer: its last good document, a candidate kept for later, and its health. Both
 * documents are kept in {@link ParsedDocument#forKeeping()} form (deflated bytes, not the JSON
 * tree): the candidate at once, the document after {@link #compact()}. Pure state with one method
 * per event; the coordinator decides which event happened. Not thread-safe; guarded by the
 * client's lock.
 *
 * <table>
 *   <caption>States and events</caption>
 *   <tr><th>event</th><th>state after</th><th>detail</th></tr>
 *   <tr><td>(start)</td><td>INITIALIZING</td><td></td></tr>
 *   <tr><td>{@link #accepted} a document</td><td>READY, or STALE with a stale note (e.g. served
 *       from a cache file)</td><td>the note</td></tr>
 *   <tr><td>{@link #accepted} no document (cleared)</td><td>READY</td><td>no document</td></tr>
 *   <tr><td>{@link #sameDocument}</td><td>READY, or STALE with a stale note</td><td>the
 *       note</td></tr>
 *   <tr><td>{@link #rejected}</td><td>STALE if the layer has a document (or was cleared), else
 *       ERROR</td><td>latest document rejected</td></tr>
 *   <tr><td>{@link #unchanged}</td><td>READY, unless the latest delivery was rejected or nothing
 *       was ever delivered (then unchanged)</td><td></td></tr>
 *   <tr><td>{@link #failed}</td><td>STALE if the layer has a document and the error does not
 *       need an operator, else ERROR</td><td></td></tr>
 *   <tr><td>{@link #emptied}</td><td>READY</td><td>no document</td></tr>
 * </table>
 *
 * <p>A source's own {@link #note} (e.g. "notifications down: ...") changes no state: it follows
 * the state's detail, separated by "; ", until the source replaces or removes it.
 */
final class SourceLayer {
  final int index;
  final FlagSource source;
  final String name;

  private @Nullable ParsedDocument document;
  private @Nullable String version;
  /** The source reported "no document" (as opposed to: has not delivered yet). */
  private boolean cleared;
  /** The source's latest delivery was rejected; what the layer serves is older. */
  private boolean rejected;
  /** A rejected candidate that is valid alone and may fit once other layers change. */
  private @Nullable ParsedDocument deferred;

  private @Nullable String deferredNote;
  private State state = State.INITIALIZING;
  private @Nullable Instant lastUpdate;
  private @Nullable ErrorInfo lastError;
  private @Nullable String detail;
  private @Nullable String note;

  SourceLayer(int index, FlagSource source) {
    this.index = index;
    this.source = source;
    this.name = source.name();
  }

  /** The layer's last accepted document, or null. */
  @Nullable
  ParsedDocument document() {
    return document;
  }

  /** Whether the layer has an answer: a document, or "no document". */
  boolean hasAnswer() {
    return document != null || cleared;
  }

  boolean isCleared() {
    return cleared;
  }

  State state() {
    return state;
  }

  @Nullable
  ErrorInfo lastError() {
    return lastError;
  }

  @Nullable
  ParsedDocument deferred() {
    return deferred;
  }

  @Nullable
  String deferredNote() {
    return deferredNote;
  }

  /**
   * A document (or, when null, "no document") was accepted and is part of what is served. The
   * layer holds it as it was read until {@link #compact()}, which the caller runs once the
   * document is served, so that a new snapshot is not held back by keeping the old one's bytes.
   */
  void accepted(@Nullable ParsedDocument doc, @Nullable String staleNote, Instant now) {
    document = doc;
    cleared = doc == null;
    rejected = false;
    deferred = null;
    version = doc == null ? null : doc.version();
    state = doc == null || staleNote == null ? State.READY : State.STALE;
    detail = doc == null ? "no document" : staleNote;
    lastUpdate = now;
  }

  /**
   * Turns the document into the form a layer keeps ({@link ParsedDocument#forKeeping()}: deflated
   * bytes, no tree, no reference to the delivered array). Idempotent.
   */
  void compact() {
    ParsedDocument d = document;
    if (d != null) {
      document = d.forKeeping();
    }
  }

  /** The source delivered the document the layer already has. */
  void sameDocument(@Nullable String staleNote, Instant now) {
    rejected = false;
    deferred = null;
    state = staleNote == null ? State.READY : State.STALE;
    detail = staleNote;
    lastUpdate = now;
  }

  /** The latest delivery was rejected; what the layer serves does not change. */
  void rejected(ErrorInfo error) {
    lastError = error;
    state = hasAnswer() ? State.STALE : State.ERROR;
    detail = "latest document rejected";
    rejected = true;
  }

  /** Keeps a rejected candidate to try again when another layer changes (null: none). */
  void defer(@Nullable ParsedDocument candidate, @Nullable String note) {
    deferred = candidate == null ? null : candidate.forKeeping();
    deferredNote = note;
  }

  /**
   * The source confirmed its document unchanged. After a rejection it means the origin still
   * holds the rejected document, so the layer stays as it is until a document is accepted.
   */
  void unchanged(Instant now) {
    if (!rejected && hasAnswer()) {
      state = State.READY;
      detail = document == null ? "no document" : null;
      lastUpdate = now;
    }
  }

  /** The source has no document and the layer had none either. */
  void emptied(Instant now) {
    cleared = true;
    deferred = null;
    rejected = false;
    state = State.READY;
    detail = "no document";
    lastUpdate = now;
  }

  /**
   * The source failed to fetch.
   *
   * @return true if the layer's state changed
   */
  boolean failed(ErrorInfo error) {
    State before = state;
    lastError = error;
    // Errors an operator must fix (credentials, a missing document) show as ERROR even while the
    // last good document keeps serving; transient ones as STALE.
    state = hasAnswer() && !error.needsOperator() ? State.STALE : State.ERROR;
    detail = null;
    return before != state;
  }

  /** The source's own note, which changes no state (null: none). */
  void note(@Nullable String note) {
    this.note = note;
  }

  SourceStatus status(ApiFactory api) {
    Map<String, Long> counters;
    try {
      counters = source.counters();
    } catch (RuntimeException e) {
      counters = Map.of(); // a source's statistics must not break the client's status
    }
    String d = detail;
    String n = note;
    String shown = d == null ? n : n == null ? d : d + "; " + n;
    return api.sourceStatus(name, state, version, lastUpdate, lastError, shown, counters);
  }
}
