package dev.flags.benchmarks.peers;

import com.launchdarkly.sdk.EvaluationDetail;
import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import dev.flags.benchmarks.RotatingUsers;
import dev.flags.benchmarks.RotatingUuidUsers;
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
 * LaunchDarkly Java server SDK 7: every scenario through {@code LDClient}'s public variation
 * methods, with LaunchDarkly's own flag and segment model (see {@link LaunchDarklyFixture}).
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar LaunchDarklyBenchmark -prof gc</pre>
 */
@Inexpressible(
    scenario = "localKill",
    why = "no in-process kill above the flag data (scenario 2a is its kill)")
@Inexpressible(
    scenario = "handle",
    why = "no typed flag handle; every call looks the flag up by key")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class LaunchDarklyBenchmark {

  /** The shared client and the fixture's people as LaunchDarkly contexts. */
  @State(Scope.Benchmark)
  public static class Ld {
    public LDClient client;
    public LDContext user;
    public LDContext member;
    public LDContext visitor;
    public LDContext[] rotating;
    public LDContext[] rotatingUuid;
    public Person userPerson;
    public Person memberPerson;
    public Person visitorPerson;

    @Setup(Level.Trial)
    public void setUp() {
      client = LaunchDarklyFixture.client();
      userPerson = Fixture.USER;
      memberPerson = Fixture.MEMBER;
      visitorPerson = Fixture.VISITOR;
      user = LaunchDarklyFixture.context(userPerson);
      member = LaunchDarklyFixture.context(memberPerson);
      visitor = LaunchDarklyFixture.context(visitorPerson);
      rotating = LaunchDarklyFixture.contexts(Fixture.rotatingUsers());
      rotatingUuid = LaunchDarklyFixture.contexts(Fixture.rotatingUuidUsers());
    }
  }

  private static LDContext ctx(Person p) {
    return LaunchDarklyFixture.context(p);
  }

  @Benchmark
  public boolean simple_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.SIMPLE, s.user, false);
  }

  @Benchmark
  public boolean simple_built(Ld s) {
    return s.client.boolVariation(Fixture.SIMPLE, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean killed_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.KILLED, s.user, false);
  }

  @Benchmark
  public boolean killed_built(Ld s) {
    return s.client.boolVariation(Fixture.KILLED, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean targetHit_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.TARGETS, s.user, false);
  }

  @Benchmark
  public boolean targetHit_built(Ld s) {
    return s.client.boolVariation(Fixture.TARGETS, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean targetMiss_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.TARGETS, s.visitor, false);
  }

  @Benchmark
  public boolean targetMiss_built(Ld s) {
    return s.client.boolVariation(Fixture.TARGETS, ctx(s.visitorPerson), false);
  }

  @Benchmark
  public boolean segment_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.SEGMENT_FLAG, s.member, false);
  }

  @Benchmark
  public boolean segment_built(Ld s) {
    return s.client.boolVariation(Fixture.SEGMENT_FLAG, ctx(s.memberPerson), false);
  }

  @Benchmark
  public boolean ruleMatch_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.SINGLE_RULE, s.user, false);
  }

  @Benchmark
  public boolean ruleMatch_built(Ld s) {
    return s.client.boolVariation(Fixture.SINGLE_RULE, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean ruleFallthrough_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.SINGLE_RULE, s.visitor, false);
  }

  @Benchmark
  public boolean ruleFallthrough_built(Ld s) {
    return s.client.boolVariation(Fixture.SINGLE_RULE, ctx(s.visitorPerson), false);
  }

  @Benchmark
  public boolean tenRules_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.TEN_RULES, s.user, false);
  }

  @Benchmark
  public boolean tenRules_built(Ld s) {
    return s.client.boolVariation(Fixture.TEN_RULES, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean regex_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.REGEX, s.user, false);
  }

  @Benchmark
  public boolean regex_built(Ld s) {
    return s.client.boolVariation(Fixture.REGEX, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean semver_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.SEMVER, s.user, false);
  }

  @Benchmark
  public boolean semver_built(Ld s) {
    return s.client.boolVariation(Fixture.SEMVER, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean rollout_prebuilt(Ld s, RotatingUsers u) {
    return s.client.boolVariation(Fixture.ROLLOUT, s.rotating[u.next()], false);
  }

  @Benchmark
  public boolean rollout_built(Ld s, RotatingUsers u) {
    return s.client.boolVariation(Fixture.ROLLOUT, ctx(u.people[u.next()]), false);
  }

  @Benchmark
  public String multivariate_prebuilt(Ld s, RotatingUsers u) {
    return s.client.stringVariation(Fixture.MULTIVARIATE, s.rotating[u.next()], "default");
  }

  @Benchmark
  public String multivariate_built(Ld s, RotatingUsers u) {
    return s.client.stringVariation(Fixture.MULTIVARIATE, ctx(u.people[u.next()]), "default");
  }

  @Benchmark
  public boolean prerequisites_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.PREREQ_A, s.user, false);
  }

  @Benchmark
  public boolean prerequisites_built(Ld s) {
    return s.client.boolVariation(Fixture.PREREQ_A, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean unknown_prebuilt(Ld s) {
    return s.client.boolVariation(Fixture.UNKNOWN, s.user, false);
  }

  @Benchmark
  public boolean unknown_built(Ld s) {
    return s.client.boolVariation(Fixture.UNKNOWN, ctx(s.userPerson), false);
  }

  @Benchmark
  public EvaluationDetail<Boolean> details_prebuilt(Ld s) {
    return s.client.boolVariationDetail(Fixture.SINGLE_RULE, s.user, false);
  }

  @Benchmark
  public EvaluationDetail<Boolean> details_built(Ld s) {
    return s.client.boolVariationDetail(Fixture.SINGLE_RULE, ctx(s.userPerson), false);
  }

  @Benchmark
  public boolean rolloutUuid_prebuilt(Ld s, RotatingUuidUsers u) {
    return s.client.boolVariation(Fixture.ROLLOUT, s.rotatingUuid[u.next()], false);
  }

  @Benchmark
  public boolean rolloutUuid_built(Ld s, RotatingUuidUsers u) {
    return s.client.boolVariation(Fixture.ROLLOUT, ctx(u.people[u.next()]), false);
  }
}
