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
 * Scenario 10: a prerequisite chain of three flags (a needs b "on", b needs c "on"); every flag
 * in the chain is evaluated.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar PrerequisiteBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PrerequisiteBenchmark {

  @Benchmark
  public boolean prerequisites_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.PREREQ_A, s.user);
  }

  @Benchmark
  public boolean prerequisites_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.PREREQ_A, Contexts.of(s.userPerson));
  }
}
