package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caller's defaults and the typed detail methods. */
final class DefaultsAndDetailsTest {
  private static final Context ALICE = Context.of("alice");

  private static final String DOC = doc(
      "v1",
      onOff("on", "on"),
      onOff("off", "off"),
      onOff("disabled", "on", "'enabled': false"),
      flag(
          "no-variant",
          "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
              + " 'targets': [{'variant': 'on', 'keys': ['alice']}],"
              + " 'fallthrough': {'rollout': {'bucketBy': 'org', 'variants': [{'variant': 'on',"
              + " 'weight': 100000}]}}"),
      flag(
          "color",
          "'variants': {'red': 'red', 'blue': 'blue'}, 'offVariant': 'red',"
              + " 'rules': [{'id': 'alice', 'conditions': [{'attribute': 'key', 'op': 'equals',"
              + " 'value': 'alice'}], 'variant': 'blue'}], 'fallthrough': {'variant': 'red'}"),
      flag(
          "limit",
          "'variants': {'small': 10, 'huge': 10000000000, 'half': 2.5}, 'offVariant': 'small',"
              + " 'targets': [{'variant': 'huge', 'keys': ['alice']},"
              + " {'variant': 'half', 'keys': ['bob']}], 'fallthrough': {'variant': 'small'}"),
      flag(
          "layout",
          "'variants': {'a': {'cols': 2}}, 'offVariant': 'a', 'fallthrough': {'variant': 'a'}"));

  private final Flags flags =
      Flags.newBuilder().source(MemorySource.of("remote", DOC)).build();

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void isEnabled_withDefaultTrue_servedValueWinsAndDefaultAppliesOnlyWhenNoAnswer() {
    assertThat(flags.isEnabled("on", ALICE, true)).isTrue();
    assertThat(flags.isEnabled("off", ALICE, true)).isFalse(); // served false is an answer
    assertThat(flags.isEnabled("disabled", ALICE, true)).isFalse(); // off-variant is an answer
    assertThat(flags.isEnabled("unknown", ALICE, true)).isTrue();
    assertThat(flags.isEnabled("color", ALICE, true)).isTrue(); // wrong type
    assertThat(flags.isEnabled("no-variant", Context.of("bob"), true)).isTrue();
    assertThat(flags.isEnabled("on", null, true)).isTrue();
    assertThat(flags.isEnabled("unknown", ALICE, false)).isFalse();
  }

  @Test
  void isEnabled_withDefault_beforeReadyReturnsTheDefault() {
    try (Flags pending = Flags.newBuilder().source(TestSource.silent("late")).build()) {
      assertThat(pending.isEnabled("on", ALICE, true)).isTrue();
      assertThat(pending.booleanDetail("on", ALICE, true).errorCode())
          .isEqualTo(ErrorCode.NOT_READY);
    }
  }

  @Test
  void booleanFlag_withDefault_likeTheClient() {
    BooleanFlag handle = flags.booleanFlag("unknown");
    assertThat(handle.isEnabled(ALICE, true)).isTrue();
    assertThat(handle.detail(ALICE, true).usedDefault()).isTrue();
    BooleanFlag on = flags.booleanFlag("off");
    assertThat(on.isEnabled(ALICE, true)).isFalse();
    assertThat(on.detail(ALICE, true).variant()).isEqualTo("off");
  }

  @Test
  void booleanDetail_served_valueVariantReasonAndVersion() {
    Detail<Boolean> d = flags.booleanDetail("on", ALICE, false);

    assertThat(d.value()).isTrue();
    assertThat(d.usedDefault()).isFalse();
    assertThat(d.variant()).isEqualTo("on");
    assertThat(d.reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(d.errorCode()).isNull();
    assertThat(d.version()).isEqualTo("v1");
    assertThat(d.evaluation()).isSameAs(flags.evaluate("on", ALICE));
  }

  @Test
  void booleanDetail_unknownFlag_defaultWithErrorCode() {
    Detail<Boolean> d = flags.booleanDetail("unknown", ALICE, true);

    assertThat(d.value()).isTrue();
    assertThat(d.usedDefault()).isTrue();
    assertThat(d.variant()).isNull();
    assertThat(d.reason()).isEqualTo(Reason.ERROR);
    assertThat(d.errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(d.toString()).contains("value=true (default)", "errorCode=FLAG_NOT_FOUND");
  }

  @Test
  void booleanDetail_noVariantServed_defaultWithReasonDefault() {
    Detail<Boolean> d = flags.booleanDetail("no-variant", Context.of("bob"), true);

    assertThat(d.value()).isTrue();
    assertThat(d.usedDefault()).isTrue();
    assertThat(d.reason()).isEqualTo(Reason.DEFAULT);
    assertThat(d.errorCode()).isNull();
  }

  @Test
  void details_repeatedReads_returnTheSameInstance() {
    // The steady state allocates nothing: the detail is built once per compiled result.
    Detail<Boolean> first = flags.booleanDetail("on", ALICE, false);
    assertThat(flags.booleanDetail("on", ALICE, false)).isSameAs(first);
    assertThat(flags.booleanDetail("on", ALICE, true)).isSameAs(first); // default unused
    Detail<String> color = flags.stringDetail("color", ALICE, "green");
    assertThat(flags.stringDetail("color", ALICE, "green")).isSameAs(color);
    Detail<Long> limit = flags.longDetail("limit", ALICE, 1L);
    assertThat(flags.longDetail("limit", ALICE, 1L)).isSameAs(limit);
    // An error result shared by every unknown flag is reused while the default is the same.
    Detail<Boolean> unknown = flags.booleanDetail("unknown", ALICE, true);
    assertThat(flags.booleanDetail("unknown", ALICE, true)).isSameAs(unknown);
    Detail<Boolean> other = flags.booleanDetail("unknown", ALICE, false);
    assertThat(other.value()).isFalse();
  }

  @Test
  void stringDetail_ruleMatch_carriesTheRuleId() {
    Detail<String> d = flags.stringDetail("color", ALICE, "green");

    assertThat(d.value()).isEqualTo("blue");
    assertThat(d.reason()).isEqualTo(Reason.RULE_MATCH);
    assertThat(d.ruleId()).isEqualTo("alice");
    assertThat(flags.stringDetail("color", Context.of("bob"), "green").ruleId()).isNull();
  }

  @Test
  void stringDetail_wrongType_defaultWithTypeMismatch() {
    Detail<String> d = flags.stringDetail("on", ALICE, "green");

    assertThat(d.value()).isEqualTo("green");
    assertThat(d.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void numberDetails_eachTypeTakesWhatFitsAndOtherwiseTheDefault() {
    Context bob = Context.of("bob");
    Context carol = Context.of("carol");

    assertThat(flags.intDetail("limit", carol, 0).value()).isEqualTo(10);
    Detail<Integer> tooBig = flags.intDetail("limit", ALICE, 7);
    assertThat(tooBig.value()).isEqualTo(7);
    assertThat(tooBig.usedDefault()).isTrue();
    assertThat(tooBig.reason()).isEqualTo(Reason.ERROR);
    assertThat(tooBig.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(tooBig.variant()).isNull();
    assertThat(tooBig.evaluation().variant()).isEqualTo("huge");
    assertThat(flags.longDetail("limit", ALICE, 7).value()).isEqualTo(10_000_000_000L);
    assertThat(flags.longDetail("limit", bob, 7).value()).isEqualTo(7L);
    assertThat(flags.longDetail("limit", bob, 7).errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(flags.doubleDetail("limit", bob, 0).value()).isEqualTo(2.5);
    assertThat(flags.doubleDetail("limit", carol, 0).value()).isEqualTo(10.0);
    assertThat(flags.doubleDetail("color", carol, 1.5).value()).isEqualTo(1.5);
    assertThat(flags.doubleDetail("color", carol, 1.5).errorCode())
        .isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void numberDetails_alternatingTypesOnOneResult_eachAnswersItsOwnType() {
    Context carol = Context.of("carol");
    for (int i = 0; i < 3; i++) {
      assertThat(flags.intDetail("limit", carol, 0).value()).isEqualTo(10);
      assertThat(flags.longDetail("limit", carol, 0).value()).isEqualTo(10L);
      assertThat(flags.doubleDetail("limit", carol, 0).value()).isEqualTo(10.0);
    }
  }

  @Test
  void jsonDetail_servedAsCompactJson() {
    Detail<String> d = flags.jsonDetail("layout", ALICE, "{}");

    assertThat(d.value()).isEqualTo("{\"cols\":2}");
    assertThat(d.usedDefault()).isFalse();
    assertThat(flags.jsonDetail("unknown", ALICE, "{}").value()).isEqualTo("{}");
    assertThat(flags.jsonDetail("layout", ALICE, "{}")).isSameAs(d);
  }

  @Test
  void details_pinnedSnapshot_answerFromIt() {
    FlagSnapshot pinned = flags.snapshot();
    flags.kill("on", "incident");

    assertThat(pinned.booleanDetail("on", ALICE, false).value()).isTrue();
    Detail<Boolean> now = flags.booleanDetail("on", ALICE, true);
    assertThat(now.value()).isFalse();
    assertThat(now.reason()).isEqualTo(Reason.KILLED);
  }

  @Test
  void kill_unknownFlag_returnsFalseAndAuditLineSaysItWaits() {
    int mark = RecordingLogs.mark();

    assertThat(flags.kill("new-chekout", "typo")).isFalse();
    assertThat(flags.kill("on", "incident")).isTrue();

    assertThat(RecordingLogs.auditSince(mark))
        .extracting(RecordingLogs.Line::message)
        .containsExactly(
            "kill flag=new-chekout reason=\"typo\" (not in the served document; applies if it"
                + " appears) version=v1",
            "kill flag=on reason=\"incident\" version=v1");
  }
}
