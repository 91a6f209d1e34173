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
 * Scenario 4: segment membership. One rule tests membership of a segment of 100,000 included
 * keys; the context is a member from the middle of the list.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar SegmentBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SegmentBenchmark {

  @Benchmark
  public boolean segment_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.SEGMENT_FLAG, s.member);
  }

  @Benchmark
  public boolean segment_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.SEGMENT_FLAG, Contexts.of(s.memberPerson));
  }
}
