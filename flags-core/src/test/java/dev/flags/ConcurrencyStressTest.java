package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import dev.flags.testsupport.Docs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Swaps between two documents thousands of times while six threads evaluate. In document A every
 * flag serves "A" at version "A", in B every flag serves "B" at version "B", so a torn read (two
 * documents in one evaluation, or in one snapshot) shows as a value that disagrees with a version.
 */
final class ConcurrencyStressTest {
  private static final int FLAGS = 50;
  private static final int SWAPS = 5_000;
  private static final int EVALUATORS = 6;
  private static final long DEADLINE_SECONDS = 120;

  private static String document(String version) {
    String[] flags = new String[FLAGS];
    for (int i = 0; i < FLAGS; i++) {
      flags[i] = Docs.flag(
          "flag-" + i,
          "'variants': {'a': 'A', 'b': 'B'}, 'offVariant': 'a'," + " 'fallthrough': {'variant': '"
              + version.toLowerCase(java.util.Locale.ROOT) + "'}");
    }
    return Docs.doc(version, flags);
  }

  @Test
  void evaluate_whileSwappingThousandsOfTimes_neverTornAndNeverThrows() throws Exception {
    String a = document("A");
    String b = document("B");
    MemorySource remote = MemorySource.of("remote", a);
    try (Flags flags =
        Flags.newBuilder().name("t-stress").historySize(2).source(remote).build()) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong evaluations = new AtomicLong();
      AtomicLong sawA = new AtomicLong();
      AtomicLong sawB = new AtomicLong();
      CountDownLatch started = new CountDownLatch(EVALUATORS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < EVALUATORS; t++) {
        Context user = Context.of("user-" + t);
        Thread evaluator = new Thread(
            () -> {
              started.countDown();
              try {
                long n = 0;
                while (!stop.get() && failure.get() == null) {
                  FlagSnapshot snapshot = flags.snapshot();
                  String version = snapshot.version();
                  for (int i = 0; i < FLAGS; i++) {
                    Evaluation e = snapshot.evaluate("flag-" + i, user);
                    if (!version.equals(e.version()) || !version.equals(e.value())) {
                      throw new AssertionError(
                          "torn snapshot " + version + ": flag-" + i + " " + e);
                    }
                  }
                  Evaluation single = flags.evaluate("flag-" + (n % FLAGS), user);
                  if (single.isError() || !single.version().equals(single.value())) {
                    throw new AssertionError("torn evaluation " + single);
                  }
                  (version.equals("A") ? sawA : sawB).incrementAndGet();
                  n += FLAGS + 1;
                  yieldNow();
                }
                evaluations.addAndGet(n);
              } catch (Throwable e) {
                failure.compareAndSet(null, e);
              }
            },
            "t-stress-evaluator-" + t);
        threads.add(evaluator);
        evaluator.start();
      }
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      AtomicLong swaps = new AtomicLong();
      Thread swapper = new Thread(
          () -> {
            try {
              for (int i = 1; i <= SWAPS && failure.get() == null; i++) {
                boolean ok = remote.update(i % 2 == 1 ? b : a).isAccepted();
                if (!ok) {
                  throw new AssertionError("swap " + i + " rejected");
                }
                swaps.incrementAndGet();
              }
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          },
          "t-stress-swapper");
      swapper.start();
      swapper.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(10));
      }

      assertThat(failure.get()).as("failure in a worker thread").isNull();
      assertThat(swapper.isAlive())
          .as("swapper finished within " + DEADLINE_SECONDS + "s")
          .isFalse();
      assertThat(swaps.get()).isEqualTo(SWAPS);
      assertThat(evaluations.get()).isGreaterThan(0);
      assertThat(sawA.get()).isGreaterThan(0);
      assertThat(sawB.get()).isGreaterThan(0);
      System.out.printf(
          "stress: %d swaps, %d evaluations, snapshots at A %d, at B %d%n",
          swaps.get(), evaluations.get(), sawA.get(), sawB.get());
    }
  }

  /** Leaves the swapper some CPU on small machines; correctness does not depend on it. */
  @SuppressWarnings("ThreadPriorityCheck")
  private static void yieldNow() {
    Thread.yield();
  }
}
