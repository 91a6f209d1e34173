package dev.flags.benchmarks.tools;

import static dev.flags.benchmarks.tools.Units.bytes;
import static dev.flags.benchmarks.tools.Units.fmt;
import static dev.flags.benchmarks.tools.Units.time;

import java.util.ArrayList;
import java.util.List;

/** The report's first section: each performance target, what was measured, met or missed. */
final class Targets {
  private final Report report;

  Targets(Report report) {
    this.report = report;
  }

  void write(StringBuilder md) {
    md.append("## Targets\n\n");
    md.append("| Target | Measured | Verdict |\n|---|---|---|\n");

    // 1. Zero allocation on every evaluation scenario with a pre-built context.
    List<String> allocating = new ArrayList<>();
    int measured = 0;
    for (JmhResult r : report.results) {
      if (AllocationGuard.isGated(r)) {
        Double norm = r.allocNorm();
        if (norm != null && !norm.isNaN()) {
          measured++;
          if (norm >= AllocationGuard.LIMIT_BYTES_PER_OP) {
            allocating.add(r.className() + "." + r.method() + " " + bytes(norm));
          }
        }
      }
    }
    row(
        md,
        "0 B/op for every evaluation scenario with a pre-built context",
        measured == 0
            ? "no gc data (run with -prof gc)"
            : allocating.isEmpty()
                ? measured + " benchmarks, all < 1 B/op"
                : String.join("; ", allocating),
        measured == 0 ? null : allocating.isEmpty());

    // 2. Simple and killed within 2x of the HashMap baseline.
    for (Scenario s : new Scenario[] {Scenario.SIMPLE, Scenario.KILLED}) {
      JmhResult ours = report.cell(s, Report.PREBUILT, Library.FLAGS);
      JmhResult base = report.cell(s, Report.PREBUILT, Library.BASELINE);
      if (ours == null || base == null) {
        row(md, s.title + " within 2x of the HashMap baseline", "not measured", null);
      } else {
        double ratio = ours.score / base.score;
        row(
            md,
            s.title + " within 2x of the HashMap baseline",
            time(ours.score) + " vs " + time(base.score) + " = " + fmt(ratio, 2) + "x",
            ratio <= 2.0);
      }
    }

    // 3. Absolute latency targets.
    latency(md, Scenario.ROLLOUT, 25);
    latency(md, Scenario.RULE_MATCH, 25);
    latency(md, Scenario.TARGET_HIT, 25);
    latency(md, Scenario.SEGMENT, 25);
    latency(md, Scenario.TEN_RULES, 100);

    // 4. Faster than every peer on every shared scenario.
    List<String> slower = new ArrayList<>();
    int compared = 0;
    for (Scenario s : Scenario.values()) {
      for (String variant : new String[] {Report.PREBUILT, Report.BUILT}) {
        JmhResult ours = report.cell(s, variant, Library.FLAGS);
        if (ours == null) {
          continue;
        }
        for (Library peer : Library.peers()) {
          JmhResult theirs = report.cell(s, variant, peer);
          if (theirs != null) {
            compared++;
            if (theirs.score <= ours.score) {
              slower.add(s.id + "_" + variant + " vs " + peer.title + " (" + time(ours.score)
                  + " vs " + time(theirs.score) + ")");
            }
          }
        }
      }
    }
    row(
        md,
        "Faster than every peer on every shared scenario",
        compared == 0
            ? "no peer report.results"
            : slower.isEmpty()
                ? "faster in all " + compared + " comparisons"
                : "slower or equal in " + slower.size() + " of " + compared + ": "
                    + String.join("; ", slower),
        compared == 0 ? null : slower.isEmpty());

    // 5. >= 10x faster than LaunchDarkly on the sticky rollout.
    JmhResult ours = report.cell(Scenario.ROLLOUT, Report.PREBUILT, Library.FLAGS);
    JmhResult ld = report.cell(Scenario.ROLLOUT, Report.PREBUILT, Library.LAUNCHDARKLY);
    if (ours == null || ld == null) {
      row(md, ">= 10x faster than LaunchDarkly on the sticky rollout", "not measured", null);
    } else {
      double ratio = ld.score / ours.score;
      row(
          md,
          ">= 10x faster than LaunchDarkly on the sticky rollout",
          time(ld.score) + " / " + time(ours.score) + " = " + fmt(ratio, 1) + "x",
          ratio >= 10);
    }

    // 6. Scaling.
    for (String scenario : new String[] {"simple", "rollout"}) {
      JmhResult one = report.find("ThroughputBenchmark", scenario + "_prebuilt_1thread", null);
      JmhResult two = report.find("ThroughputBenchmark", scenario + "_prebuilt_2threads", null);
      String label = "2 threads >= 1.8x single-thread throughput (" + scenario + ")";
      if (one == null || two == null) {
        row(md, label, "not measured", null);
      } else {
        double ratio = two.score / one.score;
        row(
            md,
            label,
            fmt(two.score, 1) + " / " + fmt(one.score, 1) + " " + one.unit + " = " + fmt(ratio, 2)
                + "x",
            ratio >= 1.8);
      }
    }

    // 7. Load path.
    JmhResult load = report.find("LoadBenchmark", "loadAndSwap", "10000");
    if (load == null) {
      row(md, "Parse + validate + compile + swap of 10,000 flags <= 250 ms", "not measured", null);
    } else {
      row(
          md,
          "Parse + validate + compile + swap of 10,000 flags <= 250 ms",
          fmt(load.score, 1) + " " + load.unit,
          load.score <= 250);
    }
    md.append('\n');
  }

  private void latency(StringBuilder md, Scenario s, double limitNs) {
    JmhResult r = report.cell(s, Report.PREBUILT, Library.FLAGS);
    String label = s.title + " <= " + (int) limitNs + " ns/op";
    if (r == null) {
      row(md, label, "not measured", null);
    } else {
      row(md, label, time(r.score), r.score <= limitNs);
    }
  }

  private static void row(StringBuilder md, String target, String measured, Boolean pass) {
    md.append("| ")
        .append(target)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(pass == null ? "not measured" : pass ? "met" : "**missed**")
        .append(" |\n");
  }
}
