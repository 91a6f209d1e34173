package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.Flags;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation latency while another thread swaps snapshots without pause. In group {@code
 * swapping}, one thread evaluates (pre-built contexts rotating over 1,024 users, a flag of the
 * generated 1,000-flag document) while another thread loads that document again and again (two
 * versions alternating: parse, validate, compile, publish). Group {@code quiet} is the same reader
 * alone, for comparison. The reader never locks, so the difference is the cost of sharing the
 * machine (CPU, memory bandwidth, the writer's garbage) rather than of any coordination.
 *
 * <p>JMH reports each method of a group separately: read {@code swapping:read} against {@code
 * quiet:readQuiet}; {@code swapping:swap} is the time per load. Allocation (-prof gc) is summed
 * over the group, so it is the writer's.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar SwapUnderLoadBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Group)
public class SwapUnderLoadBenchmark {
  /** Flags in the swapped document. */
  public static final int FLAGS = 1_000;
  /** The flag the reader evaluates: targets, rules, segment and rollout like every other. */
  public static final String FLAG = "flag-7";

  private Flags flags;
  private byte[][] documents;
  private int nextDocument;

  @Setup(Level.Trial)
  public void setUp() {
    documents = new byte[][] {
      GeneratedDocument.withFlags(FLAGS, "swap-1"), GeneratedDocument.withFlags(FLAGS, "swap-2")
    };
    flags = Flags.newBuilder().build();
    flags.load(documents[0]);
    Context probe = Contexts.of(Fixture.USER);
    Expect.equal("flags", "swapped flag", flags.isEnabled(FLAG, probe), true);
  }

  @Benchmark
  @Group("swapping")
  @GroupThreads(1)
  public boolean read(RotatingUsers u) {
    return flags.isEnabled(FLAG, u.contexts[u.next()]);
  }

  @Benchmark
  @Group("swapping")
  @GroupThreads(1)
  public Flags swap() {
    nextDocument ^= 1;
    flags.load(documents[nextDocument]);
    return flags;
  }

  @Benchmark
  @Group("quiet")
  @GroupThreads(1)
  public boolean readQuiet(RotatingUsers u) {
    return flags.isEnabled(FLAG, u.contexts[u.next()]);
  }
}
