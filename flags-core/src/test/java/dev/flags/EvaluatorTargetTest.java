package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Individual targets: context keys listed per variant. */
final class EvaluatorTargetTest {
  private static final String FLAG = """
      "color": {
        "variants": {"red": "r", "green": "g", "blue": "b"},
        "offVariant": "red",
        "targets": [
          {"variant": "green", "keys": ["alice", "bob"]},
          {"variant": "blue", "keys": ["carol", ""]}
        ],
        "rules": [
          {"id": "everyone-with-a-plan", "conditions": [{"attribute": "plan", "op": "exists"}],
           "variant": "red"}
        ],
        "fallthrough": {"variant": "red"}
      }
      """;

  private final Flags flags = client(document(FLAG));

  @Test
  void evaluate_keyInFirstTargetList_servesItsVariantWithTargetMatch() {
    Evaluation e = flags.evaluate("color", Context.of("alice"));

    assertThat(e.variant()).isEqualTo("green");
    assertThat(e.value()).isEqualTo("g");
    assertThat(e.reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(e.ruleId()).isNull();
    assertThat(e.prerequisiteKey()).isNull();
    assertThat(e.isError()).isFalse();
  }

  @Test
  void evaluate_keyInSecondTargetList_servesThatListsVariant() {
    Evaluation e = flags.evaluate("color", Context.of("carol"));

    assertThat(e.variant()).isEqualTo("blue");
    assertThat(e.reason()).isEqualTo(Reason.TARGET_MATCH);
  }

  @Test
  void evaluate_keyNotTargeted_fallsThrough() {
    Evaluation e = flags.evaluate("color", Context.of("dave"));

    assertThat(e.variant()).isEqualTo("red");
    assertThat(e.reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void evaluate_emptyKey_neverMatchesATarget() {
    // The second list names "" explicitly; an anonymous context still does not match it.
    assertThat(flags.evaluate("color", Context.EMPTY).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags
            .evaluate("color", Context.newBuilder("").set("x", "y").build())
            .reason())
        .isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void evaluate_targetedKeyThatAlsoMatchesARule_targetWins() {
    Context alice = Context.newBuilder("alice").set("plan", "pro").build();

    Evaluation e = flags.evaluate("color", alice);

    assertThat(e.reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(e.variant()).isEqualTo("green");
    assertThat(flags
            .evaluate("color", Context.newBuilder("dave").set("plan", "pro").build())
            .reason())
        .isEqualTo(Reason.RULE_MATCH);
  }

  @Test
  void evaluate_keyDiffersOnlyInCase_doesNotMatch() {
    assertThat(flags.evaluate("color", Context.of("Alice")).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void evaluate_attributeNamedLikeATargetKey_isIgnored() {
    // Targets look at the context key only, never at attributes.
    Context c =
        Context.newBuilder("dave").set("user", "alice").set("id", "alice").build();

    assertThat(flags.evaluate("color", c).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void evaluate_largeTargetList_findsEveryKeyAndNoOther() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      keys.add("\"user-" + i + "\"");
    }
    Flags big = client(document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "targets": [{"variant": "on", "keys": [%s]}],
          "fallthrough": {"variant": "off"}
        }
        """.formatted(String.join(",", keys))));

    for (int i = 0; i < 20_000; i++) {
      assertThat(big.isEnabled("f", Context.of("user-" + i))).as("user-%d", i).isTrue();
      assertThat(big.isEnabled("f", Context.of("user-" + (i + 20_000)))).isFalse();
    }
    assertThat(big.isEnabled("f", Context.of("user-"))).isFalse();
  }

  @Test
  void evaluate_targetServesTheTargetVariantEvenWhenItIsTheOffVariant() {
    Flags f = client(document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "targets": [{"variant": "off", "keys": ["mallory"]}],
          "fallthrough": {"variant": "on"}
        }
        """));

    Evaluation e = f.evaluate("f", Context.of("mallory"));

    assertThat(e.value()).isEqualTo(false);
    assertThat(e.reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(f.isEnabled("f", Context.of("trent"))).isTrue();
  }

  @Test
  void load_sameKeyInTwoTargetLists_rejectsDocument() {
    // "First list wins" never has to decide: a key may be targeted only once.
    String doc = document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "targets": [
            {"variant": "on", "keys": ["alice"]},
            {"variant": "off", "keys": ["bob", "alice"]}
          ],
          "fallthrough": {"variant": "off"}
        }
        """);

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .satisfies(t -> assertThat(((InvalidDocumentException) t).problems())
            .containsExactly(Problem.of(
                "flags.f.targets[1].keys[1]", "key 'alice' is already targeted by targets[0]")));
  }

  @Test
  void load_targetWithUndeclaredVariant_rejectsDocument() {
    String doc = document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "targets": [{"variant": "maybe", "keys": ["alice"]}],
          "fallthrough": {"variant": "off"}
        }
        """);

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.f.targets[0].variant: 'maybe' is not a declared variant");
  }
}
