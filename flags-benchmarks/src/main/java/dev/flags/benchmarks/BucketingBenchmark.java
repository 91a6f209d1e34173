package dev.flags.benchmarks;

import dev.flags.internal.snapshot.Bucketing;
import dev.flags.internal.snapshot.Murmur3Bucketing;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A micro-benchmark of the internal sticky bucketing over 1,024 rotating UUID keys: what a
 * context pays once ({@code keyHash}, murmur3_x64_128 of the key), what each rollout pays with
 * the key's hash cached ({@code bucketCachedKey}), and the first contract, murmur3_x86_32 of
 * {@code salt + ":" + key} per rollout ({@code murmur3v1Uuid}, {@code murmur3v1Short}), which a
 * rollout paid before the key's hash was cached.
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
  /** The salt's hash, precomputed as the compiler does for every rollout. */
  private final long saltHash = Bucketing.hash(Fixture.ROLLOUT);

  private final Murmur3Bucketing.Salt v1Salt = Murmur3Bucketing.salt(Fixture.ROLLOUT);
  private long[] keyHashes;
  private byte[][] keyBytes;

  @Setup
  public void setUp() {
    Person[] people = Fixture.rotatingUuidUsers();
    keyHashes = new long[people.length];
    keyBytes = new byte[people.length][];
    for (int i = 0; i < people.length; i++) {
      keyHashes[i] = Bucketing.hash(people[i].key());
      keyBytes[i] = (Fixture.ROLLOUT + ":" + people[i].key()).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Once per context: the 64-bit hash of a 36-character key, straight from the string. */
  @Benchmark
  public long keyHash(RotatingUuidUsers u) {
    return Bucketing.hash(u.people[u.next()].key());
  }

  /** Once per rollout: combining a cached key hash with the salt's hash. */
  @Benchmark
  public int bucketCachedKey(RotatingUuidUsers u) {
    return Bucketing.bucket(keyHashes[u.next()], saltHash);
  }

  /** The first contract, per rollout: murmur3_x86_32 over the salt's state and a UUID key. */
  @Benchmark
  public int murmur3v1Uuid(RotatingUuidUsers u) {
    return Murmur3Bucketing.bucket(v1Salt, u.people[u.next()].key());
  }

  /** The first contract with the short rotating keys ({@code rollout-user-N}). */
  @Benchmark
  public int murmur3v1Short(RotatingUsers u) {
    return Murmur3Bucketing.bucket(v1Salt, u.people[u.next()].key());
  }

  /** Experiment: murmur3_x86_32 alone over bytes encoded in advance. */
  @Benchmark
  public int murmurOverBytes(RotatingUuidUsers u) {
    return Murmur3Bucketing.murmur3(keyBytes[u.next()]);
  }

  /** The cost of the rotation itself, to subtract. */
  @Benchmark
  public String rotationOnly(RotatingUuidUsers u) {
    return u.people[u.next()].key();
  }
}
