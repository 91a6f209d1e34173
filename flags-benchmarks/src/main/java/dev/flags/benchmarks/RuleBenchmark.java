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
 * Scenarios 5 and 6: attribute rules. One rule {@code country in [NZ, AU, DE]} that matches, the
 * same flag falling through for a context from elsewhere, and ten rules of two conditions each
 * (country in a list, plan equals a value) where only the last rule matches, so all twenty
 * conditions are evaluated.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar RuleBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RuleBenchmark {

  @Benchmark
  public boolean ruleMatch_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.SINGLE_RULE, s.user);
  }

  @Benchmark
  public boolean ruleMatch_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.SINGLE_RULE, Contexts.of(s.userPerson));
  }

  @Benchmark
  public boolean ruleFallthrough_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.SINGLE_RULE, s.visitor);
  }

  @Benchmark
  public boolean ruleFallthrough_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.SINGLE_RULE, Contexts.of(s.visitorPerson));
  }

  @Benchmark
  public boolean tenRules_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.TEN_RULES, s.user);
  }

  @Benchmark
  public boolean tenRules_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.TEN_RULES, Contexts.of(s.userPerson));
  }
}
