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
 * Scenario 7: the costlier condition operators. A regex ({@code email matches @example\.com$},
 * RE2/J) and a semantic-version comparison ({@code appVersion semverGt 2.1.0}), each the only
 * rule of its flag, each matching.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar OperatorBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class OperatorBenchmark {

  @Benchmark
  public boolean regex_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.REGEX, s.user);
  }

  @Benchmark
  public boolean regex_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.REGEX, Contexts.of(s.userPerson));
  }

  @Benchmark
  public boolean semver_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.SEMVER, s.user);
  }

  @Benchmark
  public boolean semver_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.SEMVER, Contexts.of(s.userPerson));
  }
}
