package dev.flags.benchmarks;

import dev.flags.BooleanFlag;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 13: the typed handle. {@code BooleanFlag.isEnabled(ctx)} on the same flag as scenario 1
 * ({@link SimpleFlagBenchmark} is the by-name call to compare with): the handle skips the lookup
 * by name while the snapshot is unchanged.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar HandleBenchmark SimpleFlagBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class HandleBenchmark {

  /** The handle, obtained once, as an application would keep it in a static final field. */
  @State(Scope.Benchmark)
  public static class Handle {
    public BooleanFlag simple;

    @Setup(Level.Trial)
    public void setUp(FlagsState s) {
      simple = s.flags.booleanFlag(Fixture.SIMPLE);
      Expect.equal("flags", "handle", simple.isEnabled(s.user), true);
    }
  }

  @Benchmark
  public boolean handle_prebuilt(FlagsState s, Handle h) {
    return h.simple.isEnabled(s.user);
  }

  @Benchmark
  public boolean handle_built(FlagsState s, Handle h) {
    return h.simple.isEnabled(Contexts.of(s.userPerson));
  }
}
