package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.sources.MemorySource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class OverrideTest {
  private static final Context ALICE = Context.of("alice");
  private static final Context BOB = Context.of("bob");
  private static final Context NZ =
      Context.newBuilder("kiwi").set("country", "NZ").build();
  private static final Context ANYONE = Context.of("someone");

  /** A string flag: target alice → b, rule NZ → c, fallthrough a. */
  private static final String COLOR = flag(
      "color",
      "'variants': {'a': 'red', 'b': 'green', 'c': 'blue'}, 'offVariant': 'a',"
          + " 'targets': [{'variant': 'b', 'keys': ['alice']}],"
          + " 'rules': [{'id': 'nz', 'conditions': [{'attribute': 'country', 'op': 'equals',"
          + " 'value': 'NZ'}], 'variant': 'c'}],"
          + " 'fallthrough': {'variant': 'a'}");

  private static final String COLOR_WITHOUT_C = flag(
      "color",
      "'variants': {'a': 'red', 'b': 'green'}, 'offVariant': 'a',"
          + " 'fallthrough': {'variant': 'a'}");
  private static final String GATE = onOff("gate", "off");
  private static final String GATED = flag(
      "gated",
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
          + " 'prerequisites': [{'flag': 'gate', 'variant': 'on'}],"
          + " 'fallthrough': {'variant': 'on'}");
  private static final String EXPIRED =
      onOff("expired", "on", "'schedule': [{'until': '2001-01-01T00:00:00Z'}]");
  private static final String DISABLED = onOff("disabled", "on", "'enabled': false");

  private final MemorySource remote =
      MemorySource.of("remote", doc("v1", COLOR, GATE, GATED, EXPIRED, DISABLED));
  private final Flags flags = Flags.newBuilder().source(remote).build();

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void override_forAll_beatsTargetsRulesAndFallthrough() {
    flags.override("color", "b");

    for (Context c : List.of(ALICE, NZ, ANYONE, Context.EMPTY)) {
      Evaluation e = flags.evaluate("color", c);
      assertThat(e.reason()).as(c.toString()).isEqualTo(Reason.OVERRIDE);
      assertThat(e.variant()).isEqualTo("b");
      assertThat(e.value()).isEqualTo("green");
      assertThat(e.version()).isEqualTo("v1");
    }
    assertThat(flags.status().overriddenFlags()).containsExactly("color");
  }

  @Test
  void override_forKeys_onlyThoseKeys() {
    flags.override("color", "c", List.of("bob", "carol"));

    assertThat(flags.evaluate("color", BOB).reason()).isEqualTo(Reason.OVERRIDE);
    assertThat(flags.getString("color", BOB, "?")).isEqualTo("blue");
    assertThat(flags.getString("color", Context.of("carol"), "?")).isEqualTo("blue");
    assertThat(flags.evaluate("color", ALICE).reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(flags.evaluate("color", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.evaluate("color", Context.EMPTY).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void override_forKeysAndForAll_keyedOneWinsForItsKeys() {
    flags.override("color", "b");
    flags.override("color", "c", List.of("bob"));

    assertThat(flags.evaluate("color", BOB).variant()).isEqualTo("c");
    assertThat(flags.evaluate("color", ANYONE).variant()).isEqualTo("b");
  }

  @Test
  void override_unknownFlag_returnsFalseSaysSoInTheAuditLineAndAppliesWhenTheFlagAppears() {
    int mark = RecordingLogs.mark();

    assertThat(flags.override("nope", "on")).isFalse();

    assertThat(RecordingLogs.auditSince(mark))
        .extracting(RecordingLogs.Line::message)
        .containsExactly("override flag=nope variant=on keys=all (not in the served document;"
            + " applies if it appears with this variant) version=v1");
    assertThat(flags.evaluate("nope", ANYONE).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    remote.update(doc("v2", COLOR, onOff("nope", "off")));
    assertThat(flags.evaluate("nope", ANYONE).reason()).isEqualTo(Reason.OVERRIDE);
    assertThat(flags.isEnabled("nope", ANYONE)).isTrue();
  }

  @Test
  void override_servedFlag_returnsTrue() {
    assertThat(flags.override("color", "b")).isTrue();
    assertThat(flags.override("color", "c", List.of("bob"))).isTrue();
  }

  @Test
  void override_unknownVariant_throwsWithClearMessage() {
    assertThatThrownBy(() -> flags.override("color", "purple"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot override flag 'color' with variant 'purple': declared variants are"
            + " [a, b, c]");
    assertThatThrownBy(() -> flags.override("color", "purple", List.of("bob")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(flags.status().overriddenFlags()).isEmpty();
  }

  @Test
  void override_beforeReady_returnsFalseAndAppliesToTheFirstDocument() {
    TestSource late = TestSource.silent("late");
    try (Flags pending = Flags.newBuilder().source(late).build()) {
      assertThat(pending.override("color", "b")).isFalse();

      late.deliver(doc("v1", COLOR));

      assertThat(pending.getString("color", ANYONE, "?")).isEqualTo("green");
    }
  }

  @Test
  void override_killedFlag_killWins() {
    flags.override("color", "b");
    flags.kill("color", "outage");

    Evaluation e = flags.evaluate("color", ANYONE);
    assertThat(e.reason()).isEqualTo(Reason.KILLED);
    assertThat(e.variant()).isEqualTo("a");
  }

  @Test
  void override_documentDisabledFlag_documentKillSwitchWins() {
    flags.override("disabled", "on");

    assertThat(flags.evaluate("disabled", ANYONE).reason()).isEqualTo(Reason.DISABLED);
  }

  @Test
  void override_flagOutsideSchedule_overrideWins() {
    assertThat(flags.evaluate("expired", ANYONE).reason()).isEqualTo(Reason.OUTSIDE_SCHEDULE);

    flags.override("expired", "on");

    assertThat(flags.evaluate("expired", ANYONE).reason()).isEqualTo(Reason.OVERRIDE);
  }

  @Test
  void override_failingPrerequisite_overrideWins() {
    assertThat(flags.evaluate("gated", ANYONE).reason()).isEqualTo(Reason.PREREQUISITE_FAILED);

    flags.override("gated", "on");

    assertThat(flags.evaluate("gated", ANYONE).reason()).isEqualTo(Reason.OVERRIDE);
    assertThat(flags.isEnabled("gated", ANYONE)).isTrue();
  }

  @Test
  void override_prerequisiteOverridden_dependentSeesOverriddenVariant() {
    flags.override("gate", "on");

    assertThat(flags.evaluate("gated", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void override_thenReload_survives() {
    flags.override("color", "c");

    remote.update(doc("v2", COLOR, GATE));

    Evaluation e = flags.evaluate("color", ANYONE);
    assertThat(e.reason()).isEqualTo(Reason.OVERRIDE);
    assertThat(e.version()).isEqualTo("v2");
  }

  @Test
  void override_variantRemovedByReload_inactiveUntilItReturns() {
    flags.override("color", "c");

    remote.update(doc("v2", COLOR_WITHOUT_C));
    Evaluation without = flags.evaluate("color", ANYONE);
    assertThat(without.reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(without.variant()).isEqualTo("a");
    assertThat(flags.status().overriddenFlags()).containsExactly("color");

    remote.update(doc("v3", COLOR));
    assertThat(flags.evaluate("color", ANYONE).reason()).isEqualTo(Reason.OVERRIDE);
    assertThat(flags.evaluate("color", ANYONE).variant()).isEqualTo("c");
  }

  @Test
  void override_flagRemovedByReload_activeAgainWhenItReturns() {
    flags.override("color", "b");

    remote.update(doc("v2", GATE));
    assertThat(flags.evaluate("color", ANYONE).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);

    remote.update(doc("v3", COLOR));
    assertThat(flags.evaluate("color", ANYONE).reason()).isEqualTo(Reason.OVERRIDE);
  }

  @Test
  void clearOverride_removesEveryOverrideOfTheFlag() {
    flags.override("color", "b");
    flags.override("color", "c", List.of("bob"));

    assertThat(flags.clearOverride("color")).isTrue();

    assertThat(flags.evaluate("color", BOB).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.evaluate("color", ALICE).reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(flags.status().overriddenFlags()).isEmpty();
    assertThat(flags.clearOverride("color")).isFalse();
  }

  @Test
  void override_twiceForAll_lastOneWins() {
    flags.override("color", "b");
    flags.override("color", "c");

    assertThat(flags.evaluate("color", ANYONE).variant()).isEqualTo("c");
  }
}
