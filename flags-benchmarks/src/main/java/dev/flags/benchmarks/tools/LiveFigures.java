package dev.flags.benchmarks.tools;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.benchmarks.GeneratedDocument;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the operator-facing figures that JMH cannot express well: how long after {@code
 * kill(...)} returns another thread sees the kill, and how long a reload of a large document
 * takes (read + validate + compile + swap).
 *
 * <pre>
 * java -cp flags-benchmarks/target/benchmarks.jar dev.flags.benchmarks.tools.LiveFigures [flags]
 * </pre>
 */
public final class LiveFigures {
  private LiveFigures() {}

  public static void main(String[] args) throws Exception {
    int flagCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    System.out.printf(
        "java %s, %d cpus%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    reloadTime(flagCount);
    killLatency(flagCount);
  }

  private static void reloadTime(int n) {
    byte[] a = GeneratedDocument.withFlags(n, "a");
    byte[] b = GeneratedDocument.withFlags(n, "b");
    try (Flags flags = Flags.newBuilder().name("reload").build()) {
      flags.load(a);
      for (int i = 0; i < 10; i++) { // warm up the JIT on the load path
        flags.load(i % 2 == 0 ? b : a);
      }
      int runs = 30;
      long[] ms = new long[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        flags.load(i % 2 == 0 ? b : a);
        ms[i] = (System.nanoTime() - t0) / 1_000;
      }
      Arrays.sort(ms);
      System.out.printf(
          "reload of a %d-flag document (%d KiB): median %.1f ms, p90 %.1f ms,"
              + " min %.1f ms over %d runs (read + validate + compile + swap)%n",
          n,
          a.length / 1024,
          ms[runs / 2] / 1000.0,
          ms[runs * 9 / 10] / 1000.0,
          ms[0] / 1000.0,
          runs);
    }
  }

  /**
   * One reader thread spins on {@code isEnabled}; the main thread kills the flag and notes when
   * {@code kill} returned; the reader notes when it first saw the kill. Repeated with restores.
   */
  private static void killLatency(int n) throws Exception {
    try (Flags flags = Flags.newBuilder().name("kill").build()) {
      flags.load(GeneratedDocument.withFlags(n, "k"));
      // Generated flags serve "on" to countries NZ, AU and DE; flag n/2 is a boolean flag.
      Context user = Context.newBuilder("user-77").set("country", "NZ").build();
      String key = "flag-" + (n / 2 / 10 * 10);
      int rounds = 2_000;
      long[] visibleAfterReturn = new long[rounds];
      long[] killCall = new long[rounds];
      AtomicLong seenAt = new AtomicLong();
      for (int r = 0; r < rounds; r++) {
        CountDownLatch started = new CountDownLatch(1);
        seenAt.set(0);
        Thread reader = new Thread(
            () -> {
              started.countDown();
              while (flags.isEnabled(key, user)) {
                Thread.onSpinWait();
              }
              seenAt.set(System.nanoTime());
            },
            "kill-latency-reader");
        reader.start();
        started.await();
        long t0 = System.nanoTime();
        flags.kill(key, "measurement");
        long returned = System.nanoTime();
        reader.join();
        killCall[r] = returned - t0;
        visibleAfterReturn[r] = seenAt.get() - returned;
        flags.restore(key);
      }
      Arrays.sort(visibleAfterReturn);
      Arrays.sort(killCall);
      System.out.printf(
          "kill(): call takes median %.1f us, p99 %.1f us (%d flags);"
              + " a spinning reader sees it at median %+.1f us, p99 %+.1f us, max %+.1f us"
              + " relative to kill() returning (negative: seen before the call returned),"
              + " %d rounds%n",
          killCall[rounds / 2] / 1e3,
          killCall[rounds * 99 / 100] / 1e3,
          n,
          visibleAfterReturn[rounds / 2] / 1e3,
          visibleAfterReturn[rounds * 99 / 100] / 1e3,
          visibleAfterReturn[rounds - 1] / 1e3,
          rounds);
    }
  }
}
