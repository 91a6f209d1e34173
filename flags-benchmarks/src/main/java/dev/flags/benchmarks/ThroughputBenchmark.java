package dev.flags.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scaling: total throughput with one and with two threads evaluating at once through one shared
 * client (the simple flag, and the sticky rollout over 1,024 users, each thread with its own
 * cursor). Evaluation takes no lock and writes nothing shared, so two threads on two idle cores
 * should give close to twice the operations per microsecond. Compare {@code _2threads} with
 * {@code _1thread}; the report prints the ratio.
 *
 * <p>Meaningful only on a machine with at least two otherwise idle cores.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar ThroughputBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ThroughputBenchmark {

  @Benchmark
  @Threads(1)
  public boolean simple_prebuilt_1thread(FlagsState s) {
    return s.flags.isEnabled(Fixture.SIMPLE, s.user);
  }

  @Benchmark
  @Threads(2)
  public boolean simple_prebuilt_2threads(FlagsState s) {
    return s.flags.isEnabled(Fixture.SIMPLE, s.user);
  }

  @Benchmark
  @Threads(1)
  public boolean rollout_prebuilt_1thread(FlagsState s, RotatingUsers u) {
    return s.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  @Threads(2)
  public boolean rollout_prebuilt_2threads(FlagsState s, RotatingUsers u) {
    return s.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }
}
