package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.ErrorInfo;
import dev.flags.Problem;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.document.DocumentResult;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCompiler;
import dev.flags.internal.snapshot.SnapshotDiff;
import dev.flags.spi.LoadResult;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What sources deliver, taken in: a layer's document is read, validated alone and with the other
 * layers, compiled and handed to the {@link Controller} to serve, or rejected with every problem
 * while what is served stays. Every method is called with the controller's lock held and ends in
 * one of its commits.
 */
final class DocumentIntake {
  private static final Logger SOURCE_LOG = LoggerFactory.getLogger("dev.flags.source");

  private final Controller controller;
  private final DocumentLoader loader;
  private final Layers layers;
  private final SnapshotHistory history;
  private final AuditLog audit;
  /** The base snapshot of the latest accepted document, served or not (a pin may differ). */
  private @Nullable Snapshot latestBase;

  DocumentIntake(
      Controller controller,
      DocumentLoader loader,
      Layers layers,
      SnapshotHistory history,
      AuditLog audit) {
    this.controller = controller;
    this.loader = loader;
    this.layers = layers;
    this.history = history;
    this.audit = audit;
  }

  /** A delivery; {@code explicit} for an operator's {@code load}, which releases a pin. */
  LoadResult update(SourceLayer layer, byte[] bytes, @Nullable String staleNote, boolean explicit) {
    if (controller.isClosed()) {
      return LoadResult.rejected(null, List.of(Problem.of("$", "client is closed")));
    }
    // Alone, a layer's document is validated as it is read, a flag at a time; with others, it is
    // validated alone and then merged (both from its tree).
    boolean alone = !layers.othersHaveDocuments(layer);
    DocumentResult<ParsedDocument> read =
        alone ? loader.readAndValidate(bytes) : loader.read(bytes);
    if (read instanceof DocumentResult.Rejected<ParsedDocument> r) {
      layer.defer(null, null);
      return reject(layer, r);
    }
    ParsedDocument doc = read.orThrow();
    if (!alone && loader.validateLayer(doc) instanceof DocumentResult.Rejected<FlagDocument> r) {
      // Alone first, so that its own problems name it.
      layer.defer(null, null);
      return reject(layer, r);
    }
    if (doc.equals(layer.document()) && !(explicit && history.isPinned())) {
      // The same document again (a re-created file, a source without conditional requests):
      // nothing to swap, and no duplicate in history that rollback() would step onto.
      layer.sameDocument(staleNote, controller.now());
      controller.commit(null, false, null);
      return LoadResult.accepted(doc.version());
    }
    return accept(layer, doc, staleNote, explicit, null);
  }

  /** The source confirmed its document unchanged. */
  void unchanged(SourceLayer layer) {
    layer.unchanged(controller.now());
    controller.commit(null, false, null);
  }

  /** The source has no document now: its layer is removed. */
  void clear(SourceLayer layer) {
    if (controller.isClosed()) {
      return;
    }
    if (layer.document() != null) {
      accept(layer, null, null, false, "layer removed: no document");
      return;
    }
    layer.emptied(controller.now());
    if (history.served() == null && layers.allAnsweredEmpty()) {
      // Every source answered, and none has a document (e.g. only an absent optional file):
      // serve an empty flag set. A client with no source but load() stays NOT_READY until its
      // first load.
      accept(layer, null, null, false, null);
      return;
    }
    controller.commit(null, false, null);
  }

  /** The source failed to fetch; what is served does not change. */
  void failed(SourceLayer layer, ErrorInfo error) {
    if (layer.failed(error)) {
      SOURCE_LOG.warn("source {} is {}: {}", layer.name, layer.state(), error);
    }
    if (layers.allFailedTerminally()) {
      controller.markHopeless();
    }
    controller.commit(null, false, null);
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
    SnapshotHistory.Entry last = history.latest();
    // Unchanged flags and segments: the history's earlier versions and the new snapshot hold the
    // ones already kept.
    FlagDocument valid = EqualParts.reuse(checked.orThrow(), last == null ? null : last.document());
    Instant now = controller.now();
    Snapshot base = SnapshotCompiler.compile(valid, now);
    layer.accepted(doc, staleNote, now);
    try {
      Snapshot previous = latestBase;
      SnapshotDiff diff = previous == null ? null : SnapshotDiff.between(previous, base);
      SnapshotHistory.Entry entry = new SnapshotHistory.Entry(
          valid, layer.name, now, diff == null ? "initial" : diff.summary());
      latestBase = base;
      history.add(entry);
      String note = auditNote;
      if (explicit && history.releaseForExplicitLoad()) {
        note = (note == null ? "" : note + "; ") + "explicit load: rollback pin released";
      }
      if (history.isPinned()) {
        String served = controller.servedBase().version();
        controller.commit(
            null,
            false,
            () -> audit.acceptWhilePinned(valid.version(), layer.name, served, entry.summary()));
      } else {
        // The diff against the latest is the diff against what is served, unless a pin intervened.
        SnapshotDiff known = previous == controller.servedBase() ? diff : null;
        controller.commitSwap(
            controller.serve(entry, base, ChangeEvent.Cause.UPDATE, layer.name, known, note));
      }
      controller.markReady(); // after the publication: a client that is ready serves
    } finally {
      // Deflating the document's bytes takes a few milliseconds per megabyte: done once the new
      // snapshot serves, and before this delivery returns, so that no caller's array stays held.
      layer.compact();
    }
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
    controller.countRejection();
    layer.rejected(
        ErrorInfo.of(ErrorInfo.Kind.INVALID_DOCUMENT, result.summary(), controller.now()));
    String served = controller.publishedVersion();
    controller.commit(null, false, () -> audit.reject(layer.name, result, served));
    return result;
  }

  /** The documents of every layer merged, with {@code candidate} in place of {@code layer}'s. */
  private ParsedDocument merge(SourceLayer layer, @Nullable ParsedDocument candidate) {
    return loader.merge(layers.documentsWith(layer, candidate));
  }
}
