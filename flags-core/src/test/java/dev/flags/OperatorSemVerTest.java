package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.conditionFlag;
import static dev.flags.TestDocuments.conditionFlagMember;
import static dev.flags.TestDocuments.document;
import static dev.flags.TestDocuments.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** {@code semverLt/Lte/Eq/Gte/Gt}: semver.org 2.0.0 precedence on string attributes. */
final class OperatorSemVerTest {
  /** The precedence example from semver.org, lowest first. */
  private static final List<String> ORDER = List.of(
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.0.1",
      "1.1.0",
      "2.0.0",
      "10.0.0");

  private static final List<String> OPS =
      List.of("semverLt", "semverLte", "semverEq", "semverGte", "semverGt");

  private static Context version(String v) {
    return Context.newBuilder("u").set("v", v).build();
  }

  private static Flags op(String op, String ruleVersion) {
    return conditionFlag(
        "{\"attribute\": \"v\", \"op\": \"" + op + "\", \"value\": \"" + ruleVersion + "\"}");
  }

  @Test
  void semverOperators_semverOrgPrecedence_holdForEveryPair() {
    // One document: a flag per (operator, rule version), named "<op>-<index>".
    StringJoiner flagsJson = new StringJoiner(",\n");
    for (String op : OPS) {
      for (int j = 0; j < ORDER.size(); j++) {
        flagsJson.add("""
            "%s-%d": {
              "variants": {"on": true, "off": false}, "offVariant": "off",
              "rules": [{"id": "r", "conditions": [
                {"attribute": "v", "op": "%s", "value": "%s"}], "variant": "on"}],
              "fallthrough": {"variant": "off"}
            }""".formatted(op, j, op, ORDER.get(j)));
      }
    }
    Flags flags = client(document(flagsJson.toString()));

    for (int i = 0; i < ORDER.size(); i++) {
      Context attribute = version(ORDER.get(i));
      for (int j = 0; j < ORDER.size(); j++) {
        String what = ORDER.get(i) + " vs rule " + ORDER.get(j);
        assertThat(flags.isEnabled("semverLt-" + j, attribute)).as("lt " + what).isEqualTo(i < j);
        assertThat(flags.isEnabled("semverLte-" + j, attribute))
            .as("lte " + what)
            .isEqualTo(i <= j);
        assertThat(flags.isEnabled("semverEq-" + j, attribute)).as("eq " + what).isEqualTo(i == j);
        assertThat(flags.isEnabled("semverGte-" + j, attribute))
            .as("gte " + what)
            .isEqualTo(i >= j);
        assertThat(flags.isEnabled("semverGt-" + j, attribute)).as("gt " + what).isEqualTo(i > j);
      }
    }
  }

  @Test
  void semverEq_buildMetadata_isIgnored() {
    Flags f = op("semverEq", "1.2.3+build.7");

    assertThat(matches(f, version("1.2.3"))).isTrue();
    assertThat(matches(f, version("1.2.3+other.9"))).isTrue();
    assertThat(matches(f, version("1.2.3-rc.1+build.7"))).isFalse();
  }

  @Test
  void semverEq_leadingVAndMissingMinorOrPatch_areAccepted() {
    Flags f = op("semverEq", "v2");

    assertThat(matches(f, version("2.0.0"))).isTrue();
    assertThat(matches(f, version("v2.0"))).isTrue();
    assertThat(matches(f, version("2"))).isTrue();
    assertThat(matches(f, version("V2.0.0"))).isTrue();
    assertThat(matches(f, version("2.0.1"))).isFalse();
  }

  @Test
  void semverGte_comparesNumericallyNotAsText() {
    Flags f = op("semverGte", "2.10.0");

    assertThat(matches(f, version("2.9.9"))).isFalse();
    assertThat(matches(f, version("2.10.0"))).isTrue();
    assertThat(matches(f, version("2.11"))).isTrue();
    assertThat(matches(f, version("10.0.0"))).isTrue();
  }

  @Test
  void semverOperators_invalidAttribute_neverMatch() {
    List<String> invalid = List.of(
        "",
        "v",
        "latest",
        "1.",
        "1..0",
        "1.0.0.0",
        "01.0.0",
        "1.0.0-",
        "1.0.0+",
        "1.0.0-alpha..1",
        "1.0.0-al pha",
        " 1.0.0",
        "1.0.0 ",
        "1.0.0-α",
        "1.0.0-alpha.01",
        "1234567890123456789.0.0");
    for (String op : OPS) {
      Flags f = op(op, "1.0.0");
      for (String v : invalid) {
        assertThat(matches(f, version(v))).as("%s %s", op, v).isFalse();
      }
    }
  }

  @Test
  void semverOperators_nonStringAttribute_neverMatch() {
    Flags f = op("semverGte", "1");

    assertThat(matches(f, Context.newBuilder("u").set("v", 2L).build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("v", true).build())).isFalse();
  }

  @Test
  void semverOperators_listAttribute_matchWhenAnyElementMatches() {
    Flags f = op("semverLt", "2.0.0");

    assertThat(matches(
            f, Context.newBuilder("u").set("v", List.of("3.0.0", "1.9.0")).build()))
        .isTrue();
    assertThat(matches(
            f, Context.newBuilder("u").set("v", List.of("3.0.0", "junk")).build()))
        .isFalse();
  }

  @Test
  void semverOperators_negated_invertIncludingInvalidAttributes() {
    Flags f = conditionFlag(
        "{\"attribute\": \"v\", \"op\": \"semverLt\", \"value\": \"2.0.0\", \"negate\": true}");

    assertThat(matches(f, version("1.0.0"))).isFalse();
    assertThat(matches(f, version("2.0.0"))).isTrue();
    assertThat(matches(f, version("junk"))).isTrue();
  }

  @Test
  void semverLt_prereleaseOfTheNextVersion_isHigherThanTheCurrentRelease() {
    Flags f = op("semverGt", "2.1.0");

    assertThat(matches(f, version("2.2.0-alpha"))).isTrue();
    assertThat(matches(f, version("2.1.0-alpha"))).isFalse();
  }

  @Test
  void load_invalidRuleVersion_rejectsDocument() {
    String doc = document(
        conditionFlagMember("{\"attribute\": \"v\", \"op\": \"semverGte\", \"value\": \"2.x\"}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("value: '2.x' is not a semantic version");
  }
}
