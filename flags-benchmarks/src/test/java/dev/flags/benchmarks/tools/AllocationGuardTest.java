package dev.flags.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke run's allocation guard, over JMH JSON results as {@code -prof gc} writes them. */
final class AllocationGuardTest {
  private static final String LOCAL_KILL =
      "dev.flags.benchmarks.KillSwitchBenchmark.localKill_prebuilt";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @Test
  void noByteAllocatedAtAll_jmhLeavesTheNormOut_countsAsZero() throws IOException {
    // What JMH 1.37 writes when the JVM allocated nothing in the iteration: the rate, no norm.
    Path results = results(result(LOCAL_KILL, "\"gc.alloc.rate\": {\"score\": 0.0}"));

    int exit = guard(results);

    assertThat(exit).isZero();
    assertThat(output()).contains("ok        " + LOCAL_KILL).contains("ALLOCATION GUARD PASS");
  }

  @Test
  void noGcProfile_isNoData_andFails() throws IOException {
    Path results = results(result(LOCAL_KILL, ""));

    int exit = guard(results);

    assertThat(exit).isEqualTo(2);
    assertThat(output()).contains("NO DATA   " + LOCAL_KILL).contains("ALLOCATION GUARD FAIL");
  }

  @Test
  void anAllocatingHotPath_fails_evenWithTheRateAlone() throws IOException {
    Path results = results(result(
        LOCAL_KILL,
        "\"gc.alloc.rate\": {\"score\": 812.5}, \"gc.alloc.rate.norm\": {\"score\": 24.0}"));

    int exit = guard(results);

    assertThat(exit).isEqualTo(1);
    assertThat(output()).contains("ALLOCATES " + LOCAL_KILL);
  }

  @Test
  void aRateOverZeroWithoutTheNorm_isNoData() throws IOException {
    Path results = results(result(LOCAL_KILL, "\"gc.alloc.rate\": {\"score\": 3.5}"));

    assertThat(guard(results)).isEqualTo(2);
    assertThat(output()).contains("NO DATA   " + LOCAL_KILL);
  }

  private int guard(Path results) throws IOException {
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      return AllocationGuard.run(new String[] {results.toString()}, out);
    }
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private Path results(String... entries) throws IOException {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "[" + String.join(",", entries) + "]");
    return file;
  }

  private static String result(String benchmark, String secondary) {
    return "{\"benchmark\": \"" + benchmark + "\", \"mode\": \"avgt\", \"threads\": 1,"
        + " \"primaryMetric\": {\"score\": 10.7, \"scoreError\": \"NaN\", \"scoreUnit\": \"ns/op\"},"
        + " \"secondaryMetrics\": {" + secondary + "}}";
  }
}
