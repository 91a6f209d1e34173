package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The literal fast path of {@code matches} must agree with RE2/J exactly. */
final class RegexLiteralTest {
  private static final List<String> PATTERNS = List.of(
      "abc",
      "^abc",
      "abc$",
      "^abc$",
      "^a\\.b$",
      "a\\$",
      "^\\^x",
      "x\\\\$",
      "a-b_c",
      "",
      "^",
      "$",
      "^$",
      "ß",
      "@example\\.com$",
      "^user-",
      "K",
      "\\Qa\\E",
      "a.c",
      "a+",
      "\\d",
      "(a|b)",
      "[ab]",
      "a{2}",
      "\\babc",
      "a\\$$",
      "\\\\",
      "^x\\\\\\$");

  @Test
  void literal_agreesWithRe2_onRandomInputs() {
    Random random = new Random(42);
    String alphabet = "abcABC.$^\\-_@xKkßS s\u212A\u017F";
    for (String p : PATTERNS) {
      for (boolean ignoreCase : new boolean[] {false, true}) {
        Conditions.Literal literal = Conditions.Literal.of(p, ignoreCase);
        if (literal == null) {
          continue;
        }
        Pattern re2 = Pattern.compile(p, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        for (int i = 0; i < 20_000; i++) {
          StringBuilder sb = new StringBuilder();
          int len = random.nextInt(8);
          for (int k = 0; k < len; k++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          String s =
              random.nextInt(4) == 0 ? sb + p.replace("^", "").replace("$", "") : sb.toString();
          assertThat(literal.matches(s))
              .as("pattern %s ignoreCase=%s input '%s'", p, ignoreCase, s)
              .isEqualTo(re2.matcher(s).find());
        }
      }
    }
  }

  @Test
  void of_regexFeatures_areNotLiteral() {
    assertThat(Conditions.Literal.of("a.c", false)).isNull();
    assertThat(Conditions.Literal.of("\\d+", false)).isNull();
    assertThat(Conditions.Literal.of("(a|b)", false)).isNull();
    assertThat(Conditions.Literal.of("\\Qa\\E", false)).isNull();
    assertThat(Conditions.Literal.of("ß", true)).isNull();
    assertThat(Conditions.Literal.of("^a\\.b$", false)).isNotNull();
  }
}
