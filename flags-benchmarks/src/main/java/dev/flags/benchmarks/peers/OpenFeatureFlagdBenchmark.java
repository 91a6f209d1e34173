package dev.flags.benchmarks.peers;

import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import dev.flags.benchmarks.RotatingUsers;
import dev.flags.benchmarks.RotatingUuidUsers;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
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
 * OpenFeature Java SDK with the flagd provider's in-process file resolver: every scenario through
 * the OpenFeature {@code Client} (so the SDK's hooks, context merging and details run too), with
 * flagd's json-logic targeting (see {@link OpenFeatureFixture}).
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar OpenFeatureFlagdBenchmark -prof gc</pre>
 */
@Inexpressible(
    scenario = "localKill",
    why = "no in-process kill above the flag data (scenario 2a is its kill)")
@Inexpressible(
    scenario = "regex",
    why =
        "flagd's targeting has no regex operator (json-logic plus fractional, sem_ver, starts_with, ends_with)")
@Inexpressible(scenario = "prerequisites", why = "flagd flags cannot depend on other flags")
@Inexpressible(
    scenario = "handle",
    why = "no typed flag handle; every call looks the flag up by key")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class OpenFeatureFlagdBenchmark {
  private static final String KEY_LIST =
      "targets are a json-logic \"in\" over the key list (flagd has no individual targets)";

  /** The shared client and the fixture's people as OpenFeature contexts. */
  @State(Scope.Benchmark)
  public static class Of {
    public Client client;
    public EvaluationContext user;
    public EvaluationContext member;
    public EvaluationContext visitor;
    public EvaluationContext[] rotating;
    public EvaluationContext[] rotatingUuid;
    public Person userPerson;
    public Person memberPerson;
    public Person visitorPerson;

    @Setup(Level.Trial)
    public void setUp() {
      client = OpenFeatureFixture.client();
      userPerson = Fixture.USER;
      memberPerson = Fixture.MEMBER;
      visitorPerson = Fixture.VISITOR;
      user = OpenFeatureFixture.context(userPerson);
      member = OpenFeatureFixture.context(memberPerson);
      visitor = OpenFeatureFixture.context(visitorPerson);
      rotating = OpenFeatureFixture.contexts(Fixture.rotatingUsers());
      rotatingUuid = OpenFeatureFixture.contexts(Fixture.rotatingUuidUsers());
    }
  }

  private static EvaluationContext ctx(Person p) {
    return OpenFeatureFixture.context(p);
  }

  @Benchmark
  public boolean simple_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.SIMPLE, false, s.user);
  }

  @Benchmark
  public boolean simple_built(Of s) {
    return s.client.getBooleanValue(Fixture.SIMPLE, false, ctx(s.userPerson));
  }

  @Benchmark
  @Caveat("flagd's DISABLED state answers with error FLAG_NOT_FOUND and the caller's default")
  public boolean killed_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.KILLED, false, s.user);
  }

  @Benchmark
  @Caveat("flagd's DISABLED state answers with error FLAG_NOT_FOUND and the caller's default")
  public boolean killed_built(Of s) {
    return s.client.getBooleanValue(Fixture.KILLED, false, ctx(s.userPerson));
  }

  @Benchmark
  @Caveat(KEY_LIST)
  public boolean targetHit_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.TARGETS, false, s.user);
  }

  @Benchmark
  @Caveat(KEY_LIST)
  public boolean targetHit_built(Of s) {
    return s.client.getBooleanValue(Fixture.TARGETS, false, ctx(s.userPerson));
  }

  @Benchmark
  @Caveat(KEY_LIST)
  public boolean targetMiss_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.TARGETS, false, s.visitor);
  }

  @Benchmark
  @Caveat(KEY_LIST)
  public boolean targetMiss_built(Of s) {
    return s.client.getBooleanValue(Fixture.TARGETS, false, ctx(s.visitorPerson));
  }

  @Benchmark
  @Caveat("a shared $evaluators rule: json-logic \"in\" over the 100,000 keys")
  public boolean segment_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.SEGMENT_FLAG, false, s.member);
  }

  @Benchmark
  @Caveat("a shared $evaluators rule: json-logic \"in\" over the 100,000 keys")
  public boolean segment_built(Of s) {
    return s.client.getBooleanValue(Fixture.SEGMENT_FLAG, false, ctx(s.memberPerson));
  }

  @Benchmark
  public boolean ruleMatch_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.SINGLE_RULE, false, s.user);
  }

  @Benchmark
  public boolean ruleMatch_built(Of s) {
    return s.client.getBooleanValue(Fixture.SINGLE_RULE, false, ctx(s.userPerson));
  }

  @Benchmark
  public boolean ruleFallthrough_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.SINGLE_RULE, false, s.visitor);
  }

  @Benchmark
  public boolean ruleFallthrough_built(Of s) {
    return s.client.getBooleanValue(Fixture.SINGLE_RULE, false, ctx(s.visitorPerson));
  }

  @Benchmark
  public boolean tenRules_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.TEN_RULES, false, s.user);
  }

  @Benchmark
  public boolean tenRules_built(Of s) {
    return s.client.getBooleanValue(Fixture.TEN_RULES, false, ctx(s.userPerson));
  }

  @Benchmark
  public boolean semver_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.SEMVER, false, s.user);
  }

  @Benchmark
  public boolean semver_built(Of s) {
    return s.client.getBooleanValue(Fixture.SEMVER, false, ctx(s.userPerson));
  }

  @Benchmark
  public boolean rollout_prebuilt(Of s, RotatingUsers u) {
    return s.client.getBooleanValue(Fixture.ROLLOUT, false, s.rotating[u.next()]);
  }

  @Benchmark
  public boolean rollout_built(Of s, RotatingUsers u) {
    return s.client.getBooleanValue(Fixture.ROLLOUT, false, ctx(u.people[u.next()]));
  }

  @Benchmark
  public String multivariate_prebuilt(Of s, RotatingUsers u) {
    return s.client.getStringValue(Fixture.MULTIVARIATE, "default", s.rotating[u.next()]);
  }

  @Benchmark
  public String multivariate_built(Of s, RotatingUsers u) {
    return s.client.getStringValue(Fixture.MULTIVARIATE, "default", ctx(u.people[u.next()]));
  }

  @Benchmark
  public boolean unknown_prebuilt(Of s) {
    return s.client.getBooleanValue(Fixture.UNKNOWN, false, s.user);
  }

  @Benchmark
  public boolean unknown_built(Of s) {
    return s.client.getBooleanValue(Fixture.UNKNOWN, false, ctx(s.userPerson));
  }

  @Benchmark
  public FlagEvaluationDetails<Boolean> details_prebuilt(Of s) {
    return s.client.getBooleanDetails(Fixture.SINGLE_RULE, false, s.user);
  }

  @Benchmark
  public FlagEvaluationDetails<Boolean> details_built(Of s) {
    return s.client.getBooleanDetails(Fixture.SINGLE_RULE, false, ctx(s.userPerson));
  }

  @Benchmark
  public boolean rolloutUuid_prebuilt(Of s, RotatingUuidUsers u) {
    return s.client.getBooleanValue(Fixture.ROLLOUT, false, s.rotatingUuid[u.next()]);
  }

  @Benchmark
  public boolean rolloutUuid_built(Of s, RotatingUuidUsers u) {
    return s.client.getBooleanValue(Fixture.ROLLOUT, false, ctx(u.people[u.next()]));
  }
}
