package dev.flags.internal.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** What changed between two snapshots, flag by flag and part by part. */
public record SnapshotDiff(
    List<String> added, List<String> removed, Map<String, Set<String>> changed) {

  public static SnapshotDiff between(Snapshot before, Snapshot after) {
    Map<String, FlagDocument.Flag> a = before.documented();
    Map<String, FlagDocument.Flag> b = after.documented();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Map<String, Set<String>> changed = new TreeMap<>();
    for (Map.Entry<String, FlagDocument.Flag> e : b.entrySet()) {
      FlagDocument.Flag old = a.get(e.getKey());
      if (old == null) {
        added.add(e.getKey());
        continue;
      }
      List<String> named = ChangedParts.between(old, e.getValue());
      Set<String> parts = named.isEmpty() ? null : new LinkedHashSet<>(named);
      CompiledFlag fb = before.flag(e.getKey());
      CompiledFlag fa = after.flag(e.getKey());
      // "schedule" also names a change in what the schedules resolved to (a window opened or
      // closed, a rollout step began). The resolved state also moves when rules or the
      // fallthrough are edited; that is already named by those parts, not a schedule change.
      if (fb != null
          && fa != null
          && (fb.outsideSchedule != fa.outsideSchedule
              || (fb.scheduleState != fa.scheduleState
                  && (parts == null
                      || (!parts.contains("rules") && !parts.contains("fallthrough")))))) {
        parts = add(parts, "schedule");
      }
      if (parts != null) {
        changed.put(e.getKey(), Collections.unmodifiableSet(parts));
      }
    }
    for (String k : a.keySet()) {
      if (!b.containsKey(k)) {
        removed.add(k);
      }
    }
    Collections.sort(added);
    Collections.sort(removed);
    return new SnapshotDiff(
        List.copyOf(added), List.copyOf(removed), Collections.unmodifiableMap(changed));
  }

  private static Set<String> add(@Nullable Set<String> parts, String part) {
    Set<String> out = parts != null ? parts : new LinkedHashSet<>();
    out.add(part);
    return out;
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** E.g. {@code added=[a] removed=[] changed=[b(rules,targets)]}. */
  public String summary() {
    StringBuilder sb = new StringBuilder("added=")
        .append(added)
        .append(" removed=")
        .append(removed)
        .append(" changed=[");
    boolean first = true;
    for (Map.Entry<String, Set<String>> e : changed.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append('(').append(String.join(",", e.getValue())).append(')');
    }
    return sb.append(']').toString();
  }
}
