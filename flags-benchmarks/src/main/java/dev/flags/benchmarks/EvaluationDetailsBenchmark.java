package dev.flags.benchmarks;

import dev.flags.Evaluation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 12: {@code evaluate(...)} with full details (value, variant, reason, rule id, error
 * code, document version) on the single-rule flag, matching. The result is a shared precomputed
 * instance.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar EvaluationDetailsBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class EvaluationDetailsBenchmark {

  @Benchmark
  public Evaluation details_prebuilt(FlagsState s) {
    return s.flags.evaluate(Fixture.SINGLE_RULE, s.user);
  }

  @Benchmark
  public Evaluation details_built(FlagsState s) {
    return s.flags.evaluate(Fixture.SINGLE_RULE, Contexts.of(s.userPerson));
  }
}
