package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

  /** Kills a flag, served or not; true if the served document has it. */
  boolean kill(String flagKey, String reason) {
    controller.countKill();
    Set<String> before = controller.killedFlags();
    overlay.kill(flagKey, reason);
    boolean known = controller.servedBase().flag(flagKey) != null;
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.kill(flagKey, reason, known, version));
    announceKills(ChangeEvent.Cause.KILL, "kill", before);
    return known;
  }

  List<String> killTag(String tag, String reason) {
    controller.countKill();
    Set<String> before = controller.killedFlags();
    overlay.killTag(tag, reason);
    List<String> hit = OperatorOverlay.flagsWithTag(controller.servedBase(), tag);
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.killTag(tag, hit, reason, version));
    announceKills(ChangeEvent.Cause.KILL, "killTag", before);
    return hit;
  }

  boolean restore(String flagKey) {
    Set<String> before = controller.killedFlags();
    boolean had = overlay.restore(flagKey);
    controller.guardrailRestored(flagKey);
    if (had) {
      String version = controller.servedBase().version();
      controller.commit(null, true, () -> audit.restore(flagKey, version));
      announceKills(ChangeEvent.Cause.RESTORE, "restore", before);
    }
    return had;
  }

  /** A guardrail tripped: kills the flag as {@link #kill} does, with the guardrail's line. */
  void guardrailKill(String flagKey, String description) {
    Set<String> before = controller.killedFlags();
    overlay.kill(flagKey, description);
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.guardrailKill(flagKey, description, version));
    announceKills(ChangeEvent.Cause.KILL, "guardrail", before);
  }

  /** A new document changed a flag whose guardrail restores on that: lifts its kill. */
  void guardrailRestore(String flagKey) {
    Set<String> before = controller.killedFlags();
    overlay.restore(flagKey);
    controller.guardrailRestored(flagKey);
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.guardrailRestore(flagKey, version));
    announceKills(ChangeEvent.Cause.RESTORE, "guardrail", before);
  }

  boolean restoreTag(String tag) {
    Set<String> before = controller.killedFlags();
    boolean had = overlay.restoreTag(tag);
    if (had) {
      List<String> flags = OperatorOverlay.flagsWithTag(controller.servedBase(), tag);
      String version = controller.servedBase().version();
      controller.commit(null, true, () -> audit.restoreTag(tag, flags, version));
      announceKills(ChangeEvent.Cause.RESTORE, "restoreTag", before);
    }
    return had;
  }

  /** Overrides a flag, served or not; true if the served document has it. */
  boolean override(String flagKey, String variant, @Nullable List<String> keys) {
    boolean known = overlay.override(controller.servedBase(), flagKey, variant, keys);
    String version = controller.servedBase().version();
    controller.commit(null, true, () -> audit.override(flagKey, variant, keys, known, version));
    if (known) {
      controller.announce(ChangeEvent.Cause.OVERRIDE, "override", List.of(flagKey), "override");
    }
    return known;
  }

  boolean clearOverride(String flagKey) {
    boolean had = overlay.clearOverride(flagKey);
    if (had) {
      controller.commit(null, true, () -> audit.clearOverride(flagKey));
      // An override of a flag the served document lacks was waiting, inactive: nothing changed.
      if (controller.servedBase().flag(flagKey) != null) {
        controller.announce(
            ChangeEvent.Cause.OVERRIDE, "clearOverride", List.of(flagKey), "override");
      }
    }
    return had;
  }

  /** Announces the served flags whose kill state the committed change flipped. */
  private void announceKills(ChangeEvent.Cause cause, String action, Set<String> before) {
    Set<String> after = controller.killedFlags();
    List<String> flipped = new ArrayList<>();
    for (String k : after) {
      if (!before.contains(k)) {
        flipped.add(k);
      }
    }
    for (String k : before) {
      if (!after.contains(k)) {
        flipped.add(k);
      }
    }
    flipped.sort(null);
    controller.announce(cause, action, flipped, "killed");
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
