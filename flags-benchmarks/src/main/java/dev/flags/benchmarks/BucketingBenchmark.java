package dev.flags.benchmarks;

import dev.flags.internal.Bucketing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A micro-benchmark of the internal sticky bucketing (murmur3 of {@code salt + ":" + key}, hashed
 * straight from the strings without building either), over the 1,024 rotating user keys: the
 * part of the rollout scenarios that is not lookup. The reference implementation, which builds the
 * concatenated string and its UTF-8 bytes, is measured alongside to show what the streaming hash
 * saves.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar BucketingBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class BucketingBenchmark {

  @Benchmark
  public int bucket(RotatingUsers u) {
    return Bucketing.bucket(Fixture.ROLLOUT, u.people[u.next()].key());
  }

  @Benchmark
  public int bucketByConcatenation(RotatingUsers u) {
    String key = u.people[u.next()].key();
    byte[] bytes = (Fixture.ROLLOUT + ":" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Bucketing.bucketOf(Bucketing.murmur3(bytes));
  }
}
