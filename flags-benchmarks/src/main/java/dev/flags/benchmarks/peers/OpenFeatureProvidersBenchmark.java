package dev.flags.benchmarks.peers;

import dev.flags.Flags;
import dev.flags.benchmarks.Expect;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.ScenarioDocument;
import dev.flags.openfeature.FlagsProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import java.util.Map;
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
 * Three providers behind the same OpenFeature client API, in one run: the SDK's own {@code
 * InMemoryProvider} (a map lookup: the floor of the OpenFeature API itself), {@code
 * FlagsProvider} over a flags client serving {@link ScenarioDocument}, and flagd's in-process
 * resolver ({@link OpenFeatureFixture}). Same flag keys, same pre-built context (a targeting key
 * and five attributes), {@code getBooleanValue} through the client, so the SDK's hooks, context
 * layering and details run for all three.
 *
 * <ul>
 *   <li>{@code simple_*}: a flag on for everyone. InMemoryProvider: a flag without a context
 *       evaluator.
 *   <li>{@code rule_*}: one rule on {@code country}. InMemoryProvider: a context evaluator that
 *       reads the attribute (a lambda: what the SDK offers for targeting).
 * </ul>
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar OpenFeatureProvidersBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class OpenFeatureProvidersBenchmark {
  /** One isolated OpenFeature API per provider, and the fixture's user as a context. */
  @State(Scope.Benchmark)
  public static class Providers {
    public Client inMemory;
    public Client flagsProvider;
    public Client flagd;
    public EvaluationContext user;
    private OpenFeatureAPI inMemoryApi;
    private OpenFeatureAPI flagsApi;
    private Flags flags;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      user = OpenFeatureFixture.context(Fixture.USER);

      inMemoryApi = OpenFeatureAPI.createIsolated();
      inMemoryApi.setProviderAndWait(new InMemoryProvider(Map.of(
          Fixture.SIMPLE,
          Flag.builder()
              .variant("on", true)
              .variant("off", false)
              .defaultVariant("on")
              .build(),
          Fixture.SINGLE_RULE,
          Flag.<Boolean>builder()
              .variant("on", true)
              .variant("off", false)
              .defaultVariant("off")
              .contextEvaluator((flag, ctx) -> {
                Value country = ctx.getValue("country");
                return country != null && Fixture.COUNTRIES.contains(country.asString());
              })
              .build())));
      inMemory = inMemoryApi.getClient();

      flags = Flags.newBuilder().document(ScenarioDocument.json()).build();
      flagsApi = OpenFeatureAPI.createIsolated();
      flagsApi.setProviderAndWait(FlagsProvider.newBuilder(flags).build());
      flagsProvider = flagsApi.getClient();

      flagd = OpenFeatureFixture.client();

      EvaluationContext visitor = OpenFeatureFixture.context(Fixture.VISITOR);
      Map<String, Client> clients = Map.of(
          "OpenFeature+InMemoryProvider", inMemory,
          "OpenFeature+FlagsProvider", flagsProvider,
          "OpenFeature+flagd", flagd);
      for (Map.Entry<String, Client> e : clients.entrySet()) {
        String lib = e.getKey();
        Client c = e.getValue();
        Expect.equal(lib, Fixture.SIMPLE, c.getBooleanValue(Fixture.SIMPLE, false, user), true);
        Expect.equal(lib, "rule match", c.getBooleanValue(Fixture.SINGLE_RULE, false, user), true);
        Expect.equal(
            lib, "rule fallthrough", c.getBooleanValue(Fixture.SINGLE_RULE, true, visitor), false);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      inMemoryApi.shutdown();
      flagsApi.shutdown();
      flags.close();
    }
  }

  @Benchmark
  public boolean simple_inMemory(Providers s) {
    return s.inMemory.getBooleanValue(Fixture.SIMPLE, false, s.user);
  }

  @Benchmark
  public boolean simple_flagsProvider(Providers s) {
    return s.flagsProvider.getBooleanValue(Fixture.SIMPLE, false, s.user);
  }

  @Benchmark
  public boolean simple_flagd(Providers s) {
    return s.flagd.getBooleanValue(Fixture.SIMPLE, false, s.user);
  }

  @Benchmark
  public boolean rule_inMemory(Providers s) {
    return s.inMemory.getBooleanValue(Fixture.SINGLE_RULE, false, s.user);
  }

  @Benchmark
  public boolean rule_flagsProvider(Providers s) {
    return s.flagsProvider.getBooleanValue(Fixture.SINGLE_RULE, false, s.user);
  }

  @Benchmark
  public boolean rule_flagd(Providers s) {
    return s.flagd.getBooleanValue(Fixture.SINGLE_RULE, false, s.user);
  }
}
