package dev.flags.benchmarks.tools;

import java.util.Locale;

/** How the report writes times, sizes and JMH errors. */
final class Units {
  private Units() {}

  /** Time in ns, printed with a unit that keeps three significant digits. */
  static String time(double ns) {
    if (Double.isNaN(ns)) {
      return "?";
    }
    if (ns < 1_000) {
      return fmt(ns, ns < 10 ? 2 : ns < 100 ? 1 : 0) + " ns";
    }
    if (ns < 1_000_000) {
      double us = ns / 1_000;
      return fmt(us, us < 10 ? 2 : us < 100 ? 1 : 0) + " µs";
    }
    double ms = ns / 1_000_000;
    return fmt(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0) + " ms";
  }

  static String relativeError(JmhResult r) {
    if (Double.isNaN(r.scoreError) || r.score == 0) {
      return "";
    }
    return " ±" + Math.round(100 * r.scoreError / r.score) + "%";
  }

  static String allocation(JmhResult r) {
    Double norm = r.allocNorm();
    if (norm == null || norm.isNaN()) {
      return "? B";
    }
    return bytes(norm);
  }

  static String bytes(double b) {
    if (b < 1) {
      return "0 B";
    }
    if (b < 10_000) {
      return String.format(Locale.ROOT, "%,d B", Math.round(b));
    }
    if (b < 10_000_000) {
      return fmt(b / 1024, b < 1_000_000 ? 1 : 0) + " KiB";
    }
    return fmt(b / (1024 * 1024), 0) + " MiB";
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
