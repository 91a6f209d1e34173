package dev.flags.benchmarks.peers;

import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import dev.flags.benchmarks.RotatingUsers;
import dev.flags.benchmarks.RotatingUuidUsers;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
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
 * Unleash Java SDK 12 ({@code DefaultUnleash}): every scenario through {@code isEnabled} /
 * {@code getVariant} with Unleash's own strategies, constraints and segments (see {@link
 * UnleashFixture}). Since version 10 the SDK evaluates in its embedded Yggdrasil engine (Rust,
 * called through JNI), so each call includes serializing the context for the native side.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar UnleashBenchmark -prof gc</pre>
 */
@Inexpressible(
    scenario = "localKill",
    why = "no in-process kill above the flag data (scenario 2a is its kill)")
@Inexpressible(
    scenario = "prerequisites",
    why = "dependencies are one level deep: a toggle whose parent has a parent evaluates to off")
@Inexpressible(
    scenario = "details",
    why =
        "no evaluation-details API (isEnabled gives a boolean, getVariant a variant; no reason or rule)")
@Inexpressible(
    scenario = "handle",
    why = "no typed toggle handle; every call looks the toggle up by name")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class UnleashBenchmark {

  /** The shared client and the fixture's people as Unleash contexts. */
  @State(Scope.Benchmark)
  public static class Un {
    public Unleash client;
    public UnleashContext user;
    public UnleashContext member;
    public UnleashContext visitor;
    public UnleashContext[] rotating;
    public UnleashContext[] rotatingUuid;
    public Person userPerson;
    public Person memberPerson;
    public Person visitorPerson;

    @Setup(Level.Trial)
    public void setUp() {
      client = UnleashFixture.client();
      userPerson = Fixture.USER;
      memberPerson = Fixture.MEMBER;
      visitorPerson = Fixture.VISITOR;
      user = UnleashFixture.context(userPerson);
      member = UnleashFixture.context(memberPerson);
      visitor = UnleashFixture.context(visitorPerson);
      rotating = UnleashFixture.contexts(Fixture.rotatingUsers());
      rotatingUuid = UnleashFixture.contexts(Fixture.rotatingUuidUsers());
    }
  }

  private static UnleashContext ctx(Person p) {
    return UnleashFixture.context(p);
  }

  @Benchmark
  public boolean simple_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.SIMPLE, s.user);
  }

  @Benchmark
  public boolean simple_built(Un s) {
    return s.client.isEnabled(Fixture.SIMPLE, ctx(s.userPerson));
  }

  @Benchmark
  public boolean killed_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.KILLED, s.user);
  }

  @Benchmark
  public boolean killed_built(Un s) {
    return s.client.isEnabled(Fixture.KILLED, ctx(s.userPerson));
  }

  @Benchmark
  public boolean targetHit_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.TARGETS, s.user);
  }

  @Benchmark
  public boolean targetHit_built(Un s) {
    return s.client.isEnabled(Fixture.TARGETS, ctx(s.userPerson));
  }

  @Benchmark
  public boolean targetMiss_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.TARGETS, s.visitor);
  }

  @Benchmark
  public boolean targetMiss_built(Un s) {
    return s.client.isEnabled(Fixture.TARGETS, ctx(s.visitorPerson));
  }

  @Benchmark
  public boolean segment_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.SEGMENT_FLAG, s.member);
  }

  @Benchmark
  public boolean segment_built(Un s) {
    return s.client.isEnabled(Fixture.SEGMENT_FLAG, ctx(s.memberPerson));
  }

  @Benchmark
  public boolean ruleMatch_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.SINGLE_RULE, s.user);
  }

  @Benchmark
  public boolean ruleMatch_built(Un s) {
    return s.client.isEnabled(Fixture.SINGLE_RULE, ctx(s.userPerson));
  }

  @Benchmark
  public boolean ruleFallthrough_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.SINGLE_RULE, s.visitor);
  }

  @Benchmark
  public boolean ruleFallthrough_built(Un s) {
    return s.client.isEnabled(Fixture.SINGLE_RULE, ctx(s.visitorPerson));
  }

  @Benchmark
  public boolean tenRules_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.TEN_RULES, s.user);
  }

  @Benchmark
  public boolean tenRules_built(Un s) {
    return s.client.isEnabled(Fixture.TEN_RULES, ctx(s.userPerson));
  }

  @Benchmark
  public boolean regex_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.REGEX, s.user);
  }

  @Benchmark
  public boolean regex_built(Un s) {
    return s.client.isEnabled(Fixture.REGEX, ctx(s.userPerson));
  }

  @Benchmark
  public boolean semver_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.SEMVER, s.user);
  }

  @Benchmark
  public boolean semver_built(Un s) {
    return s.client.isEnabled(Fixture.SEMVER, ctx(s.userPerson));
  }

  @Benchmark
  public boolean rollout_prebuilt(Un s, RotatingUsers u) {
    return s.client.isEnabled(Fixture.ROLLOUT, s.rotating[u.next()]);
  }

  @Benchmark
  public boolean rollout_built(Un s, RotatingUsers u) {
    return s.client.isEnabled(Fixture.ROLLOUT, ctx(u.people[u.next()]));
  }

  @Benchmark
  @Caveat(
      "the variant's name, which equals its string payload here (reading the payload adds an Optional)")
  public String multivariate_prebuilt(Un s, RotatingUsers u) {
    return s.client.getVariant(Fixture.MULTIVARIATE, s.rotating[u.next()]).getName();
  }

  @Benchmark
  @Caveat(
      "the variant's name, which equals its string payload here (reading the payload adds an Optional)")
  public String multivariate_built(Un s, RotatingUsers u) {
    return s.client.getVariant(Fixture.MULTIVARIATE, ctx(u.people[u.next()])).getName();
  }

  @Benchmark
  public boolean unknown_prebuilt(Un s) {
    return s.client.isEnabled(Fixture.UNKNOWN, s.user);
  }

  @Benchmark
  public boolean unknown_built(Un s) {
    return s.client.isEnabled(Fixture.UNKNOWN, ctx(s.userPerson));
  }

  @Benchmark
  public boolean rolloutUuid_prebuilt(Un s, RotatingUuidUsers u) {
    return s.client.isEnabled(Fixture.ROLLOUT, s.rotatingUuid[u.next()]);
  }

  @Benchmark
  public boolean rolloutUuid_built(Un s, RotatingUuidUsers u) {
    return s.client.isEnabled(Fixture.ROLLOUT, ctx(u.people[u.next()]));
  }
}
