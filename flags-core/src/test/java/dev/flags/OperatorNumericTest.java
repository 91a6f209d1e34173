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

/** {@code lt}, {@code lte}, {@code gt}, {@code gte} on number attributes. */
final class OperatorNumericTest {

  private static Flags op(String op, String bound) {
    return conditionFlag(
        "{\"attribute\": \"n\", \"op\": \"" + op + "\", \"value\": " + bound + "}");
  }

  private static Context n(double value) {
    return Context.newBuilder("u").set("n", value).build();
  }

  private static Context n(long value) {
    return Context.newBuilder("u").set("n", value).build();
  }

  @Test
  void lt_isStrict() {
    Flags f = op("lt", "18");

    assertThat(matches(f, n(17L))).isTrue();
    assertThat(matches(f, n(17.999))).isTrue();
    assertThat(matches(f, n(18L))).isFalse();
    assertThat(matches(f, n(18.001))).isFalse();
  }

  @Test
  void lte_includesTheBound() {
    Flags f = op("lte", "18");

    assertThat(matches(f, n(18L))).isTrue();
    assertThat(matches(f, n(18.0))).isTrue();
    assertThat(matches(f, n(18.000001))).isFalse();
  }

  @Test
  void gt_isStrict() {
    Flags f = op("gt", "18");

    assertThat(matches(f, n(19L))).isTrue();
    assertThat(matches(f, n(18.5))).isTrue();
    assertThat(matches(f, n(18L))).isFalse();
    assertThat(matches(f, n(-19L))).isFalse();
  }

  @Test
  void gte_includesTheBound() {
    Flags f = op("gte", "18");

    assertThat(matches(f, n(18L))).isTrue();
    assertThat(matches(f, n(17.999999))).isFalse();
  }

  @Test
  void compare_fractionalAndNegativeBounds() {
    assertThat(matches(op("lt", "-2.5"), n(-3L))).isTrue();
    assertThat(matches(op("lt", "-2.5"), n(-2L))).isFalse();
    assertThat(matches(op("gte", "0.1"), n(0.1))).isTrue();
    assertThat(matches(op("gt", "1e3"), n(1001L))).isTrue();
    assertThat(matches(op("gt", "1e3"), n(1000L))).isFalse();
  }

  @Test
  void compare_largeLongs_areExactUpTo2Pow53() {
    Flags f = op("gte", "9007199254740992");

    assertThat(matches(f, n(9_007_199_254_740_992L))).isTrue();
    assertThat(matches(f, n(9_007_199_254_740_991L))).isFalse();
  }

  @Test
  void compare_nanAttribute_neverMatches() {
    for (String op : List.of("lt", "lte", "gt", "gte")) {
      assertThat(matches(op(op, "0"), n(Double.NaN))).as(op).isFalse();
    }
  }

  @Test
  void compare_infiniteAttributes_compareAsInfinities() {
    assertThat(matches(op("gt", "1e308"), n(Double.POSITIVE_INFINITY))).isTrue();
    assertThat(matches(op("lt", "-1e308"), n(Double.NEGATIVE_INFINITY))).isTrue();
    assertThat(matches(op("lt", "1e308"), n(Double.POSITIVE_INFINITY))).isFalse();
  }

  @Test
  void compare_numericText_isNotANumber() {
    Flags f = op("lt", "10");

    assertThat(matches(f, Context.newBuilder("u").set("n", "5").build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("n", true).build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("n", List.of("5")).build()))
        .isFalse();
  }

  @Test
  void compare_negated_invertsIncludingForWrongTypes() {
    Flags f =
        conditionFlag("{\"attribute\": \"n\", \"op\": \"lt\", \"value\": 10, \"negate\": true}");

    assertThat(matches(f, n(5L))).isFalse();
    assertThat(matches(f, n(10L))).isTrue();
    assertThat(matches(f, Context.of("u"))).isTrue();
  }

  @Test
  void compare_epochMillisFromInstant_isANumber() {
    Flags f = op("gt", "1700000000000");

    assertThat(matches(
            f,
            Context.newBuilder("u")
                .set("n", java.time.Instant.ofEpochMilli(1_700_000_000_001L))
                .build()))
        .isTrue();
  }

  @Test
  void load_stringBound_rejectsDocument() {
    String doc =
        document(conditionFlagMember("{\"attribute\": \"n\", \"op\": \"lt\", \"value\": \"5\"}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("value: must be a number, not the string \"5\"");
  }
}
