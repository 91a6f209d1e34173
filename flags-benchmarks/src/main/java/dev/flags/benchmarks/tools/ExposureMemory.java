package dev.flags.benchmarks.tools;

import dev.flags.Context;
import dev.flags.FlagMetrics;
import dev.flags.Flags;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.ScenarioDocument;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Heap held by exposure de-duplication after N distinct context keys (not JMH): a client with the
 * default exposure settings (1,000,000 entries, 5 minutes) evaluates one flag for N distinct keys,
 * paced so that the queue never drops, waits until every exposure is delivered, then reports the
 * used heap after a full GC (MemoryMXBean, Serial GC) above the same client before any key. Each
 * N runs in a fresh child JVM.
 *
 * <pre>
 * java -cp flags-benchmarks/target/benchmarks.jar dev.flags.benchmarks.tools.ExposureMemory \
 *     [N ...]          (default: 1000000 2000000)
 * </pre>
 */
public final class ExposureMemory {
  private ExposureMemory() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--child")) {
      child(Long.parseLong(args[1]));
      return;
    }
    List<Long> sizes = new ArrayList<>();
    for (String a : args) {
      sizes.add(Long.parseLong(a));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1_000_000L, 2_000_000L);
    }
    String jar = Path.of(ExposureMemory.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toURI())
        .toString();
    long first = -1;
    for (long n : sizes) {
      Process p = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:+UseSerialGC",
              "-Xmx3g",
              "-cp",
              jar,
              ExposureMemory.class.getName(),
              "--child",
              Long.toString(n))
          .redirectErrorStream(true)
          .start();
      String result = null;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("RESULT ")) {
            result = line;
          } else {
            System.out.println(line);
          }
        }
      }
      if (p.waitFor() != 0 || result == null) {
        throw new IllegalStateException("child for " + n + " failed");
      }
      String[] f = result.split(" ");
      long bytes = Long.parseLong(f[2]);
      if (first < 0) {
        first = bytes;
      }
      System.out.printf(
          Locale.ROOT,
          "%,d distinct keys: %,d exposures delivered, %,d dropped, heap above the idle client"
              + " %.1f MiB (%.2fx the first size)%n",
          n,
          Long.parseLong(f[3]),
          Long.parseLong(f[4]),
          bytes / 1048576.0,
          (double) bytes / first);
    }
  }

  private static void child(long n) throws InterruptedException {
    LongAdder got = new LongAdder();
    try (Flags flags = Flags.newBuilder()
        .onExposure(e -> got.increment())
        .exposureQueue(1 << 16)
        .document(ScenarioDocument.json())
        .build()) {
      flags.isEnabled(Fixture.SIMPLE, Context.of("warm-up"));
      await(flags, 1);
      long idle = usedAfterGc();
      for (long i = 0; i < n; i++) {
        flags.isEnabled(Fixture.SIMPLE, Context.of("user-" + i));
        if ((i & 8191) == 8191) {
          await(flags, i + 2 - 16_384); // keep the queue below a quarter full
        }
      }
      await(flags, n + 1);
      long used = usedAfterGc() - idle;
      FlagMetrics m = flags.metrics();
      System.out.println("RESULT " + n + " " + used + " " + m.exposures() + " "
          + m.exposuresDropped() + " " + got.sum());
    }
  }

  private static void await(Flags flags, long delivered) throws InterruptedException {
    while (true) {
      FlagMetrics m = flags.metrics();
      if (m.exposures() + m.exposuresDropped() >= delivered) {
        return;
      }
      Thread.sleep(1);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(
          used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
