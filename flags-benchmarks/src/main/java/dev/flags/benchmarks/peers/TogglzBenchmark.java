package dev.flags.benchmarks.peers;

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
import org.togglz.core.manager.FeatureManager;
import org.togglz.core.user.FeatureUser;

/**
 * Togglz 4 with an in-memory state repository: the scenarios its built-in activation strategies
 * can express, through {@code FeatureManager.isActive(feature)} with the user bound to the
 * calling thread for the call (see {@link TogglzFixture}). Features are enum constants, so every
 * row already uses Togglz's typed handle.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar TogglzBenchmark -prof gc</pre>
 */
@Inexpressible(
    scenario = "localKill",
    why = "no in-process kill above the flag data (scenario 2a is its kill)")
@Inexpressible(scenario = "segment", why = "no reusable segments")
@Inexpressible(
    scenario = "ruleMatch",
    why =
        "no attribute conditions (built in: username, role, gradual, server IP, date, system property; the script strategy needs a JavaScript engine, absent from JDK 17)")
@Inexpressible(
    scenario = "ruleFallthrough",
    why = "no attribute conditions (see the rule-match row)")
@Inexpressible(
    scenario = "tenRules",
    why = "one activation strategy per feature and no attribute conditions")
@Inexpressible(scenario = "regex", why = "no attribute conditions")
@Inexpressible(scenario = "semver", why = "no attribute conditions")
@Inexpressible(scenario = "multivariate", why = "features are on/off only; no variants")
@Inexpressible(scenario = "prerequisites", why = "features cannot depend on other features")
@Inexpressible(
    scenario = "unknown",
    why = "features are enum constants: an unknown feature does not compile")
@Inexpressible(scenario = "details", why = "isActive() returns a boolean only; no reason or rule")
@Inexpressible(
    scenario = "handle",
    why =
        "every Togglz row already uses its typed handle (the enum constant); there is no by-name call to compare")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TogglzBenchmark {

  /** The shared manager and the fixture's people as Togglz users. */
  @State(Scope.Benchmark)
  public static class Tz {
    public FeatureManager manager;
    public FeatureUser user;
    public FeatureUser visitor;
    public FeatureUser[] rotating;
    public FeatureUser[] rotatingUuid;
    public Person userPerson;
    public Person visitorPerson;

    @Setup(Level.Trial)
    public void setUp() {
      manager = TogglzFixture.manager();
      userPerson = Fixture.USER;
      visitorPerson = Fixture.VISITOR;
      user = TogglzFixture.user(userPerson);
      visitor = TogglzFixture.user(visitorPerson);
      rotating = TogglzFixture.users(Fixture.rotatingUsers());
      rotatingUuid = TogglzFixture.users(Fixture.rotatingUuidUsers());
    }
  }

  private static FeatureUser usr(Person p) {
    return TogglzFixture.user(p);
  }

  @Benchmark
  public boolean simple_prebuilt(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.SIMPLE_ON, s.user);
  }

  @Benchmark
  public boolean simple_built(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.SIMPLE_ON, usr(s.userPerson));
  }

  @Benchmark
  public boolean killed_prebuilt(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.KILLED, s.user);
  }

  @Benchmark
  public boolean killed_built(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.KILLED, usr(s.userPerson));
  }

  @Benchmark
  public boolean targetHit_prebuilt(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.TARGETS, s.user);
  }

  @Benchmark
  public boolean targetHit_built(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.TARGETS, usr(s.userPerson));
  }

  @Benchmark
  public boolean targetMiss_prebuilt(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.TARGETS, s.visitor);
  }

  @Benchmark
  public boolean targetMiss_built(Tz s) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.TARGETS, usr(s.visitorPerson));
  }

  @Benchmark
  @Caveat(
      "GradualActivationStrategy: sticky by String.hashCode of the lower-cased name and feature")
  public boolean rollout_prebuilt(Tz s, RotatingUsers u) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.ROLLOUT, s.rotating[u.next()]);
  }

  @Benchmark
  @Caveat(
      "GradualActivationStrategy: sticky by String.hashCode of the lower-cased name and feature")
  public boolean rollout_built(Tz s, RotatingUsers u) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.ROLLOUT, usr(u.people[u.next()]));
  }

  @Benchmark
  @Caveat(
      "GradualActivationStrategy: sticky by String.hashCode of the lower-cased name and feature")
  public boolean rolloutUuid_prebuilt(Tz s, RotatingUuidUsers u) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.ROLLOUT, s.rotatingUuid[u.next()]);
  }

  @Benchmark
  @Caveat(
      "GradualActivationStrategy: sticky by String.hashCode of the lower-cased name and feature")
  public boolean rolloutUuid_built(Tz s, RotatingUuidUsers u) {
    return TogglzFixture.isActive(s.manager, TogglzFeature.ROLLOUT, usr(u.people[u.next()]));
  }
}
