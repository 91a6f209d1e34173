package dev.flags.benchmarks.peers;

import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import dev.flags.benchmarks.RotatingUsers;
import dev.flags.benchmarks.RotatingUuidUsers;
import java.util.concurrent.TimeUnit;
import org.ff4j.FF4j;
import org.ff4j.core.FlippingExecutionContext;
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
 * FF4j 2 with its in-memory store: the scenarios its built-in flipping strategies can express,
 * through {@code FF4j.check(featureId, executionContext)} (see {@link Ff4jFixture}).
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar Ff4jBenchmark -prof gc</pre>
 */
@Inexpressible(
    scenario = "localKill",
    why = "no in-process kill above the flag data (scenario 2a is its kill)")
@Inexpressible(scenario = "segment", why = "no reusable segments")
@Inexpressible(
    scenario = "tenRules",
    why = "one flipping strategy per feature and no rule lists or attribute conditions")
@Inexpressible(scenario = "regex", why = "no regex condition on context attributes")
@Inexpressible(scenario = "semver", why = "no version condition on context attributes")
@Inexpressible(scenario = "multivariate", why = "features are on/off only; no per-user variants")
@Inexpressible(
    scenario = "prerequisites",
    why =
        "ExpressionFlipStrategy reads other features one level deep (nested expressions are taken as plain on/off)")
@Inexpressible(scenario = "details", why = "check() returns a boolean only; no reason or rule")
@Inexpressible(
    scenario = "handle",
    why = "no typed feature handle; every call looks the feature up by id")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class Ff4jBenchmark {
  private static final String CLIENT_LIST =
      "ClientFilterStrategy over the context's clientHostName, set to the user key";

  /** The shared instance and the fixture's people as FF4j execution contexts. */
  @State(Scope.Benchmark)
  public static class Ff {
    public FF4j ff4j;
    public FlippingExecutionContext user;
    public FlippingExecutionContext visitor;
    public FlippingExecutionContext[] rotating;
    public FlippingExecutionContext[] rotatingUuid;
    public Person userPerson;
    public Person visitorPerson;

    @Setup(Level.Trial)
    public void setUp() {
      ff4j = Ff4jFixture.ff4j();
      userPerson = Fixture.USER;
      visitorPerson = Fixture.VISITOR;
      user = Ff4jFixture.context(userPerson);
      visitor = Ff4jFixture.context(visitorPerson);
      rotating = Ff4jFixture.contexts(Fixture.rotatingUsers());
      rotatingUuid = Ff4jFixture.contexts(Fixture.rotatingUuidUsers());
    }
  }

  private static FlippingExecutionContext ctx(Person p) {
    return Ff4jFixture.context(p);
  }

  @Benchmark
  public boolean simple_prebuilt(Ff s) {
    return s.ff4j.check(Fixture.SIMPLE, s.user);
  }

  @Benchmark
  public boolean simple_built(Ff s) {
    return s.ff4j.check(Fixture.SIMPLE, ctx(s.userPerson));
  }

  @Benchmark
  public boolean killed_prebuilt(Ff s) {
    return s.ff4j.check(Fixture.KILLED, s.user);
  }

  @Benchmark
  public boolean killed_built(Ff s) {
    return s.ff4j.check(Fixture.KILLED, ctx(s.userPerson));
  }

  @Benchmark
  @Caveat(CLIENT_LIST)
  public boolean targetHit_prebuilt(Ff s) {
    return s.ff4j.check(Fixture.TARGETS, s.user);
  }

  @Benchmark
  @Caveat(CLIENT_LIST)
  public boolean targetHit_built(Ff s) {
    return s.ff4j.check(Fixture.TARGETS, ctx(s.userPerson));
  }

  @Benchmark
  @Caveat(CLIENT_LIST)
  public boolean targetMiss_prebuilt(Ff s) {
    return s.ff4j.check(Fixture.TARGETS, s.visitor);
  }

  @Benchmark
  @Caveat(CLIENT_LIST)
  public boolean targetMiss_built(Ff s) {
    return s.ff4j.check(Fixture.TARGETS, ctx(s.visitorPerson));
  }

  @Benchmark
  @Caveat("RegionFlippingStrategy: the context's region in a list")
  public boolean ruleMatch_prebuilt(Ff s) {
    return s.ff4j.check(Fixture.SINGLE_RULE, s.user);
  }

  @Benchmark
  @Caveat("RegionFlippingStrategy: the context's region in a list")
  public boolean ruleMatch_built(Ff s) {
    return s.ff4j.check(Fixture.SINGLE_RULE, ctx(s.userPerson));
  }

  @Benchmark
  @Caveat("RegionFlippingStrategy: the context's region in a list")
  public boolean ruleFallthrough_prebuilt(Ff s) {
    return s.ff4j.check(Fixture.SINGLE_RULE, s.visitor);
  }

  @Benchmark
  @Caveat("RegionFlippingStrategy: the context's region in a list")
  public boolean ruleFallthrough_built(Ff s) {
    return s.ff4j.check(Fixture.SINGLE_RULE, ctx(s.visitorPerson));
  }

  @Benchmark
  @Caveat("PonderationStrategy is not sticky: Math.random() on every call")
  public boolean rollout_prebuilt(Ff s, RotatingUsers u) {
    return s.ff4j.check(Fixture.ROLLOUT, s.rotating[u.next()]);
  }

  @Benchmark
  @Caveat("PonderationStrategy is not sticky: Math.random() on every call")
  public boolean rollout_built(Ff s, RotatingUsers u) {
    return s.ff4j.check(Fixture.ROLLOUT, ctx(u.people[u.next()]));
  }

  @Benchmark
  @Caveat("check() throws for an unknown feature; measured as exist() then check()")
  public boolean unknown_prebuilt(Ff s) {
    return Ff4jFixture.checkOrDefault(s.ff4j, Fixture.UNKNOWN, s.user, false);
  }

  @Benchmark
  @Caveat("check() throws for an unknown feature; measured as exist() then check()")
  public boolean unknown_built(Ff s) {
    return Ff4jFixture.checkOrDefault(s.ff4j, Fixture.UNKNOWN, ctx(s.userPerson), false);
  }

  @Benchmark
  @Caveat("PonderationStrategy is not sticky: Math.random() on every call")
  public boolean rolloutUuid_prebuilt(Ff s, RotatingUuidUsers u) {
    return s.ff4j.check(Fixture.ROLLOUT, s.rotatingUuid[u.next()]);
  }

  @Benchmark
  @Caveat("PonderationStrategy is not sticky: Math.random() on every call")
  public boolean rolloutUuid_built(Ff s, RotatingUuidUsers u) {
    return s.ff4j.check(Fixture.ROLLOUT, ctx(u.people[u.next()]));
  }
}
