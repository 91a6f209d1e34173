package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.conditionFlag;
import static dev.flags.TestDocuments.conditionFlagMember;
import static dev.flags.TestDocuments.document;
import static dev.flags.TestDocuments.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code in}, {@code notIn}, {@code equals} and {@code exists}. */
final class OperatorMembershipTest {

  private static Context with(String name, String value) {
    return Context.newBuilder("u").set(name, value).build();
  }

  private static Context with(String name, double value) {
    return Context.newBuilder("u").set(name, value).build();
  }

  private static Context with(String name, long value) {
    return Context.newBuilder("u").set(name, value).build();
  }

  private static Context with(String name, boolean value) {
    return Context.newBuilder("u").set(name, value).build();
  }

  private static Context with(String name, List<String> value) {
    return Context.newBuilder("u").set(name, value).build();
  }

  @Test
  void in_stringAttribute_matchesExactlyOneOfTheValues() {
    Flags f = conditionFlag("{\"attribute\": \"c\", \"op\": \"in\", \"values\": [\"NZ\", \"AU\"]}");

    assertThat(matches(f, with("c", "NZ"))).isTrue();
    assertThat(matches(f, with("c", "AU"))).isTrue();
    assertThat(matches(f, with("c", "nz"))).isFalse();
    assertThat(matches(f, with("c", "NZL"))).isFalse();
    assertThat(matches(f, with("c", ""))).isFalse();
  }

  @Test
  void in_singleValueForm_isAccepted() {
    Flags f = conditionFlag("{\"attribute\": \"c\", \"op\": \"in\", \"value\": \"NZ\"}");

    assertThat(matches(f, with("c", "NZ"))).isTrue();
    assertThat(matches(f, with("c", "AU"))).isFalse();
  }

  @Test
  void in_numbers_compareNumericallyForDoubleAndLongAttributes() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"in\", \"values\": [1, 2.5]}");

    assertThat(matches(f, with("n", 2.5))).isTrue();
    assertThat(matches(f, with("n", 1L))).isTrue();
    assertThat(matches(f, with("n", 1.0))).isTrue();
    assertThat(matches(f, with("n", 2L))).isFalse();
    assertThat(matches(f, with("n", 2.4999))).isFalse();
  }

  @Test
  void in_numberValues_doNotMatchTheirTextOrBooleans() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"in\", \"values\": [1]}");

    assertThat(matches(f, with("n", "1"))).isFalse();
    assertThat(matches(f, with("n", true))).isFalse();
  }

  @Test
  void in_stringValues_doNotMatchNumbers() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"in\", \"values\": [\"1\"]}");

    assertThat(matches(f, with("n", 1L))).isFalse();
    assertThat(matches(f, with("n", "1"))).isTrue();
  }

  @Test
  void in_mixedStringAndNumberValues_matchEither() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"in\", \"values\": [\"x\", 7]}");

    assertThat(matches(f, with("n", "x"))).isTrue();
    assertThat(matches(f, with("n", 7L))).isTrue();
    assertThat(matches(f, with("n", "7"))).isFalse();
  }

  @Test
  void in_listAttribute_matchesWhenAnyElementIsIn() {
    Flags f = conditionFlag("{\"attribute\": \"g\", \"op\": \"in\", \"values\": [\"beta\"]}");

    assertThat(matches(f, with("g", List.of("alpha", "beta")))).isTrue();
    assertThat(matches(f, with("g", List.of("alpha")))).isFalse();
  }

  @Test
  void in_ignoreCase_matchesAsciiAndNonAsciiCaseVariants() {
    Flags f = conditionFlag("{\"attribute\": \"c\", \"op\": \"in\", \"values\": [\"nz\", \"äö\"],"
        + " \"ignoreCase\": true}");

    assertThat(matches(f, with("c", "NZ"))).isTrue();
    assertThat(matches(f, with("c", "Nz"))).isTrue();
    assertThat(matches(f, with("c", "ÄÖ"))).isTrue();
    assertThat(matches(f, with("c", "äÖ"))).isTrue();
    assertThat(matches(f, with("c", "ao"))).isFalse();
  }

  @Test
  void in_ignoreCase_matchesSupplementaryCaseVariants() {
    // Deseret capital and small long I (U+10400, U+10428): a case pair outside the BMP, which
    // String.equalsIgnoreCase treats as equal.
    String upper = new String(Character.toChars(0x10400));
    String lower = new String(Character.toChars(0x10428));
    Flags f = conditionFlag("{\"attribute\": \"c\", \"op\": \"in\", \"values\": [\"x" + lower
        + "\"], \"ignoreCase\": true}");

    assertThat(matches(f, with("c", "X" + upper))).isTrue();
    assertThat(matches(f, with("c", "x" + lower))).isTrue();
  }

  @Test
  void notIn_valueNotListed_isTrue() {
    Flags f =
        conditionFlag("{\"attribute\": \"c\", \"op\": \"notIn\", \"values\": [\"NZ\", \"AU\"]}");

    assertThat(matches(f, with("c", "US"))).isTrue();
    assertThat(matches(f, with("c", "NZ"))).isFalse();
  }

  @Test
  void notIn_missingAttribute_isTrue() {
    Flags f = conditionFlag("{\"attribute\": \"c\", \"op\": \"notIn\", \"values\": [\"NZ\"]}");

    assertThat(matches(f, Context.of("u"))).isTrue();
    assertThat(matches(f, Context.EMPTY)).isTrue();
  }

  @Test
  void notIn_listAttribute_isTrueOnlyIfNoElementIsIn() {
    Flags f = conditionFlag("{\"attribute\": \"g\", \"op\": \"notIn\", \"values\": [\"banned\"]}");

    assertThat(matches(f, with("g", List.of("a", "b")))).isTrue();
    assertThat(matches(f, with("g", List.of("a", "banned")))).isFalse();
    assertThat(matches(f, with("g", List.of()))).isTrue();
  }

  @Test
  void notIn_numbers_compareNumerically() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"notIn\", \"values\": [1, 2.5]}");

    assertThat(matches(f, with("n", 1L))).isFalse();
    assertThat(matches(f, with("n", 2.5))).isFalse();
    assertThat(matches(f, with("n", 3L))).isTrue();
  }

  @Test
  void notIn_negated_behavesLikeIn() {
    Flags f = conditionFlag(
        "{\"attribute\": \"c\", \"op\": \"notIn\", \"values\": [\"NZ\"], \"negate\": true}");

    assertThat(matches(f, with("c", "NZ"))).isTrue();
    assertThat(matches(f, with("c", "AU"))).isFalse();
    assertThat(matches(f, Context.of("u"))).isFalse();
  }

  @Test
  void notIn_ignoreCase_excludesCaseVariants() {
    Flags f = conditionFlag(
        "{\"attribute\": \"c\", \"op\": \"notIn\", \"values\": [\"nz\"], \"ignoreCase\": true}");

    assertThat(matches(f, with("c", "NZ"))).isFalse();
    assertThat(matches(f, with("c", "AU"))).isTrue();
  }

  @Test
  void equals_string_isExactAndCaseSensitive() {
    Flags f = conditionFlag("{\"attribute\": \"p\", \"op\": \"equals\", \"value\": \"ios\"}");

    assertThat(matches(f, with("p", "ios"))).isTrue();
    assertThat(matches(f, with("p", "iOS"))).isFalse();
    assertThat(matches(f, with("p", "ios "))).isFalse();
  }

  @Test
  void equals_stringIgnoreCase_matchesNonAsciiCaseVariants() {
    Flags f = conditionFlag(
        "{\"attribute\": \"p\", \"op\": \"equals\", \"value\": \"ÄÖ\", \"ignoreCase\": true}");

    assertThat(matches(f, with("p", "äö"))).isTrue();
    assertThat(matches(f, with("p", "ÄÖ"))).isTrue();
    assertThat(matches(f, with("p", "äo"))).isFalse();
  }

  @Test
  void equals_number_comparesNumerically() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"equals\", \"value\": 42}");

    assertThat(matches(f, with("n", 42L))).isTrue();
    assertThat(matches(f, with("n", 42.0))).isTrue();
    assertThat(matches(f, with("n", 42.5))).isFalse();
    assertThat(matches(f, with("n", "42"))).isFalse();
  }

  @Test
  void equals_fraction_matchesTheSameDouble() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"equals\", \"value\": 0.1}");

    assertThat(matches(f, with("n", 0.1))).isTrue();
    assertThat(matches(f, with("n", 0.1000001))).isFalse();
  }

  @Test
  void equals_boolean_matchesOnlyTheSameBoolean() {
    Flags t = conditionFlag("{\"attribute\": \"b\", \"op\": \"equals\", \"value\": true}");
    Flags f = conditionFlag("{\"attribute\": \"b\", \"op\": \"equals\", \"value\": false}");

    assertThat(matches(t, with("b", true))).isTrue();
    assertThat(matches(t, with("b", false))).isFalse();
    assertThat(matches(t, with("b", "true"))).isFalse();
    assertThat(matches(t, with("b", 1L))).isFalse();
    assertThat(matches(f, with("b", false))).isTrue();
  }

  @Test
  void equals_listAttribute_matchesWhenAnyElementEquals() {
    Flags f = conditionFlag("{\"attribute\": \"g\", \"op\": \"equals\", \"value\": \"b\"}");

    assertThat(matches(f, with("g", List.of("a", "b")))).isTrue();
    assertThat(matches(f, with("g", List.of("a", "c")))).isFalse();
  }

  @Test
  void exists_presentAttributeOfAnyType_isTrue() {
    Flags f = conditionFlag("{\"attribute\": \"x\", \"op\": \"exists\"}");

    assertThat(matches(f, with("x", ""))).isTrue();
    assertThat(matches(f, with("x", 0L))).isTrue();
    assertThat(matches(f, with("x", false))).isTrue();
    assertThat(matches(f, with("x", List.of("a")))).isTrue();
    assertThat(matches(f, with("y", "a"))).isFalse();
  }

  @Test
  void exists_negated_isTrueOnlyWhenMissing() {
    Flags f = conditionFlag("{\"attribute\": \"x\", \"op\": \"exists\", \"negate\": true}");

    assertThat(matches(f, with("x", "a"))).isFalse();
    assertThat(matches(f, Context.of("u"))).isTrue();
  }

  @Test
  void load_existsWithAValue_rejectsDocument() {
    String doc = document(
        conditionFlagMember("{\"attribute\": \"x\", \"op\": \"exists\", \"value\": true}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("operator 'exists' takes no value");
  }

  @Test
  void load_equalsWithSeveralValues_rejectsDocument() {
    String doc = document(conditionFlagMember(
        "{\"attribute\": \"x\", \"op\": \"equals\", \"values\": [\"a\", \"b\"]}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("operator 'equals' takes exactly one value, not 2");
  }

  @Test
  void load_inWithABooleanValue_rejectsDocument() {
    String doc = document(
        conditionFlagMember("{\"attribute\": \"x\", \"op\": \"in\", \"values\": [\"a\", true]}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("values[1]: must be a string or number, not true");
  }

  @Test
  void load_ignoreCaseOnNumericOperator_rejectsDocument() {
    String doc = document(conditionFlagMember(
        "{\"attribute\": \"x\", \"op\": \"lt\", \"value\": 1, \"ignoreCase\": true}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("ignoreCase: only applies to string operators, not 'lt'");
  }
}
