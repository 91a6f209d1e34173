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

/** {@code startsWith}, {@code endsWith} and {@code contains}, with and without ignoreCase. */
final class OperatorStringTest {

  private static Context email(String value) {
    return Context.newBuilder("u").set("email", value).build();
  }

  @Test
  void startsWith_prefix_matches() {
    Flags f =
        conditionFlag("{\"attribute\": \"email\", \"op\": \"startsWith\", \"value\": \"ad\"}");

    assertThat(matches(f, email("admin@x"))).isTrue();
    assertThat(matches(f, email("ad"))).isTrue();
    assertThat(matches(f, email("a"))).isFalse();
    assertThat(matches(f, email("bad"))).isFalse();
    assertThat(matches(f, email("Admin@x"))).isFalse();
  }

  @Test
  void endsWith_suffix_matches() {
    Flags f = conditionFlag(
        "{\"attribute\": \"email\", \"op\": \"endsWith\", \"value\": \"@example.com\"}");

    assertThat(matches(f, email("a@example.com"))).isTrue();
    assertThat(matches(f, email("@example.com"))).isTrue();
    assertThat(matches(f, email("a@example.com.evil"))).isFalse();
    assertThat(matches(f, email("example.com"))).isFalse();
    assertThat(matches(f, email("a@EXAMPLE.com"))).isFalse();
  }

  @Test
  void contains_substringAnywhere_matches() {
    Flags f = conditionFlag("{\"attribute\": \"email\", \"op\": \"contains\", \"value\": \"mp\"}");

    assertThat(matches(f, email("mp"))).isTrue();
    assertThat(matches(f, email("mpx"))).isTrue();
    assertThat(matches(f, email("xmp"))).isTrue();
    assertThat(matches(f, email("example"))).isTrue();
    assertThat(matches(f, email("m p"))).isFalse();
    assertThat(matches(f, email("MP"))).isFalse();
  }

  @Test
  void stringOperators_severalValues_matchWhenAnyMatches() {
    Flags starts = conditionFlag(
        "{\"attribute\": \"email\", \"op\": \"startsWith\", \"values\": [\"x\", \"ad\"]}");
    Flags ends = conditionFlag(
        "{\"attribute\": \"email\", \"op\": \"endsWith\", \"values\": [\".nz\", \".au\"]}");
    Flags contains = conditionFlag(
        "{\"attribute\": \"email\", \"op\": \"contains\", \"values\": [\"qq\", \"@\"]}");

    assertThat(matches(starts, email("admin"))).isTrue();
    assertThat(matches(starts, email("xavier"))).isTrue();
    assertThat(matches(starts, email("bob"))).isFalse();
    assertThat(matches(ends, email("a.au"))).isTrue();
    assertThat(matches(ends, email("a.uk"))).isFalse();
    assertThat(matches(contains, email("a@b"))).isTrue();
    assertThat(matches(contains, email("ab"))).isFalse();
  }

  @Test
  void stringOperators_valueLongerThanAttribute_doNotMatch() {
    Flags f = conditionFlag(
        "{\"attribute\": \"email\", \"op\": \"contains\", \"values\": [\"abcdef\", \"zz\"]}");

    assertThat(matches(f, email("abc"))).isFalse();
    assertThat(matches(f, email("zz"))).isTrue();
  }

  @Test
  void stringOperators_ignoreCase_matchAsciiAndNonAsciiCaseVariants() {
    Flags starts = conditionFlag("{\"attribute\": \"email\", \"op\": \"startsWith\","
        + " \"value\": \"ÄÖ\", \"ignoreCase\": true}");
    Flags ends = conditionFlag("{\"attribute\": \"email\", \"op\": \"endsWith\","
        + " \"value\": \"@Example.COM\", \"ignoreCase\": true}");
    Flags contains = conditionFlag("{\"attribute\": \"email\", \"op\": \"contains\","
        + " \"value\": \"äö\", \"ignoreCase\": true}");

    assertThat(matches(starts, email("äöü"))).isTrue();
    assertThat(matches(starts, email("Äöü"))).isTrue();
    assertThat(matches(starts, email("aöü"))).isFalse();
    assertThat(matches(ends, email("x@example.com"))).isTrue();
    assertThat(matches(ends, email("x@EXAMPLE.COM"))).isTrue();
    assertThat(matches(contains, email("xxÄÖxx"))).isTrue();
    assertThat(matches(contains, email("xxÄxÖ"))).isFalse();
  }

  @Test
  void stringOperators_ignoreCase_matchSupplementaryCaseVariants() {
    String upper = new String(Character.toChars(0x10400));
    String lower = new String(Character.toChars(0x10428));
    Flags contains = conditionFlag("{\"attribute\": \"email\", \"op\": \"contains\","
        + " \"value\": \"" + lower + "\", \"ignoreCase\": true}");

    assertThat(matches(contains, email("a" + upper + "b"))).isTrue();
  }

  @Test
  void stringOperators_nonStringAttribute_doNotMatch() {
    Flags f = conditionFlag("{\"attribute\": \"n\", \"op\": \"startsWith\", \"value\": \"4\"}");

    assertThat(matches(f, Context.newBuilder("u").set("n", 42L).build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("n", true).build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("n", "42").build())).isTrue();
  }

  @Test
  void stringOperators_listAttribute_matchWhenAnyElementMatches() {
    Flags f =
        conditionFlag("{\"attribute\": \"emails\", \"op\": \"endsWith\", \"value\": \".org\"}");

    assertThat(matches(
            f,
            Context.newBuilder("u").set("emails", List.of("a@x.com", "a@y.org")).build()))
        .isTrue();
    assertThat(
            matches(f, Context.newBuilder("u").set("emails", List.of("a@x.com")).build()))
        .isFalse();
  }

  @Test
  void stringOperators_negate_invertTheResult() {
    Flags f = conditionFlag("{\"attribute\": \"email\", \"op\": \"endsWith\","
        + " \"value\": \"@example.com\", \"negate\": true}");

    assertThat(matches(f, email("a@example.com"))).isFalse();
    assertThat(matches(f, email("a@other.com"))).isTrue();
  }

  @Test
  void load_numberForStringOperator_rejectsDocument() {
    String doc = document(
        conditionFlagMember("{\"attribute\": \"x\", \"op\": \"startsWith\", \"value\": 4}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("value: must be a string, not the number 4");
  }
}
