package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Guardrail;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The cost of the safety loop: evaluation of the simple flag (scenario 1) and of the 50% rollout
 * (scenario 8) with metrics off, with metrics on, and with exposures on (every call a
 * de-duplication hit: every user has been seen, and delivered, before the measurement starts);
 * and the guardrail's reporting calls, {@code recordSuccess} and {@code guard} (with a guardrail
 * on the flag). Each benchmark builds only the client it measures, with the same document as the
 * other scenarios.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar SafetyBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SafetyBenchmark {
  private static final Supplier<Boolean> NEW_PATH = () -> Boolean.TRUE;
  private static final Supplier<Boolean> OLD_PATH = () -> Boolean.FALSE;

  /** A client of the scenario document, checked, and the fixture's user. */
  public abstract static class Client {
    public Flags flags;
    public Context user;

    abstract Flags.Builder builder();

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      flags = builder().document(ScenarioDocument.json()).build();
      user = Contexts.of(Fixture.USER);
      FlagsState.check(flags, user, Contexts.of(Fixture.MEMBER), Contexts.of(Fixture.VISITOR));
      ready();
    }

    void ready() throws InterruptedException {}

    @TearDown(Level.Trial)
    public void tearDown() {
      flags.close();
    }
  }

  /** Metrics off, exposures off: evaluation as without the safety loop. */
  @State(Scope.Benchmark)
  public static class Off extends Client {
    @Override
    Flags.Builder builder() {
      return Flags.newBuilder();
    }
  }

  /** Metrics on. */
  @State(Scope.Benchmark)
  public static class Metrics extends Client {
    @Override
    Flags.Builder builder() {
      return Flags.newBuilder().metrics(true);
    }
  }

  /**
   * Exposures on. The check has evaluated the simple flag for the user and the rollout for every
   * rotating user; a last exposure, delivered after all of those (the queue is first in, first
   * out), says they have been delivered, so the measurement sees only de-duplication hits.
   */
  @State(Scope.Benchmark)
  public static class Exposures extends Client {
    private static final String LAST = "exposures-delivered";
    private final CountDownLatch delivered = new CountDownLatch(1);

    @Override
    Flags.Builder builder() {
      return Flags.newBuilder().onExposure(e -> {
        if (e.contextKey().equals(LAST)) {
          delivered.countDown();
        }
      });
    }

    @Override
    void ready() throws InterruptedException {
      flags.isEnabled(Fixture.SIMPLE, Context.of(LAST));
      if (!delivered.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("exposures not delivered within 30 s");
      }
    }
  }

  /** A guardrail on the simple flag that the benchmark's successes never trip. */
  @State(Scope.Benchmark)
  public static class Guarded extends Client {
    @Override
    Flags.Builder builder() {
      return Flags.newBuilder()
          .guardrail(
              Fixture.SIMPLE,
              Guardrail.newBuilder()
                  .maxFailureRate(0.5)
                  .window(Duration.ofSeconds(60), 10)
                  .build());
    }
  }

  @Benchmark
  public boolean simpleMetricsOff_prebuilt(Off c) {
    return c.flags.isEnabled(Fixture.SIMPLE, c.user);
  }

  @Benchmark
  public boolean simpleMetricsOn_prebuilt(Metrics c) {
    return c.flags.isEnabled(Fixture.SIMPLE, c.user);
  }

  @Benchmark
  public boolean simpleExposuresOn_prebuilt(Exposures c) {
    return c.flags.isEnabled(Fixture.SIMPLE, c.user);
  }

  @Benchmark
  public boolean rolloutMetricsOff_prebuilt(Off c, RotatingUsers u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean rolloutMetricsOn_prebuilt(Metrics c, RotatingUsers u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean rolloutExposuresOn_prebuilt(Exposures c, RotatingUsers u) {
    return c.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  /** One reported success of a guarded flag: an evaluation, a window update, a decision. */
  @Benchmark
  public void recordSuccess_prebuilt(Guarded c) {
    c.flags.recordSuccess(Fixture.SIMPLE, c.user);
  }

  /** The wrapper around a path that does nothing: the overhead {@code guard} adds. */
  @Benchmark
  public Boolean guard_prebuilt(Guarded c) {
    return c.flags.guard(Fixture.SIMPLE, c.user, NEW_PATH, OLD_PATH);
  }
}
