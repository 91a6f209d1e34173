package dev.flags.cli;

import dev.flags.internal.snapshot.SnapshotDiff;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code diff} as text: the documents, the flags and segments changed, the blast radius. */
final class DiffText {
  private DiffText() {}

  static void print(
      PrintStream out,
      LoadedDocument before,
      LoadedDocument after,
      SnapshotDiff diff,
      Diff.SegmentChanges segments,
      String sample,
      BlastRadius.Result radius) {
    out.println("old  " + before.describe());
    out.println("new  " + after.describe());
    out.println();
    if (diff.isEmpty()) {
      out.println("flags: no differences");
    } else {
      out.println("flags: " + diff.added().size() + " added, " + diff.removed().size()
          + " removed, " + diff.changed().size() + " changed");
      for (String k : diff.added()) {
        out.println("  + " + k);
      }
      for (String k : diff.removed()) {
        out.println("  - " + k);
      }
      for (Map.Entry<String, Set<String>> e : diff.changed().entrySet()) {
        out.println("  ~ " + e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
        for (String line : Diff.details(before, after, e.getKey(), e.getValue())) {
          out.println("      " + line);
        }
      }
    }
    if (!segments.added().isEmpty()
        || !segments.removed().isEmpty()
        || !segments.changed().isEmpty()) {
      out.println("segments: " + segments.added().size() + " added, "
          + segments.removed().size() + " removed, " + segments.changed().size() + " changed");
      for (String k : segments.added()) {
        out.println("  + " + k);
      }
      for (String k : segments.removed()) {
        out.println("  - " + k);
      }
      for (Map.Entry<String, List<String>> e : segments.changed().entrySet()) {
        out.println("  ~ " + e.getKey());
        for (String line : e.getValue()) {
          out.println("      " + line);
        }
      }
    }
    out.println();
    int n = radius.contexts();
    out.println(String.format(Locale.ROOT, "blast radius over %s", sample));
    if (!radius.anyChange()) {
      out.println("  no context sees a different value of any flag");
      return;
    }
    for (BlastRadius.FlagImpact i : radius.impacts()) {
      String note = diff.added().contains(i.flag())
          ? " (added)"
          : diff.removed().contains(i.flag()) ? " (removed)" : "";
      out.println(String.format(
          Locale.ROOT,
          "  %s%s: %,d of %,d %s (%s) %s a different value",
          i.flag(),
          note,
          i.changed(),
          n,
          n == 1 ? "context" : "contexts",
          Diff.percent(i.changed(), n),
          i.changed() == 1 ? "sees" : "see"));
      int width = 0;
      for (BlastRadius.Transition t : i.transitions()) {
        width = Math.max(width, String.format(Locale.ROOT, "%,d", t.count()).length());
      }
      for (BlastRadius.Transition t : i.transitions()) {
        out.println(String.format(
            Locale.ROOT,
            "      %," + width + "d  %s -> %s",
            t.count(),
            BlastRadius.text(t.before()),
            BlastRadius.text(t.after())));
      }
      if (!i.examples().isEmpty()) {
        out.println("      for example:");
        for (BlastRadius.Example x : i.examples()) {
          out.println("        " + Render.context(x.context()) + ": " + BlastRadius.text(x.before())
              + " -> " + BlastRadius.text(x.after()));
        }
      }
    }
    if (!radius.unchanged().isEmpty()) {
      out.println("  the same for every context: " + String.join(", ", radius.unchanged()));
    }
  }
}
