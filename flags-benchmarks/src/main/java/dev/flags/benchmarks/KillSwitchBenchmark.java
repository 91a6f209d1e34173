package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.Flags;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 2a: a flag switched off in the document ({@code "enabled": false}); 2b: a flag killed
 * at runtime by an operator ({@code flags.kill(...)}). Both return a precomputed off result before
 * looking at the context.
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

  /** A client whose simple flag an operator killed at runtime with {@link Flags#kill}. */
  @State(Scope.Benchmark)
  public static class LocallyKilled {
    public Flags flags;
    public Context user;
    public Person userPerson;

    @Setup(Level.Trial)
    public void setUp() {
      flags = Flags.newBuilder().document(ScenarioDocument.json()).build();
      flags.kill(Fixture.SIMPLE, "benchmark");
      userPerson = Fixture.USER;
      user = Contexts.of(userPerson);
      Expect.equal("flags", "local kill", flags.isEnabled(Fixture.SIMPLE, user), false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      flags.close();
    }
  }

  /** Scenario 2b: the runtime kill is one array read before the document is consulted. */
  @Benchmark
  public boolean localKill_prebuilt(LocallyKilled s) {
    return s.flags.isEnabled(Fixture.SIMPLE, s.user);
  }

  @Benchmark
  public boolean localKill_built(LocallyKilled s) {
    return s.flags.isEnabled(Fixture.SIMPLE, Contexts.of(s.userPerson));
  }
}
