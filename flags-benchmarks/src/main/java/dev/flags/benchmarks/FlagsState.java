package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.Flags;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A flags client serving {@link ScenarioDocument}, shared by all benchmark threads, with the
 * fixture's people as pre-built contexts and as plain {@link Person}s (for the variants that
 * build the context inside the measured call). Checks every scenario's answer before measuring.
 */
@State(Scope.Benchmark)
public class FlagsState {
  public Flags flags;
  public Context user;
  public Context member;
  public Context visitor;
  /** Read from fields, never from constants, so that the JIT cannot fold a built context. */
  public Person userPerson;

  public Person memberPerson;
  public Person visitorPerson;

  @Setup(Level.Trial)
  public void setUp() {
    flags = Flags.newBuilder().document(ScenarioDocument.json()).build();
    userPerson = Fixture.USER;
    memberPerson = Fixture.MEMBER;
    visitorPerson = Fixture.VISITOR;
    user = Contexts.of(userPerson);
    member = Contexts.of(memberPerson);
    visitor = Contexts.of(visitorPerson);
    check(flags, user, member, visitor);
  }

  static void check(Flags flags, Context user, Context member, Context visitor) {
    String lib = "flags";
    Expect.equal(lib, Fixture.SIMPLE, flags.isEnabled(Fixture.SIMPLE, user), true);
    Expect.equal(lib, Fixture.KILLED, flags.isEnabled(Fixture.KILLED, user), false);
    Expect.equal(lib, "target hit", flags.isEnabled(Fixture.TARGETS, user), true);
    Expect.equal(lib, "target miss", flags.isEnabled(Fixture.TARGETS, visitor), false);
    Expect.equal(lib, "segment member", flags.isEnabled(Fixture.SEGMENT_FLAG, member), true);
    Expect.equal(lib, "segment non-member", flags.isEnabled(Fixture.SEGMENT_FLAG, visitor), false);
    Expect.equal(lib, "rule match", flags.isEnabled(Fixture.SINGLE_RULE, user), true);
    Expect.equal(lib, "rule fallthrough", flags.isEnabled(Fixture.SINGLE_RULE, visitor), false);
    Expect.equal(lib, Fixture.TEN_RULES, flags.isEnabled(Fixture.TEN_RULES, user), true);
    Expect.equal(
        lib,
        "ten rules, last matched",
        flags.evaluate(Fixture.TEN_RULES, user).ruleId(),
        "rule-" + (Fixture.RULES - 1));
    Expect.equal(lib, Fixture.REGEX, flags.isEnabled(Fixture.REGEX, user), true);
    Expect.equal(lib, "regex miss", flags.isEnabled(Fixture.REGEX, visitor), false);
    Expect.equal(lib, Fixture.SEMVER, flags.isEnabled(Fixture.SEMVER, user), true);
    Expect.equal(lib, "semver miss", flags.isEnabled(Fixture.SEMVER, visitor), false);
    Expect.equal(lib, Fixture.PREREQ_A, flags.isEnabled(Fixture.PREREQ_A, user), true);
    Expect.equal(lib, Fixture.UNKNOWN, flags.isEnabled(Fixture.UNKNOWN, user), false);
    Person[] people = Fixture.rotatingUsers();
    Expect.halfRollout(lib, people, p -> flags.isEnabled(Fixture.ROLLOUT, Contexts.of(p)), true);
    Expect.fourVariants(
        lib, people, p -> flags.getString(Fixture.MULTIVARIATE, Contexts.of(p), "default"));
  }
}
