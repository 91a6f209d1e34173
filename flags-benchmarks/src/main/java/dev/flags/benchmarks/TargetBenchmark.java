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
 * Scenario 3: individual targets. The flag serves "on" to a list of 10,000 keys; the hit is a key
 * from the middle of the list, the miss a key that is not in it (then the fallthrough "off").
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar TargetBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TargetBenchmark {

  @Benchmark
  public boolean targetHit_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.TARGETS, s.user);
  }

  @Benchmark
  public boolean targetHit_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.TARGETS, Contexts.of(s.userPerson));
  }

  @Benchmark
  public boolean targetMiss_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.TARGETS, s.visitor);
  }

  @Benchmark
  public boolean targetMiss_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.TARGETS, Contexts.of(s.visitorPerson));
  }
}
