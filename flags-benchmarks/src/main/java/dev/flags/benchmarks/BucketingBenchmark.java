package dev.flags.benchmarks;

import dev.flags.internal.snapshot.Bucketing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
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
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class BucketingBenchmark {

  /** The salt's hash state, precomputed as the compiler does for every rollout. */
  private final Bucketing.Salt salt = Bucketing.salt(Fixture.ROLLOUT);

  /** What a rollout evaluation pays: the key only, the salt's state precomputed. */
  @Benchmark
  public int bucket(RotatingUsers u) {
    return Bucketing.bucket(salt, u.people[u.next()].key());
  }

  /** The convenience form that also hashes the salt (and allocates its state). */
  @Benchmark
  public int bucketWithSalt(RotatingUsers u) {
    return Bucketing.bucket(Fixture.ROLLOUT, u.people[u.next()].key());
  }

  private byte[][] keyBytes;

  @org.openjdk.jmh.annotations.Setup
  public void setUp() {
    Person[] people = Fixture.rotatingUsers();
    keyBytes = new byte[people.length][];
    for (int i = 0; i < people.length; i++) {
      keyBytes[i] = (Fixture.ROLLOUT + ":" + people[i].key())
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Experiment: murmur3 alone over bytes encoded in advance. */
  @Benchmark
  public int murmurOverBytes(RotatingUsers u) {
    return Bucketing.murmur3(keyBytes[u.next()]);
  }

  /** The cost of the rotation itself, to subtract. */
  @Benchmark
  public String rotationOnly(RotatingUsers u) {
    return u.people[u.next()].key();
  }

  @Benchmark
  public int bucketByConcatenation(RotatingUsers u) {
    String key = u.people[u.next()].key();
    byte[] bytes = (Fixture.ROLLOUT + ":" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Bucketing.bucketOf(Bucketing.murmur3(bytes));
  }
}
