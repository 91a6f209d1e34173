package dev.flags.benchmarks.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The allocation guard of the smoke run. Reads JMH JSON results (run with {@code -prof gc}) and
 * fails when any of this library's evaluation benchmarks with a pre-built context allocates: a
 * benchmark in package {@code dev.flags.benchmarks} (not the peers, not the baseline) whose
 * method name contains {@code _prebuilt} must report {@code gc.alloc.rate.norm} below 1 B/op.
 * Peers may allocate; time is never gated.
 *
 * <p>With {@code --expect <file>} (the output of {@code java -jar benchmarks.jar -l}), it also
 * fails when a listed benchmark has no result, so that a benchmark that broke, or that the smoke
 * run forgot, cannot pass unnoticed.
 *
 * <pre>
 * java -cp benchmarks.jar dev.flags.benchmarks.tools.AllocationGuard \
 *     [--expect benchmark-list.txt] result.json [more.json ...]
 * </pre>
 *
 * <p>Exit status: 0 all good; 1 an allocation over the limit; 2 missing results or bad input.
 */
public final class AllocationGuard {
  /** Allocations at or above this many bytes per operation fail the guard. */
  public static final double LIMIT_BYTES_PER_OP = 1.0;

  private static final String OURS = "dev.flags.benchmarks.";
  private static final String PEERS = "dev.flags.benchmarks.peers.";

  private AllocationGuard() {}

  /**
   * Runs the guard.
   *
   * @param args {@code [--expect list.txt] result.json...}
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws IOException {
    Path expect = null;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--expect") && i + 1 < args.length) {
        expect = Path.of(args[++i]);
      } else {
        files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      out.println("usage: AllocationGuard [--expect benchmark-list.txt] result.json...");
      return 2;
    }
    List<JmhResult> results = JmhResult.readAll(files);

    int missing = 0;
    if (expect != null) {
      Set<String> ran = new LinkedHashSet<>();
      for (JmhResult r : results) {
        ran.add(r.benchmark);
      }
      for (String line : Files.readAllLines(expect)) {
        String name = line.trim();
        if (!name.startsWith("dev.flags.")) {
          continue; // JMH's "Benchmarks:" header
        }
        if (!ran.contains(name)) {
          out.println("MISSING   " + name + " (no result: it failed, or the smoke run skipped it)");
          missing++;
        }
      }
    }

    int gated = 0;
    int failed = 0;
    int noProfile = 0;
    for (JmhResult r : results) {
      if (!isGated(r)) {
        continue;
      }
      gated++;
      Double norm = r.allocNorm();
      if (norm == null || norm.isNaN()) {
        out.println("NO DATA   " + r.label() + " (run with -prof gc)");
        noProfile++;
      } else if (norm >= LIMIT_BYTES_PER_OP) {
        out.printf(
            Locale.ROOT,
            "ALLOCATES %-70s %10.3f B/op (limit < %.0f)%n",
            r.label(),
            norm,
            LIMIT_BYTES_PER_OP);
        failed++;
      } else {
        out.printf(Locale.ROOT, "ok        %-70s %10.3f B/op%n", r.label(), norm);
      }
    }

    String verdict = failed == 0 && missing == 0 && noProfile == 0 && gated > 0 ? "PASS" : "FAIL";
    out.printf(
        Locale.ROOT,
        "ALLOCATION GUARD %s: %d of %d hot-path benchmarks (pre-built context) below %.0f B/op;"
            + " %d allocating; %d without gc data; %d of the expected benchmarks missing;"
            + " %d results read%n",
        verdict,
        gated - failed - noProfile,
        gated,
        LIMIT_BYTES_PER_OP,
        failed,
        noProfile,
        missing,
        results.size());
    if (missing > 0 || noProfile > 0 || gated == 0) {
      return 2;
    }
    return failed > 0 ? 1 : 0;
  }

  /** This library's evaluation benchmarks with a pre-built context. */
  static boolean isGated(JmhResult r) {
    String fqn = r.benchmark;
    return fqn.startsWith(OURS)
        && !fqn.startsWith(PEERS)
        && !r.className().equals("HashMapBaselineBenchmark")
        && r.method().contains("_prebuilt");
  }
}
