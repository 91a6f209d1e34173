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
 * Scenario 2: a flag switched off in the document ({@code "enabled": false}); evaluation returns
 * the precomputed off result before looking at the context.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar KillSwitchBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class KillSwitchBenchmark {

  @Benchmark
  public boolean killed_prebuilt(FlagsState s) {
    return s.flags.isEnabled(Fixture.KILLED, s.user);
  }

  @Benchmark
  public boolean killed_built(FlagsState s) {
    return s.flags.isEnabled(Fixture.KILLED, Contexts.of(s.userPerson));
  }

  // -----------------------------------------------------------------------------------------
  // RUNTIME KILL SWITCH (placeholder). A local, in-process kill switch API that overrides the
  // document is being added to Flags. When it lands, add here, in the same style:
  //   runtimeKill_prebuilt / runtimeKill_built: the same SIMPLE flag, killed through that API,
  //   evaluated with s.user / Contexts.of(s.userPerson);
  //   and, in SimpleFlagBenchmark's terms, the cost the kill-switch check adds to a flag that is
  //   NOT killed (it sits on every evaluation's path, so it must stay at 0 B/op).
  // Name the methods <scenario>_prebuilt / <scenario>_built and add the scenario to
  // tools.Scenario so that the report and the allocation guard pick them up.
  // -----------------------------------------------------------------------------------------
}
