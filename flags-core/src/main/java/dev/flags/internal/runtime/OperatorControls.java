package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What operators do at runtime: kill and restore flags and tags, override them, roll back to an
 * earlier document and release the pin. Each method is called with the {@link Controller}'s lock
 * held, changes one part ({@link OperatorOverlay} or {@link SnapshotHistory}) and ends in one
 * commit, which writes the operator's audit line.
 */
final class OperatorControls {
  private final Controller controller;
  private final OperatorOverlay overlay;
  private final SnapshotHistory history;
  private final AuditLog audit;

  OperatorControls(
      Controller controller, OperatorOverlay overlay, SnapshotHistory history, AuditLog audit) {
    this.controller = controller;
    this.overlay = overlay;
    this.history = history;
    this.audit = audit;
  }

  void kill(String flagKey, String reason) {
    overlay.kill(flagKey, reason);
    boolean known = controller.servedBase().flag(flagKey) != null;
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.kill(flagKey, reason, known, version));
  }

  List<String> killTag(String tag, String reason) {
    overlay.killTag(tag, reason);
    List<String> hit = OperatorOverlay.flagsWithTag(controller.servedBase(), tag);
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.killTag(tag, hit, reason, version));
    return hit;
  }

  boolean restore(String flagKey) {
    boolean had = overlay.restore(flagKey);
    if (had) {
      String version = controller.servedBase().version();
      controller.commit(null, true, () -> audit.restore(flagKey, version));
    }
    return had;
  }

  boolean restoreTag(String tag) {
    boolean had = overlay.restoreTag(tag);
    if (had) {
      List<String> flags = OperatorOverlay.flagsWithTag(controller.servedBase(), tag);
      String version = controller.servedBase().version();
      controller.commit(null, true, () -> audit.restoreTag(tag, flags, version));
    }
    return had;
  }

  void override(String flagKey, String variant, @Nullable List<String> keys) {
    overlay.override(controller.servedBase(), flagKey, variant, keys);
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.override(flagKey, variant, keys, version));
  }

  boolean clearOverride(String flagKey) {
    boolean had = overlay.clearOverride(flagKey);
    if (had) {
      controller.commit(null, true, () -> audit.clearOverride(flagKey));
    }
    return had;
  }

  /** Pins the snapshot before the served one; returns its version. */
  String rollback() {
    return pin(history.rollback());
  }

  /** Pins the most recent snapshot in history with this version; returns it. */
  String rollbackTo(String version) {
    return pin(history.rollbackTo(version));
  }

  private String pin(SnapshotHistory.Entry target) {
    String from = controller.servedBase().version();
    Controller.Swap swap = controller.serve(
        target, controller.compile(target), ChangeEvent.Cause.ROLLBACK, "rollback", null, null);
    controller.commit(
        swap,
        false,
        () -> audit.rollback(from, swap.after().version(), swap.diff().summary()));
    return swap.after().version();
  }

  /** Serves the latest document again; false if nothing was pinned. */
  boolean unpin() {
    SnapshotHistory.Entry latest = history.unpin();
    if (latest == null) {
      return false;
    }
    Controller.Swap swap = controller.serve(
        latest, controller.compile(latest), ChangeEvent.Cause.UNPIN, "unpin", null, null);
    controller.commit(
        swap, false, () -> audit.unpin(swap.after().version(), swap.diff().summary()));
    return true;
  }
}
