package dev.flags.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 1: a boolean flag that is on, with no targets and no rules: the floor of an
 * evaluation through the public API (snapshot read, flag lookup by name, type check, result).
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar SimpleFlagBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SimpleFlagBenchmark {

  @Benchmark
  public boolean simple_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.SIMPLE, s.user);
  }

  @Benchmark
  public boolean simple_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.SIMPLE, Contexts.of(s.userPerson));
  }
}
