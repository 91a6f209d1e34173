package dev.flags.benchmarks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor: a plain {@code HashMap<String, Boolean>} holding a precomputed answer per flag key,
 * read by key (no context, no rules). It stands in the scenarios that are a lookup and nothing
 * more: a flag that is on, a killed flag, and an unknown key with a default. Keys are constants,
 * as in the flags benchmarks and in application code ({@code isEnabled("new-checkout", user)}).
 * {@code segmentMember_prebuilt} adds the JDK's own set membership: the answer's lookup and
 * {@code HashSet.contains} of the segment member's key among the 100,000 segment keys (the same
 * strings as scenario 4, the member's key a different instance from the set's, as a key read off
 * a request is), the floor of a segment test.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar HashMapBaselineBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class HashMapBaselineBenchmark {

  /** The precomputed answers, keyed like the scenario flags. */
  @State(Scope.Benchmark)
  public static class Answers {
    public Map<String, Boolean> map;

    @Setup(Level.Trial)
    public void setUp() {
      map = new HashMap<>();
      map.put(Fixture.SIMPLE, true);
      map.put(Fixture.KILLED, false);
      map.put(Fixture.SEGMENT_FLAG, true);
    }
  }

  /** The segment's keys in the JDK's hash set, and the member of scenario 4. */
  @State(Scope.Benchmark)
  public static class Segment {
    public Set<String> keys;
    public String member;

    @Setup(Level.Trial)
    public void setUp() {
      keys = new HashSet<>(Fixture.segmentKeys());
      member = Fixture.MEMBER.key();
      Expect.equal("HashSet", "segment member", keys.contains(member), true);
    }
  }

  @Benchmark
  public boolean segmentMember_prebuilt(Answers a, Segment s) {
    return a.map.get(Fixture.SEGMENT_FLAG) && s.keys.contains(s.member);
  }

  @Benchmark
  public boolean simple_prebuilt(Answers a) {
    return a.map.get(Fixture.SIMPLE);
  }

  @Benchmark
  public boolean killed_prebuilt(Answers a) {
    return a.map.get(Fixture.KILLED);
  }

  @Benchmark
  public boolean unknown_prebuilt(Answers a) {
    return a.map.getOrDefault(Fixture.UNKNOWN, Boolean.FALSE);
  }
}
