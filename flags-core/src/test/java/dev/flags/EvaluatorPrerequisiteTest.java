package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Prerequisites: other flags that must serve a given variant, evaluated recursively. */
final class EvaluatorPrerequisiteTest {

  /** A boolean flag: on for the given keys (targets), else the fallthrough; optional prereqs. */
  private static String flag(
      String key, boolean enabled, String onKeys, String fallthrough, String prerequisites) {
    return """
        "%s": {
          "enabled": %s,
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "prerequisites": [%s],
          "targets": [{"variant": "on", "keys": [%s]}],
          "fallthrough": {"variant": "%s"}
        }""".formatted(key, enabled, prerequisites, onKeys, fallthrough);
  }

  private static String requires(String flag, String variant) {
    return "{\"flag\": \"" + flag + "\", \"variant\": \"" + variant + "\"}";
  }

  @Test
  void evaluate_prerequisiteServesRequiredVariant_evaluatesNormally() {
    Flags flags = client(document(flag("base", true, "", "on", "") + ","
        + flag("child", true, "\"vip\"", "off", requires("base", "on"))));

    assertThat(flags.evaluate("child", Context.of("vip")).reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(flags.evaluate("child", Context.of("joe")).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void evaluate_prerequisiteServesAnotherVariant_servesOffVariantWithPrerequisiteKey() {
    Flags flags = client(document(flag("base", true, "", "off", "") + ","
        + flag("child", true, "", "on", requires("base", "on"))));

    Evaluation e = flags.evaluate("child", Context.of("joe"));

    assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(e.prerequisiteKey()).isEqualTo("base");
    assertThat(e.variant()).isEqualTo("off");
    assertThat(e.value()).isEqualTo(false);
    assertThat(e.ruleId()).isNull();
    assertThat(e.isError()).isFalse();
  }

  @Test
  void evaluate_prerequisiteFails_beatsTargetsAndRules() {
    Flags flags = client(document(flag("base", true, "", "off", "") + ","
        + flag("child", true, "\"vip\"", "on", requires("base", "on"))));

    assertThat(flags.evaluate("child", Context.of("vip")).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void evaluate_requiredVariantIsOff_passesWhenPrerequisiteServesOff() {
    Flags flags = client(document(flag("legacy", true, "\"old\"", "off", "") + ","
        + flag("modern", true, "", "on", requires("legacy", "off"))));

    assertThat(flags.isEnabled("modern", Context.of("new"))).isTrue();
    assertThat(flags.evaluate("modern", Context.of("old")).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void evaluate_disabledPrerequisiteWhoseOffVariantIsRequired_stillFails() {
    Flags flags = client(document(flag("legacy", false, "", "on", "") + ","
        + flag("modern", true, "", "on", requires("legacy", "off"))));

    // legacy serves "off" (DISABLED), which is the required variant; a disabled flag never passes.
    assertThat(flags.evaluate("legacy", Context.of("u")).variant()).isEqualTo("off");
    Evaluation e = flags.evaluate("modern", Context.of("u"));
    assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(e.prerequisiteKey()).isEqualTo("legacy");
  }

  @Test
  void evaluate_prerequisiteUsesTheSameContext() {
    Flags flags = client(document(flag("base", true, "\"alice\"", "off", "") + ","
        + flag("child", true, "", "on", requires("base", "on"))));

    assertThat(flags.isEnabled("child", Context.of("alice"))).isTrue();
    assertThat(flags.isEnabled("child", Context.of("bob"))).isFalse();
  }

  @Test
  void evaluate_prerequisiteDecidedByAttributeRule_seesTheCallersAttributes() {
    Flags flags =
        client(document("""
        "region": {
          "variants": {"eu": "eu", "us": "us"},
          "offVariant": "us",
          "rules": [{"id": "eu", "conditions": [
            {"attribute": "country", "op": "in", "values": ["DE", "FR"]}], "variant": "eu"}],
          "fallthrough": {"variant": "us"}
        },
        """ + flag("gdpr-banner", true, "", "on", requires("region", "eu"))));

    assertThat(flags.isEnabled(
            "gdpr-banner", Context.newBuilder("u").set("country", "DE").build()))
        .isTrue();
    assertThat(flags.isEnabled(
            "gdpr-banner", Context.newBuilder("u").set("country", "US").build()))
        .isFalse();
  }

  @Test
  void evaluate_chainOfThree_failureReportsTheDirectPrerequisite() {
    String chain = flag("c", true, "\"cleared\"", "off", "") + ","
        + flag("b", true, "", "on", requires("c", "on")) + ","
        + flag("a", true, "", "on", requires("b", "on"));
    Flags flags = client(document(chain));

    assertThat(flags.evaluate("a", Context.of("cleared")).reason()).isEqualTo(Reason.FALLTHROUGH);
    Evaluation a = flags.evaluate("a", Context.of("other"));
    assertThat(a.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(a.prerequisiteKey()).isEqualTo("b");
    assertThat(flags.evaluate("b", Context.of("other")).prerequisiteKey()).isEqualTo("c");
  }

  @Test
  void evaluate_chainDeclaredInAnyOrder_compilesAndEvaluates() {
    // Dependents first: the compiler must resolve prerequisites regardless of document order.
    String chain = flag("a", true, "", "on", requires("b", "on")) + ","
        + flag("b", true, "", "on", requires("c", "on")) + ","
        + flag("c", true, "\"cleared\"", "off", "");
    Flags flags = client(document(chain));

    assertThat(flags.isEnabled("a", Context.of("cleared"))).isTrue();
    assertThat(flags.isEnabled("a", Context.of("other"))).isFalse();
  }

  @Test
  void evaluate_diamond_passesOnlyWhenBothBranchesPass() {
    // top -> left -> bottom, top -> right -> bottom; right also needs "r-only" users.
    String diamond = flag("bottom", true, "\"x\", \"y\"", "off", "") + ","
        + flag("left", true, "", "on", requires("bottom", "on")) + ","
        + flag("right", true, "\"y\"", "off", requires("bottom", "on")) + ","
        + flag("top", true, "", "on", requires("left", "on") + "," + requires("right", "on"));
    Flags flags = client(document(diamond));

    assertThat(flags.isEnabled("top", Context.of("y"))).isTrue();
    Evaluation x = flags.evaluate("top", Context.of("x"));
    assertThat(x.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(x.prerequisiteKey()).isEqualTo("right");
    Evaluation z = flags.evaluate("top", Context.of("z"));
    assertThat(z.prerequisiteKey()).isEqualTo("left"); // the first listed prerequisite to fail
  }

  @Test
  void evaluate_diamondWithDisabledBottom_failsAtTheFirstBranch() {
    String diamond = flag("bottom", false, "\"x\"", "on", "") + ","
        + flag("left", true, "", "on", requires("bottom", "on")) + ","
        + flag("right", true, "", "on", requires("bottom", "on")) + ","
        + flag("top", true, "", "on", requires("left", "on") + "," + requires("right", "on"));
    Flags flags = client(document(diamond));

    assertThat(flags.evaluate("top", Context.of("x")).prerequisiteKey()).isEqualTo("left");
    assertThat(flags.evaluate("right", Context.of("x")).prerequisiteKey()).isEqualTo("bottom");
  }

  @Test
  void evaluate_prerequisiteWithRolloutTheContextCannotBucket_fails() {
    Flags flags =
        client(document("""
        "org-split": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "fallthrough": {"rollout": {"bucketBy": "orgId",
            "variants": [{"variant": "on", "weight": 100000}, {"variant": "off", "weight": 0}]}}
        },
        """ + flag("child", true, "", "on", requires("org-split", "on"))));

    assertThat(
            flags.isEnabled("child", Context.newBuilder("u").set("orgId", "o").build()))
        .isTrue();
    assertThat(flags.evaluate("child", Context.of("u")).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void evaluate_nonBooleanPrerequisite_isComparedByVariantName() {
    Flags flags =
        client(document("""
        "plan-tier": {
          "variants": {"gold": 3, "silver": 2},
          "offVariant": "silver",
          "targets": [{"variant": "gold", "keys": ["g"]}],
          "fallthrough": {"variant": "silver"}
        },
        """ + flag("lounge", true, "", "on", requires("plan-tier", "gold"))));

    assertThat(flags.isEnabled("lounge", Context.of("g"))).isTrue();
    assertThat(flags.isEnabled("lounge", Context.of("s"))).isFalse();
  }

  @Test
  void load_unknownPrerequisiteFlag_rejectsDocument() {
    String doc = document(flag("a", true, "", "on", requires("ghost", "on")));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.a.prerequisites[0].flag: unknown flag 'ghost'");
  }

  @Test
  void load_undeclaredPrerequisiteVariant_rejectsDocument() {
    String doc = document(
        flag("b", true, "", "on", "") + "," + flag("a", true, "", "on", requires("b", "maybe")));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("'maybe' is not a declared variant of flag 'b'");
  }

  @Test
  void load_selfPrerequisite_rejectsDocument() {
    String doc = document(flag("a", true, "", "on", requires("a", "on")));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("a flag cannot be its own prerequisite");
  }

  @Test
  void load_prerequisiteCycle_rejectsDocument() {
    String doc = document(flag("a", true, "", "on", requires("b", "on")) + ","
        + flag("b", true, "", "on", requires("c", "on")) + ","
        + flag("c", true, "", "on", requires("a", "on")));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("prerequisite cycle a -> b -> c -> a");
  }
}
