package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The document kill switch ({@code "enabled": false}) beats everything else. */
final class KillSwitchPrecedenceTest {

  /** A string flag with every kind of targeting, switched on or off. */
  private static String everything(boolean enabled) {
    return everything(enabled, "open");
  }

  /** Like {@link #everything(boolean)}; {@code gate} (the prerequisite) serves this variant. */
  private static String everything(boolean enabled, String gateServes) {
    return """
        "gate": {
          "variants": {"open": true, "shut": false},
          "offVariant": "shut",
          "fallthrough": {"variant": "%s"}
        },
        "feature": {
          "enabled": %s,
          "variants": {"off": "off-value", "targeted": "t", "ruled": "r", "rolled": "x", "fell": "f"},
          "offVariant": "off",
          "prerequisites": [{"flag": "gate", "variant": "open"}],
          "targets": [{"variant": "targeted", "keys": ["alice"]}],
          "rules": [{"id": "pro", "conditions": [{"attribute": "plan", "op": "equals", "value": "pro"}],
                     "rollout": {"variants": [{"variant": "rolled", "weight": 100000}]}}],
          "fallthrough": {"variant": "fell"}
        }
        """.formatted(gateServes, enabled);
  }

  @Test
  void evaluate_disabledFlag_servesOffVariantWithReasonDisabled() {
    Flags flags = client(document(everything(false)));

    Evaluation e = flags.evaluate("feature", Context.of("bob"));

    assertThat(e.reason()).isEqualTo(Reason.DISABLED);
    assertThat(e.variant()).isEqualTo("off");
    assertThat(e.value()).isEqualTo("off-value");
    assertThat(e.ruleId()).isNull();
    assertThat(e.prerequisiteKey()).isNull();
    assertThat(e.isError()).isFalse();
  }

  @Test
  void evaluate_disabledFlag_beatsTargets() {
    Flags flags = client(document(everything(false)));

    assertThat(flags.evaluate("feature", Context.of("alice")).reason()).isEqualTo(Reason.DISABLED);
  }

  @Test
  void evaluate_disabledFlag_beatsRulesAndRollouts() {
    Flags flags = client(document(everything(false)));

    assertThat(flags
            .evaluate("feature", Context.newBuilder("carol").set("plan", "pro").build())
            .reason())
        .isEqualTo(Reason.DISABLED);
  }

  @Test
  void evaluate_disabledFlag_beatsFailingPrerequisites() {
    Flags flags = client(document(everything(false, "shut")));

    assertThat(flags.evaluate("gate", Context.of("u")).variant()).isEqualTo("shut");
    assertThat(flags.evaluate("feature", Context.of("alice")).reason()).isEqualTo(Reason.DISABLED);
  }

  @Test
  void evaluate_disabledFlag_servesOffVariantEvenToContextsNoRolloutCouldBucket() {
    Flags flags = client(document("""
        "f": {
          "enabled": false,
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "fallthrough": {"rollout": {"bucketBy": "orgId",
            "variants": [{"variant": "on", "weight": 100000}]}}
        }
        """));

    Evaluation e = flags.evaluate("f", Context.EMPTY);

    assertThat(e.reason()).isEqualTo(Reason.DISABLED);
    assertThat(e.value()).isEqualTo(false);
  }

  @Test
  void evaluate_enabledFlag_followsTheUsualOrder() {
    Flags flags = client(document(everything(true)));

    assertThat(flags.evaluate("feature", Context.of("alice")).reason())
        .isEqualTo(Reason.TARGET_MATCH);
    assertThat(flags
            .evaluate("feature", Context.newBuilder("carol").set("plan", "pro").build())
            .ruleId())
        .isEqualTo("pro");
    assertThat(flags.evaluate("feature", Context.of("dave")).reason())
        .isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void load_flippingTheKillSwitch_takesEffectOnTheNextEvaluation() {
    Flags flags = client(document(everything(true)));
    Context alice = Context.of("alice");
    assertThat(flags.getString("feature", alice, "default")).isEqualTo("t");

    flags.load(document(everything(false)));
    assertThat(flags.getString("feature", alice, "default")).isEqualTo("off-value");
    assertThat(flags.evaluate("feature", alice).reason()).isEqualTo(Reason.DISABLED);

    flags.load(document(everything(true)));
    assertThat(flags.getString("feature", alice, "default")).isEqualTo("t");
  }

  @Test
  void evaluate_enabledTrueExplicitly_isTheSameAsOmitted() {
    Flags flags = client(document("""
        "a": {"enabled": true, "variants": {"on": true, "off": false}, "offVariant": "off",
              "fallthrough": {"variant": "on"}},
        "b": {"variants": {"on": true, "off": false}, "offVariant": "off",
              "fallthrough": {"variant": "on"}}
        """));

    assertThat(flags.isEnabled("a")).isTrue();
    assertThat(flags.isEnabled("b")).isTrue();
  }

  @Test
  void evaluate_exampleDocument_legacyExportIsSwitchedOff() {
    Flags flags =
        Flags.newBuilder().documentFile(Path.of("../examples/flags.json")).build();

    Evaluation e = flags.evaluate("legacy-export", Context.of("anyone"));

    assertThat(e.reason()).isEqualTo(Reason.DISABLED);
    assertThat(e.value()).isEqualTo(false);
    assertThat(flags.isEnabled("payments-kill-switch", Context.of("anyone"))).isTrue();
  }

  @Test
  void load_enabledNotABoolean_rejectsDocument() {
    String doc = document("""
        "f": {"enabled": "false", "variants": {"on": true, "off": false}, "offVariant": "off",
              "fallthrough": {"variant": "on"}}
        """);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.f.enabled: must be true or false, not the string \"false\"");
  }
}
