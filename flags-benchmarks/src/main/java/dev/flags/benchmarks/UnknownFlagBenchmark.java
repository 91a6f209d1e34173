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
 * Scenario 11: a flag key the document does not define; the caller's default comes back (the
 * warning is logged once per key, never per call).
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar UnknownFlagBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class UnknownFlagBenchmark {

  @Benchmark
  public boolean unknown_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.UNKNOWN, s.user);
  }

  @Benchmark
  public boolean unknown_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.UNKNOWN, Contexts.of(s.userPerson));
  }
}
