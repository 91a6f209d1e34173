package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.conditionFlagWithSegments;
import static dev.flags.TestDocuments.document;
import static dev.flags.TestDocuments.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Segments: included keys, then excluded keys, then segment rules. */
final class EvaluatorSegmentTest {
  private static final String SEGMENTS = """
      "beta": {
        "included": ["ann", "both"],
        "excluded": ["eve", "both"],
        "rules": [
          {"id": "staff", "conditions": [
            {"attribute": "email", "op": "endsWith", "value": "@example.com"},
            {"attribute": "active", "op": "equals", "value": true}
          ]},
          {"id": "testers", "conditions": [{"attribute": "groups", "op": "in", "values": ["qa"]}]}
        ]
      },
      "vip": {"included": ["vic"]},
      "nobody": {}
      """;

  private final Flags inBeta =
      conditionFlagWithSegments(SEGMENTS, "{\"op\": \"inSegment\", \"values\": [\"beta\"]}");

  private static Context staff(String key) {
    return Context.newBuilder(key)
        .set("email", "x@example.com")
        .set("active", true)
        .build();
  }

  @Test
  void inSegment_includedKey_isMember() {
    assertThat(matches(inBeta, Context.of("ann"))).isTrue();
  }

  @Test
  void inSegment_excludedKeyMatchingARule_isNotMember() {
    assertThat(matches(inBeta, staff("eve"))).isFalse();
    assertThat(matches(inBeta, staff("frank"))).isTrue();
  }

  @Test
  void inSegment_keyBothIncludedAndExcluded_inclusionWins() {
    assertThat(matches(inBeta, Context.of("both"))).isTrue();
  }

  @Test
  void inSegment_segmentRuleConditions_areAnded() {
    Context inactive = Context.newBuilder("gus")
        .set("email", "g@example.com")
        .set("active", false)
        .build();

    assertThat(matches(inBeta, inactive)).isFalse();
  }

  @Test
  void inSegment_anySegmentRuleMatches_isMember() {
    Context tester =
        Context.newBuilder("hal").set("groups", java.util.List.of("dev", "qa")).build();

    assertThat(matches(inBeta, tester)).isTrue();
    assertThat(matches(inBeta, Context.of("hal"))).isFalse();
  }

  @Test
  void inSegment_anonymousContext_usesRulesOnly() {
    Context anonymousStaff =
        Context.newBuilder("").set("email", "x@example.com").set("active", true).build();

    assertThat(matches(inBeta, anonymousStaff)).isTrue();
    assertThat(matches(inBeta, Context.EMPTY)).isFalse();
  }

  @Test
  void inSegment_severalSegments_memberOfAny() {
    Flags either = conditionFlagWithSegments(
        SEGMENTS, "{\"op\": \"inSegment\", \"values\": [\"nobody\", \"vip\", \"beta\"]}");

    assertThat(matches(either, Context.of("vic"))).isTrue();
    assertThat(matches(either, Context.of("ann"))).isTrue();
    assertThat(matches(either, Context.of("zed"))).isFalse();
  }

  @Test
  void notInSegment_isTheNegationOfMembership() {
    Flags notIn =
        conditionFlagWithSegments(SEGMENTS, "{\"op\": \"notInSegment\", \"values\": [\"beta\"]}");

    assertThat(matches(notIn, Context.of("ann"))).isFalse();
    assertThat(matches(notIn, staff("eve"))).isTrue();
    assertThat(matches(notIn, Context.of("zed"))).isTrue();
    assertThat(matches(notIn, Context.EMPTY)).isTrue();
  }

  @Test
  void inSegment_negated_behavesLikeNotInSegment() {
    Flags negated = conditionFlagWithSegments(
        SEGMENTS, "{\"op\": \"inSegment\", \"values\": [\"beta\"], \"negate\": true}");

    assertThat(matches(negated, Context.of("ann"))).isFalse();
    assertThat(matches(negated, Context.of("zed"))).isTrue();
  }

  @Test
  void inSegment_emptySegment_hasNoMembers() {
    Flags empty =
        conditionFlagWithSegments(SEGMENTS, "{\"op\": \"inSegment\", \"values\": [\"nobody\"]}");

    assertThat(matches(empty, Context.of("ann"))).isFalse();
    assertThat(matches(empty, staff("frank"))).isFalse();
  }

  @Test
  void inSegment_segmentOf100000Keys_findsMembersAndRejectsOthers() {
    StringJoiner included = new StringJoiner(",");
    for (int i = 0; i < 100_000; i++) {
      included.add("\"member-" + i + "\"");
    }
    Flags big = conditionFlagWithSegments(
        "\"big\": {\"included\": [" + included + "], \"excluded\": [\"member-7\"]}",
        "{\"op\": \"inSegment\", \"values\": [\"big\"]}");

    for (int i = 0; i < 100_000; i += 97) {
      assertThat(matches(big, Context.of("member-" + i))).as("member-%d", i).isTrue();
      assertThat(matches(big, Context.of("member-" + (100_000 + i)))).isFalse();
      assertThat(matches(big, Context.of("Member-" + i))).isFalse();
    }
    assertThat(matches(big, Context.of("member-99999"))).isTrue();
    assertThat(matches(big, Context.of("member-7"))).isTrue(); // included beats excluded
    assertThat(matches(big, Context.of("member-"))).isFalse();
    assertThat(matches(big, Context.EMPTY)).isFalse();
  }

  @Test
  void evaluate_exampleDocumentSegment_followsIncludedExcludedRules() throws Exception {
    Flags example = Flags.newBuilder()
        .documentFile(java.nio.file.Path.of("../examples/flags.json"))
        .build();

    assertThat(example.evaluate("new-checkout", Context.of("user-2")).ruleId()).isEqualTo("beta");
    Context staffer =
        Context.newBuilder("user-99").set("email", "Someone@EXAMPLE.com").build();
    assertThat(example.evaluate("new-checkout", staffer).ruleId()).isEqualTo("beta");
    Context excluded =
        Context.newBuilder("user-13").set("email", "x@example.com").build();
    assertThat(example.evaluate("new-checkout", excluded).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void load_unknownSegment_rejectsDocument() {
    String doc = document(
        SEGMENTS,
        TestDocuments.conditionFlagMember("{\"op\": \"inSegment\", \"values\": [\"gamma\"]}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.f.rules[0].conditions[0].values[0]: unknown segment 'gamma'");
  }

  @Test
  void load_segmentRuleReferencingASegment_rejectsDocument() {
    String doc = document(
        """
        "a": {"rules": [{"id": "x", "conditions": [{"op": "inSegment", "values": ["b"]}]}]},
        "b": {}
        """, TestDocuments.conditionFlagMember("{\"op\": \"inSegment\", \"values\": [\"a\"]}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("segment rules cannot reference segments");
  }

  @Test
  void load_segmentConditionWithAttribute_rejectsDocument() {
    String doc = document(
        SEGMENTS,
        TestDocuments.conditionFlagMember(
            "{\"attribute\": \"x\", \"op\": \"inSegment\", \"values\": [\"beta\"]}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("not allowed with operator 'inSegment'");
  }
}
