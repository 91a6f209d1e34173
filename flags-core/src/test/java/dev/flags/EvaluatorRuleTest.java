package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.conditionFlag;
import static dev.flags.TestDocuments.document;
import static dev.flags.TestDocuments.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules: in order, conditions ANDed, first match wins; attribute semantics shared by operators. */
final class EvaluatorRuleTest {
  private static final String TIERS = """
      "tier": {
        "variants": {"gold": "gold", "silver": "silver", "bronze": "bronze", "none": "none"},
        "offVariant": "none",
        "rules": [
          {"id": "gold-nz", "conditions": [
            {"attribute": "plan", "op": "equals", "value": "pro"},
            {"attribute": "country", "op": "in", "values": ["NZ"]}
          ], "variant": "gold"},
          {"id": "silver-pro",
           "conditions": [{"attribute": "plan", "op": "equals", "value": "pro"}],
           "variant": "silver"},
          {"id": "bronze-nz",
           "conditions": [{"attribute": "country", "op": "in", "values": ["NZ"]}],
           "variant": "bronze"}
        ],
        "fallthrough": {"variant": "none"}
      }
      """;

  private final Flags flags = client(document(TIERS));

  private static Context ctx(String plan, String country) {
    Context.Builder b = Context.newBuilder("u");
    if (plan != null) {
      b.set("plan", plan);
    }
    if (country != null) {
      b.set("country", country);
    }
    return b.build();
  }

  @Test
  void evaluate_allConditionsOfFirstRuleMatch_servesFirstRule() {
    Evaluation e = flags.evaluate("tier", ctx("pro", "NZ"));

    assertThat(e.variant()).isEqualTo("gold");
    assertThat(e.reason()).isEqualTo(Reason.RULE_MATCH);
    assertThat(e.ruleId()).isEqualTo("gold-nz");
  }

  @Test
  void evaluate_oneConditionFails_ruleDoesNotMatchAndNextRuleIsTried() {
    assertThat(flags.evaluate("tier", ctx("pro", "AU")).ruleId()).isEqualTo("silver-pro");
    assertThat(flags.evaluate("tier", ctx("free", "NZ")).ruleId()).isEqualTo("bronze-nz");
  }

  @Test
  void evaluate_severalRulesMatch_firstInDocumentOrderWins() {
    // "bronze-nz" also matches ("country" is NZ) but comes later.
    assertThat(flags.evaluate("tier", ctx("pro", "NZ")).ruleId()).isEqualTo("gold-nz");

    String reversed = document("""
        "tier": {
          "variants": {"a": "a", "b": "b"},
          "offVariant": "a",
          "rules": [
            {"id": "second", "conditions": [{"attribute": "country", "op": "in", "values": ["NZ"]}],
             "variant": "b"},
            {"id": "first", "conditions": [{"attribute": "country", "op": "in", "values": ["NZ"]}],
             "variant": "a"}
          ],
          "fallthrough": {"variant": "a"}
        }
        """);
    assertThat(client(reversed).evaluate("tier", ctx(null, "NZ")).ruleId()).isEqualTo("second");
  }

  @Test
  void evaluate_noRuleMatches_fallsThroughWithoutRuleId() {
    Evaluation e = flags.evaluate("tier", ctx("free", "AU"));

    assertThat(e.variant()).isEqualTo("none");
    assertThat(e.reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(e.ruleId()).isNull();
  }

  @Test
  void evaluate_ruleServingARolloutTheContextCannotBucket_triesNextRule() {
    Flags f = client(document("""
        "f": {
          "variants": {"a": "a", "b": "b", "c": "c"},
          "offVariant": "a",
          "rules": [
            {"id": "by-org", "conditions": [{"attribute": "plan", "op": "exists"}],
             "rollout": {"bucketBy": "orgId", "variants": [{"variant": "b", "weight": 100000}]}},
            {"id": "plan", "conditions": [{"attribute": "plan", "op": "exists"}], "variant": "c"}
          ],
          "fallthrough": {"variant": "a"}
        }
        """));

    assertThat(f.evaluate("f", Context.newBuilder("u").set("plan", "x").build()).ruleId())
        .isEqualTo("plan");
    assertThat(f.evaluate(
                "f", Context.newBuilder("u").set("plan", "x").set("orgId", "o").build())
            .ruleId())
        .isEqualTo("by-org");
  }

  @Test
  void condition_attributeNamedKey_testsTheContextKey() {
    Flags f =
        conditionFlag("{\"attribute\": \"key\", \"op\": \"startsWith\", \"value\": \"adm-\"}");

    assertThat(matches(f, Context.of("adm-1"))).isTrue();
    assertThat(matches(f, Context.of("usr-1"))).isFalse();
    assertThat(matches(f, Context.EMPTY)).isFalse();
  }

  @Test
  void condition_keyAttributeOfAnonymousContext_isMissing() {
    Flags exists = conditionFlag("{\"attribute\": \"key\", \"op\": \"exists\"}");
    Flags notIn = conditionFlag("{\"attribute\": \"key\", \"op\": \"notIn\", \"values\": [\"a\"]}");

    assertThat(matches(exists, Context.EMPTY)).isFalse();
    assertThat(matches(exists, Context.of("a"))).isTrue();
    assertThat(matches(notIn, Context.EMPTY)).isTrue();
  }

  @Test
  void condition_missingAttribute_isFalseForEveryOperator() {
    String[] conditions = {
      "{\"attribute\": \"x\", \"op\": \"in\", \"values\": [\"a\", 1]}",
      "{\"attribute\": \"x\", \"op\": \"equals\", \"value\": \"a\"}",
      "{\"attribute\": \"x\", \"op\": \"startsWith\", \"value\": \"\"}",
      "{\"attribute\": \"x\", \"op\": \"endsWith\", \"value\": \"a\"}",
      "{\"attribute\": \"x\", \"op\": \"contains\", \"value\": \"a\"}",
      "{\"attribute\": \"x\", \"op\": \"matches\", \"value\": \".*\"}",
      "{\"attribute\": \"x\", \"op\": \"lt\", \"value\": 1}",
      "{\"attribute\": \"x\", \"op\": \"lte\", \"value\": 1}",
      "{\"attribute\": \"x\", \"op\": \"gt\", \"value\": 1}",
      "{\"attribute\": \"x\", \"op\": \"gte\", \"value\": 1}",
      "{\"attribute\": \"x\", \"op\": \"semverLt\", \"value\": \"1.0.0\"}",
      "{\"attribute\": \"x\", \"op\": \"semverLte\", \"value\": \"1.0.0\"}",
      "{\"attribute\": \"x\", \"op\": \"semverEq\", \"value\": \"1.0.0\"}",
      "{\"attribute\": \"x\", \"op\": \"semverGte\", \"value\": \"1.0.0\"}",
      "{\"attribute\": \"x\", \"op\": \"semverGt\", \"value\": \"1.0.0\"}",
      "{\"attribute\": \"x\", \"op\": \"before\", \"value\": \"2030-01-01T00:00:00Z\"}",
      "{\"attribute\": \"x\", \"op\": \"after\", \"value\": 0}",
      "{\"attribute\": \"x\", \"op\": \"exists\"}",
    };
    Context without = Context.newBuilder("u").set("y", "a").build();
    for (String c : conditions) {
      assertThat(matches(conditionFlag(c), without)).as(c).isFalse();
      String negated = c.substring(0, c.length() - 1) + ", \"negate\": true}";
      assertThat(matches(conditionFlag(negated), without)).as(negated).isTrue();
    }
  }

  @Test
  void condition_notInOnMissingAttribute_isTrue() {
    Flags f = conditionFlag("{\"attribute\": \"x\", \"op\": \"notIn\", \"values\": [\"a\"]}");

    assertThat(matches(f, Context.of("u"))).isTrue();
  }

  @Test
  void condition_wrongTypedAttribute_isFalseNotAnError() {
    Flags startsWith =
        conditionFlag("{\"attribute\": \"x\", \"op\": \"startsWith\", \"value\": \"1\"}");
    Flags lt = conditionFlag("{\"attribute\": \"x\", \"op\": \"lt\", \"value\": 10}");
    Flags semver = conditionFlag("{\"attribute\": \"x\", \"op\": \"semverEq\", \"value\": \"1\"}");

    Context number = Context.newBuilder("u").set("x", 1).build();
    Context text = Context.newBuilder("u").set("x", "1").build();
    Context bool = Context.newBuilder("u").set("x", true).build();

    assertThat(matches(startsWith, number)).isFalse();
    assertThat(matches(startsWith, bool)).isFalse();
    assertThat(matches(lt, text)).isFalse();
    assertThat(matches(lt, bool)).isFalse();
    assertThat(matches(semver, number)).isFalse();
    assertThat(startsWith.evaluate("f", number).isError()).isFalse();
  }

  @Test
  void condition_listAttribute_matchesWhenAnyElementMatches() {
    Flags f =
        conditionFlag("{\"attribute\": \"groups\", \"op\": \"startsWith\", \"value\": \"b\"}");

    assertThat(matches(
            f, Context.newBuilder("u").set("groups", List.of("alpha", "beta")).build()))
        .isTrue();
    assertThat(matches(
            f, Context.newBuilder("u").set("groups", List.of("alpha", "gamma")).build()))
        .isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("groups", List.of()).build()))
        .isFalse();
  }

  @Test
  void condition_negatedOnListAttribute_isTrueOnlyWhenNoElementMatches() {
    Flags f =
        conditionFlag("{\"attribute\": \"groups\", \"op\": \"contains\", \"value\": \"admin\","
            + " \"negate\": true}");

    assertThat(matches(
            f, Context.newBuilder("u").set("groups", List.of("a", "sysadmin")).build()))
        .isFalse();
    assertThat(
            matches(f, Context.newBuilder("u").set("groups", List.of("a", "b")).build()))
        .isTrue();
  }

  @Test
  void condition_negate_invertsAPresentAttributesResult() {
    Flags f = conditionFlag(
        "{\"attribute\": \"plan\", \"op\": \"equals\", \"value\": \"pro\", \"negate\": true}");

    assertThat(matches(f, Context.newBuilder("u").set("plan", "pro").build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("plan", "free").build())).isTrue();
  }

  @Test
  void load_duplicateRuleIds_rejectsDocument() {
    String doc = document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "rules": [
            {"id": "r", "conditions": [{"attribute": "a", "op": "exists"}], "variant": "on"},
            {"id": "r", "conditions": [{"attribute": "b", "op": "exists"}], "variant": "on"}
          ],
          "fallthrough": {"variant": "off"}
        }
        """);

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.f.rules[1].id: duplicate rule id 'r' (also rules[0])");
  }

  @Test
  void load_ruleWithoutConditions_rejectsDocument() {
    String doc = document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "rules": [{"id": "r", "conditions": [], "variant": "on"}],
          "fallthrough": {"variant": "off"}
        }
        """);

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.f.rules[0].conditions: must be a non-empty array");
  }
}
