package dev.flags.cli;

import java.util.ArrayList;
import java.util.List;

/** A rollout's variant ranges as aligned text, marking the one that holds the bucket. */
final class RolloutText {
  private RolloutText() {}

  /** {@code on   [0, 50000)       50%  <- 30620}, one line per variant. */
  static List<String> ranges(RolloutPick p) {
    int nameWidth = 0;
    int rangeWidth = 0;
    for (RolloutPick.Range r : p.ranges()) {
      nameWidth = Math.max(nameWidth, r.variant().length());
      rangeWidth = Math.max(rangeWidth, range(r).length());
    }
    List<String> lines = new ArrayList<>();
    boolean marked = false;
    for (RolloutPick.Range r : p.ranges()) {
      StringBuilder sb = new StringBuilder(pad(r.variant(), nameWidth))
          .append("  ")
          .append(pad(range(r), rangeWidth))
          .append("  ")
          .append(r.percent());
      if (!marked && p.bucket() >= r.from() && p.bucket() < r.to()) {
        sb.append("  <- ").append(p.bucket());
        marked = true;
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  private static String range(RolloutPick.Range r) {
    return "[" + r.from() + ", " + r.to() + ")";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
