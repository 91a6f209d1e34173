package dev.flags.benchmarks;

import dev.flags.Context;
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
 * What building a context costs on its own: the difference between each scenario's {@code _built}
 * and {@code _prebuilt} variants. The five-attribute context is the one every scenario uses.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar ContextBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ContextBenchmark {

  /** The person, read from a field so that the JIT cannot fold the strings. */
  @State(Scope.Benchmark)
  public static class People {
    public Person user = Fixture.USER;
  }

  @Benchmark
  public Context keyOnly(People s) {
    return Context.of(s.user.key());
  }

  @Benchmark
  public Context fiveAttributes(People s) {
    return Contexts.of(s.user);
  }
}
