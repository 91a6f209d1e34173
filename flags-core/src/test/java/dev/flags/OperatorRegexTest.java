package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.conditionFlag;
import static dev.flags.TestDocuments.conditionFlagMember;
import static dev.flags.TestDocuments.document;
import static dev.flags.TestDocuments.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code matches}: RE2 syntax and linear-time matching through RE2/J, unanchored. */
final class OperatorRegexTest {

  private static Context ua(String value) {
    return Context.newBuilder("u").set("ua", value).build();
  }

  private static Flags regex(String pattern) {
    return conditionFlag(
        "{\"attribute\": \"ua\", \"op\": \"matches\", \"value\": \"" + pattern + "\"}");
  }

  @Test
  void matches_unanchoredPattern_matchesAnywhere() {
    Flags f = regex("Mobile");

    assertThat(matches(f, ua("Mozilla/5.0 (iPhone) Mobile/15E148"))).isTrue();
    assertThat(matches(f, ua("Mobile"))).isTrue();
    assertThat(matches(f, ua("Desktop"))).isFalse();
  }

  @Test
  void matches_anchoredPattern_mustMatchTheWholeValue() {
    Flags f = regex("^[a-z]+-[0-9]+$");

    assertThat(matches(f, ua("build-42"))).isTrue();
    assertThat(matches(f, ua("xbuild-42!"))).isFalse();
    assertThat(matches(f, ua("build-42x"))).isFalse();
  }

  @Test
  void matches_dollarAnchor_isNotFooledByATrailingNewline() {
    // RE2's $ (without the m flag) means end of text, unlike java.util.regex's.
    Flags f = regex("^admin$");

    assertThat(matches(f, ua("admin"))).isTrue();
    assertThat(matches(f, ua("admin\n"))).isFalse();
    assertThat(matches(f, ua("admin\nuser"))).isFalse();
  }

  @Test
  void matches_severalPatterns_matchWhenAnyMatches() {
    Flags f = conditionFlag(
        "{\"attribute\": \"ua\", \"op\": \"matches\", \"values\": [\"^ios/\", \"^android/\"]}");

    assertThat(matches(f, ua("android/14"))).isTrue();
    assertThat(matches(f, ua("ios/17"))).isTrue();
    assertThat(matches(f, ua("web/1"))).isFalse();
  }

  @Test
  void matches_caseSensitiveByDefault() {
    Flags f = regex("^chrome");

    assertThat(matches(f, ua("chrome/1"))).isTrue();
    assertThat(matches(f, ua("Chrome/1"))).isFalse();
  }

  @Test
  void matches_ignoreCase_matchesAsciiAndNonAsciiCaseVariants() {
    Flags f = conditionFlag("{\"attribute\": \"ua\", \"op\": \"matches\", \"value\": \"^äö+$\","
        + " \"ignoreCase\": true}");
    Flags ascii = conditionFlag("{\"attribute\": \"ua\", \"op\": \"matches\","
        + " \"value\": \"chrome\", \"ignoreCase\": true}");

    assertThat(matches(f, ua("ÄÖÖ"))).isTrue();
    assertThat(matches(f, ua("äÖ"))).isTrue();
    assertThat(matches(f, ua("ao"))).isFalse();
    assertThat(matches(ascii, ua("Mozilla CHROME"))).isTrue();
  }

  @Test
  void matches_pathologicalBacktrackingPattern_completesQuickly() {
    // (a+)+$ against a long run of 'a' followed by 'b' takes exponential time in a backtracking
    // engine; RE2 is linear in the input.
    Flags f = regex("(a+)+$");
    Context evil = ua("a".repeat(100_000) + "b");

    boolean result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> matches(f, evil));

    assertThat(result).isFalse();
  }

  @Test
  void matches_unicodeClasses_areSupported() {
    Flags f = regex("^\\\\p{Greek}+$");

    assertThat(matches(f, ua("Σίσυφος"))).isTrue();
    assertThat(matches(f, ua("Sisyphus"))).isFalse();
  }

  @Test
  void matches_nonStringAttribute_doesNotMatch() {
    Flags f = regex("^4");

    assertThat(matches(f, Context.newBuilder("u").set("ua", 42L).build())).isFalse();
    assertThat(matches(f, Context.newBuilder("u").set("ua", true).build())).isFalse();
  }

  @Test
  void matches_listAttribute_matchesWhenAnyElementMatches() {
    Flags f = regex("^beta-");

    assertThat(
            matches(f, Context.newBuilder("u").set("ua", List.of("x", "beta-2")).build()))
        .isTrue();
    assertThat(matches(
            f, Context.newBuilder("u").set("ua", List.of("x", "alpha-2")).build()))
        .isFalse();
  }

  @Test
  void matches_negate_invertsTheResult() {
    Flags f = conditionFlag(
        "{\"attribute\": \"ua\", \"op\": \"matches\", \"value\": \"bot\", \"negate\": true}");

    assertThat(matches(f, ua("googlebot"))).isFalse();
    assertThat(matches(f, ua("firefox"))).isTrue();
    assertThat(matches(f, Context.of("u"))).isTrue();
  }

  @Test
  void load_invalidRegex_rejectsDocument() {
    String doc = document(conditionFlagMember(
        "{\"attribute\": \"ua\", \"op\": \"matches\", \"value\": \"(unclosed\"}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.f.rules[0].conditions[0].value: invalid regular expression");
  }

  @Test
  void load_backreference_rejectsDocumentBecauseRe2HasNone() {
    String doc = document(conditionFlagMember(
        "{\"attribute\": \"ua\", \"op\": \"matches\", \"value\": \"(a)\\\\1\"}"));

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("invalid regular expression");
  }
}
