package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.internal.snapshot.Bucketing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenarios 8 and 9: sticky percentage rollouts keyed by the context key, rotating over 1,024
 * distinct users: a 50/50 boolean rollout (8a with short keys, 8b with 36-character UUID keys),
 * and a 25/25/25/25 rollout over four string variants read with {@code getString}. {@code
 * simpleUuidUsers_prebuilt} evaluates the simple flag over the same UUID users: the cost of the
 * harness and of a different context on every call, without the rollout's work (its difference to
 * {@code rolloutUuid_prebuilt} is what the rollout itself costs). {@code
 * simplePlusBucketUuid_prebuilt} is the floor of a sticky rollout: that simple flag, plus
 * bucketing the context's cached key hash with the salt's hash written out in the benchmark (a
 * simple flag plus a few multiplications, the least any rollout with this contract can cost).
 * {@code rolloutUuidOneSided_prebuilt} and {@code simpleOneSided_prebuilt} evaluate over UUID
 * users whose buckets all fall in the rollout's first half ({@link OneSidedUuidUsers}): the
 * rollout's choice is then always predicted, and its difference to {@code rolloutUuid_prebuilt}
 * is what a choice that goes either way at random costs.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar RolloutBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RolloutBenchmark {
  /** The rollout flag's salt (its key) hashed, as the compiler does for every rollout. */
  private static final long SALT_HASH = Bucketing.hash(Fixture.ROLLOUT);

  @Benchmark
  public boolean rollout_prebuilt(FlagsState s, RotatingUsers u) {
    return s.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean rollout_built(FlagsState s, RotatingUsers u) {
    return s.flags.isEnabled(Fixture.ROLLOUT, Contexts.of(u.people[u.next()]));
  }

  @Benchmark
  public boolean simpleUuidUsers_prebuilt(FlagsState s, RotatingUuidUsers u) {
    return s.flags.isEnabled(Fixture.SIMPLE, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean simplePlusBucketUuid_prebuilt(FlagsState s, RotatingUuidUsers u) {
    Context c = u.contexts[u.next()];
    return s.flags.isEnabled(Fixture.SIMPLE, c) & Bucketing.bucket(c.keyHash(), SALT_HASH) < 50_000;
  }

  @Benchmark
  public boolean rolloutUuid_prebuilt(FlagsState s, RotatingUuidUsers u) {
    return s.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean rolloutUuidOneSided_prebuilt(FlagsState s, OneSidedUuidUsers u) {
    return s.flags.isEnabled(Fixture.ROLLOUT, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean simpleOneSided_prebuilt(FlagsState s, OneSidedUuidUsers u) {
    return s.flags.isEnabled(Fixture.SIMPLE, u.contexts[u.next()]);
  }

  @Benchmark
  public boolean rolloutUuid_built(FlagsState s, RotatingUuidUsers u) {
    return s.flags.isEnabled(Fixture.ROLLOUT, Contexts.of(u.people[u.next()]));
  }

  @Benchmark
  public String multivariate_prebuilt(FlagsState s, RotatingUsers u) {
    return s.flags.getString(Fixture.MULTIVARIATE, u.contexts[u.next()], "default");
  }

  @Benchmark
  public String multivariate_built(FlagsState s, RotatingUsers u) {
    return s.flags.getString(Fixture.MULTIVARIATE, Contexts.of(u.people[u.next()]), "default");
  }
}
