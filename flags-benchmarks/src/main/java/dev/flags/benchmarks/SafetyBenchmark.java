package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Guardrail;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * (scenario 8a) with metrics off, with metrics on, and with exposures on (every call a
 * de-duplication hit once the users have been seen); and the guardrail's reporting calls, {@code
 * recordSuccess} and {@code guard} (with a guardrail on the flag). Each client is built in this
 * class, with the same document as the other scenarios, so off and on compare within one run.
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

  /** Three clients of the scenario document: metrics off, metrics on, exposures on. */
  @State(Scope.Benchmark)
  public static class Clients {
    public Flags off;
    public Flags metrics;
    public Flags exposures;
    public Flags guarded;
    public Context user;
    public final LongAdder exposed = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() {
      off = Flags.newBuilder().document(ScenarioDocument.json()).build();
      metrics =
          Flags.newBuilder().metrics(true).document(ScenarioDocument.json()).build();
      exposures = Flags.newBuilder()
          .onExposure(e -> exposed.increment())
          .document(ScenarioDocument.json())
          .build();
      guarded = Flags.newBuilder()
          .document(ScenarioDocument.json())
          .guardrail(
              Fixture.SIMPLE,
              Guardrail.newBuilder()
                  .maxFailureRate(0.5)
                  .window(Duration.ofSeconds(60), 10)
                  .build())
          .build();
      user = Contexts.of(Fixture.USER);
      for (Flags f : new Flags[] {off, metrics, exposures, guarded}) {
        FlagsState.check(f, user, Contexts.of(Fixture.MEMBER), Contexts.of(Fixture.VISITOR));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      off.close();
      metrics.close();
      exposures.close();
      guarded.close();
    }
  }

  @Benchmark
  public boolean simpleMetricsOff_prebuilt(Clients c) {
    return c.off.isEnabled(Fixture.SIMPLE, c.user);
  }

  @Benchmark
  public boolean simpleMetricsOn_prebuilt(Clients c) {
    return c.metrics.isEnabled(Fixture.SIMPLE, c.user);
  }

  @Benchmark
  public boolean simpleExposuresOn_prebuilt(Clients c) {
    return c.exposures.isEnabled(Fixture.SIMPLE, c.user);
  }

  @Benchmark
  public boolean rolloutMetricsOff_prebuilt(Clients c, RotatingUsers u) {
    return c.off.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean rolloutMetricsOn_prebuilt(Clients c, RotatingUsers u) {
    return c.metrics.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean rolloutExposuresOn_prebuilt(Clients c, RotatingUsers u) {
    return c.exposures.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  /** One reported success of a guarded flag: an evaluation, a window update, a decision. */
  @Benchmark
  public void recordSuccess_prebuilt(Clients c) {
    c.guarded.recordSuccess(Fixture.SIMPLE, c.user);
  }

  /** The wrapper around a path that does nothing: the overhead {@code guard} adds. */
  @Benchmark
  public Boolean guard_prebuilt(Clients c) {
    return c.guarded.guard(Fixture.SIMPLE, c.user, NEW_PATH, OLD_PATH);
  }
}
