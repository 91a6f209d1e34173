package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.conditionFlag;
import static dev.flags.TestDocuments.conditionFlagMember;
import static dev.flags.TestDocuments.document;
import static dev.flags.TestDocuments.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code before} and {@code after}: epoch millis, Instants and ISO-8601 strings with offset. */
final class OperatorTimeTest {
  private static final String LAUNCH = "2026-12-01T00:00:00Z";
  private static final long LAUNCH_MILLIS = Instant.parse(LAUNCH).toEpochMilli();

  private static Flags before(String value) {
    return conditionFlag("{\"attribute\": \"now\", \"op\": \"before\", \"value\": " + value + "}");
  }

  private static Flags after(String value) {
    return conditionFlag("{\"attribute\": \"now\", \"op\": \"after\", \"value\": " + value + "}");
  }

  private static Context at(Instant t) {
    return Context.newBuilder("u").set("now", t).build();
  }

  private static Context at(long millis) {
    return Context.newBuilder("u").set("now", millis).build();
  }

  private static Context at(String iso) {
    return Context.newBuilder("u").set("now", iso).build();
  }

  @Test
  void before_instantAttribute_isStrict() {
    Flags f = before("\"" + LAUNCH + "\"");

    assertThat(matches(f, at(Instant.parse(LAUNCH).minusMillis(1)))).isTrue();
    assertThat(matches(f, at(Instant.parse(LAUNCH)))).isFalse();
    assertThat(matches(f, at(Instant.parse(LAUNCH).plusMillis(1)))).isFalse();
  }

  @Test
  void after_instantAttribute_isStrict() {
    Flags f = after("\"" + LAUNCH + "\"");

    assertThat(matches(f, at(Instant.parse(LAUNCH).plusMillis(1)))).isTrue();
    assertThat(matches(f, at(Instant.parse(LAUNCH)))).isFalse();
    assertThat(matches(f, at(Instant.parse(LAUNCH).minusSeconds(3600)))).isFalse();
  }

  @Test
  void after_epochMillisAttribute_comparesAsTime() {
    Flags f = after("\"" + LAUNCH + "\"");

    assertThat(matches(f, at(LAUNCH_MILLIS + 1))).isTrue();
    assertThat(matches(f, at(LAUNCH_MILLIS))).isFalse();
    assertThat(matches(
            f, Context.newBuilder("u").set("now", (double) LAUNCH_MILLIS + 0.5).build()))
        .isTrue();
  }

  @Test
  void before_isoStringAttribute_honoursItsOffset() {
    Flags f = before("\"" + LAUNCH + "\"");

    assertThat(matches(f, at("2026-11-30T23:59:59.999Z"))).isTrue();
    // 10:59 at +11:00 is 23:59 UTC the day before.
    assertThat(matches(f, at("2026-12-01T10:59:00+11:00"))).isTrue();
    assertThat(matches(f, at("2026-12-01T11:00:00+11:00"))).isFalse();
    assertThat(matches(f, at("2026-11-30T19:00:00-05:00"))).isFalse();
    assertThat(matches(f, at("2026-11-30T18:59:59-05:00"))).isTrue();
  }

  @Test
  void ruleValue_epochMillis_isAccepted() {
    Flags f = after(Long.toString(LAUNCH_MILLIS));

    assertThat(matches(f, at("2026-12-01T00:00:00.001Z"))).isTrue();
    assertThat(matches(f, at(LAUNCH))).isFalse();
    assertThat(matches(f, at(Instant.parse(LAUNCH).plusSeconds(1)))).isTrue();
  }

  @Test
  void ruleValue_withOffset_isConvertedToTheSameInstant() {
    Flags plus13 = before("\"2027-01-01T00:00:00+13:00\"");

    // 2027-01-01T00:00+13:00 is 2026-12-31T11:00Z.
    assertThat(matches(plus13, at("2026-12-31T10:59:59Z"))).isTrue();
    assertThat(matches(plus13, at("2026-12-31T11:00:00Z"))).isFalse();
  }

  @Test
  void beforeAndAfter_together_describeAWindow() {
    Flags window = conditionFlag(
        "{\"attribute\": \"now\", \"op\": \"after\", \"value\": \"2026-12-01T00:00:00Z\"}",
        "{\"attribute\": \"now\", \"op\": \"before\", \"value\": \"2027-01-01T00:00:00Z\"}");

    assertThat(matches(window, at("2026-12-15T12:00:00Z"))).isTrue();
    assertThat(matches(window, at("2026-11-15T12:00:00Z"))).isFalse();
    assertThat(matches(window, at("2027-01-15T12:00:00Z"))).isFalse();
  }

  @Test
  void timeOperators_stringsThatAreNotTimesWithOffset_neverMatch() {
    List<String> notTimes = List.of(
        "",
        "soon",
        "2026-12-15",
        "2026-12-15T12:00:00",
        "2026-12-15T12:00",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-12-15T24:00Z",
        "2026-12-15T12:60Z",
        "2026-12-15T12:00:60Z",
        "2026-12-15T12:00:00.Z",
        "2026-12-15T12:00:00+25:00",
        "2026-12-15T12:00:00 Z",
        "1765800000000",
        "2026-12-15T12:00:00Zjunk",
        "+2026-12-15T12:00:00Z");
    Flags b = before("\"2100-01-01T00:00:00Z\"");
    Flags a = after("\"1900-01-01T00:00:00Z\"");
    for (String s : notTimes) {
      assertThat(matches(b, at(s))).as("before %s", s).isFalse();
      assertThat(matches(a, at(s))).as("after %s", s).isFalse();
    }
  }

  @Test
  void timeOperators_booleanOrListOfNonTimes_neverMatch() {
    Flags f = after("0");

    assertThat(matches(f, Context.newBuilder("u").set("now", true).build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("now", List.of("x", "y")).build()))
        .isFalse();
    assertThat(
            matches(f, Context.newBuilder("u").set("now", List.of("x", LAUNCH)).build()))
        .isTrue();
  }

  @Test
  void timeOperators_negated_invertIncludingNonTimes() {
    Flags f = conditionFlag("{\"attribute\": \"now\", \"op\": \"before\", \"value\": \"" + LAUNCH
        + "\", \"negate\": true}");

    assertThat(matches(f, at("2026-01-01T00:00:00Z"))).isFalse();
    assertThat(matches(f, at("2027-01-01T00:00:00Z"))).isTrue();
    assertThat(matches(f, at("garbage"))).isTrue();
  }

  @Test
  void timeOperators_exampleDocumentSaleWindow_matchesInsideOnly() throws Exception {
    Flags example = Flags.newBuilder()
        .documentFile(java.nio.file.Path.of("../examples/flags.json"))
        .build();

    assertThat(example
            .evaluate("banner", at(Instant.parse("2026-12-24T00:00:00Z")))
            .variant())
        .isEqualTo("sale");
    assertThat(example
            .evaluate("banner", at(Instant.parse("2026-12-31T11:00:00Z")))
            .variant())
        .isEqualTo("none");
    assertThat(example.evaluate("banner", at("2026-12-01T00:00:00.001Z")).variant())
        .isEqualTo("sale");
  }

  @Test
  void load_ruleValueWithoutOffset_rejectsDocument() {
    String doc = document(conditionFlagMember(
        "{\"attribute\": \"now\", \"op\": \"before\", \"value\": \"2026-12-01T00:00:00\"}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("'2026-12-01T00:00:00' is not an ISO-8601 date-time with offset");
  }

  @Test
  void load_fractionalEpochMillis_rejectsDocument() {
    String doc = document(
        conditionFlagMember("{\"attribute\": \"now\", \"op\": \"after\", \"value\": 1.5}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("must be an ISO-8601 date-time string or epoch milliseconds");
  }
}
