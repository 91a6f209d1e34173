package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.Flags;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation latency percentiles (JMH sample mode: p50, p99, p99.9) of the 50% rollout over
 * 65,536 distinct users, with no exposure listener and with a listener that takes 1 ms per
 * exposure: nearly every evaluation is a new exposure (de-duplication bounded to 1,024 entries,
 * so the users are never remembered), the queue fills within milliseconds, and the client sheds
 * exposures until the listener has drained half of it (about 4 s at 1 ms each), then fills it
 * again. The evaluating thread must not wait for the listener. {@code stuckListener} has a
 * listener that never returns: the queue fills once and the client sheds from then on, without
 * any delivery, which isolates the shed path from the delivery thread's wake-ups.
 *
 * <p>Not under the smoke run's allocation guard (no {@code _prebuilt} in the names): JMH's gc
 * profiler counts every thread, and here the delivery thread builds each exposure it delivers
 * (by design: only a de-duplication hit is free), while sample mode keeps JMH's own samples. The
 * evaluating thread's allocation is checked by {@code ExposureTest} (hits and drops) and {@code
 * SafetyBenchmark} (hits).
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar ExposureLatencyBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ExposureLatencyBenchmark {
  private static final int USERS = 1 << 16;

  /** Distinct pre-built users, and a cursor. */
  @State(Scope.Thread)
  public static class Users {
    public Context[] contexts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
      contexts = new Context[USERS];
      for (int i = 0; i < USERS; i++) {
        contexts[i] = Context.of("exposure-user-" + i);
      }
    }

    public Context next() {
      int i = next;
      next = (i + 1) & (USERS - 1);
      return contexts[i];
    }
  }

  /** A client without exposures. */
  @State(Scope.Benchmark)
  public static class Off {
    public Flags flags;

    @Setup(Level.Trial)
    public void setUp() {
      flags = Flags.newBuilder().document(ScenarioDocument.json()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      flags.close();
    }
  }

  /**
   * A client without exposures, next to a thread that sleeps 1 ms at a time, as the slow
   * listener's thread does: what those wake-ups cost an evaluation on the machine, without the
   * library's exposure path. The difference between {@link #slowListener} and {@link
   * #stuckListener} is the delivery thread's activity; this row shows how much of it any thread
   * waking a thousand times a second would cause.
   */
  @State(Scope.Benchmark)
  public static class OffBesideSleeper {
    public Flags flags;
    private volatile boolean stop;
    private Thread sleeper;

    @Setup(Level.Trial)
    public void setUp() {
      flags = Flags.newBuilder().document(ScenarioDocument.json()).build();
      sleeper = new Thread(
          () -> {
            while (!stop) {
              LockSupport.parkNanos(1_000_000);
            }
          },
          "benchmark-sleeper");
      sleeper.setDaemon(true);
      sleeper.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop = true;
      sleeper.join();
      flags.close();
    }
  }

  /** A client whose exposure listener takes 1 ms per exposure. */
  @State(Scope.Benchmark)
  public static class Slow {
    public Flags flags;

    @Setup(Level.Trial)
    public void setUp() {
      flags = Flags.newBuilder()
          .onExposure(e -> LockSupport.parkNanos(1_000_000))
          .exposureDedup(1_024, Duration.ofMinutes(5))
          .document(ScenarioDocument.json())
          .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      closeHavingDropped(flags);
    }
  }

  /**
   * A client whose exposure listener takes 1 ms per exposure, with the default de-duplication
   * (1,000,000 exposures, 5 minutes): the users come back, so after the first lap their exposures
   * are known, but the queue keeps filling and the client sheds most of the time.
   */
  @State(Scope.Benchmark)
  public static class SlowRepeating {
    public Flags flags;

    @Setup(Level.Trial)
    public void setUp() {
      flags = Flags.newBuilder()
          .onExposure(e -> LockSupport.parkNanos(1_000_000))
          .document(ScenarioDocument.json())
          .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      closeHavingDropped(flags);
    }
  }

  /**
   * A client whose exposure listener never returns from its first exposure (a consumer stuck on a
   * dead connection, say): the queue fills once and the client sheds from then on, with no
   * delivery at all, so what remains over {@link #listenerOff} is the shed path alone.
   */
  @State(Scope.Benchmark)
  public static class Stuck {
    public Flags flags;
    private final CountDownLatch release = new CountDownLatch(1);

    @Setup(Level.Trial)
    public void setUp() {
      flags = Flags.newBuilder()
          .onExposure(e -> awaitQuietly(release))
          .exposureDedup(1_024, Duration.ofMinutes(5))
          .document(ScenarioDocument.json())
          .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      release.countDown();
      closeHavingDropped(flags);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes a slow listener's client; its run measured nothing if no exposure was dropped. */
  static void closeHavingDropped(Flags flags) {
    long dropped = flags.metrics().exposuresDropped();
    flags.close();
    if (dropped == 0) {
      throw new IllegalStateException("the slow listener dropped nothing: not measured");
    }
  }

  @Benchmark
  public boolean listenerOff(Off c, Users u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.next());
  }

  @Benchmark
  public boolean listenerOffBesideSleeper(OffBesideSleeper c, Users u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.next());
  }

  @Benchmark
  public boolean slowListener(Slow c, Users u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.next());
  }

  @Benchmark
  public boolean stuckListener(Stuck c, Users u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.next());
  }

  @Benchmark
  public boolean slowListenerRepeatingUsers(SlowRepeating c, Users u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.next());
  }
}
