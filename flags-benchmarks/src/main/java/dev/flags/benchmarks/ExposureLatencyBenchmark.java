package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.Flags;
import java.time.Duration;
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
 * exposure: the exposure queue is full, nearly every evaluation is a new exposure that is
 * dropped and counted (de-duplication bounded to 1,024 entries, so the users are never
 * remembered), and the evaluating thread must not wait for the listener.
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

  /** A client without exposures, and one whose exposure listener is slow. */
  @State(Scope.Benchmark)
  public static class Clients {
    public Flags off;
    public Flags slow;

    @Setup(Level.Trial)
    public void setUp() {
      off = Flags.newBuilder().document(ScenarioDocument.json()).build();
      slow = Flags.newBuilder()
          .onExposure(e -> LockSupport.parkNanos(1_000_000))
          .exposureDedup(1_024, Duration.ofMinutes(5))
          .document(ScenarioDocument.json())
          .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (slow.metrics().exposuresDropped() == 0) {
        throw new IllegalStateException("the slow listener dropped nothing: not measured");
      }
      off.close();
      slow.close();
    }
  }

  @Benchmark
  public boolean listenerOff_prebuilt(Clients c, Users u) {
    return c.off.isEnabled(Fixture.ROLLOUT, u.next());
  }

  @Benchmark
  public boolean slowListener_prebuilt(Clients c, Users u) {
    return c.slow.isEnabled(Fixture.ROLLOUT, u.next());
  }
}
