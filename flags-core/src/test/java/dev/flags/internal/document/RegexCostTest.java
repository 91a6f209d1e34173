package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The regex scanner: repetition products and program sizes, checked against what RE2/J compiles
 * ({@link Pattern#programSize()}), which they must never fall below.
 */
final class RegexCostTest {

  private static long size(String regex) {
    return RegexCost.of(regex).programSize();
  }

  private static long repetition(String regex) {
    return RegexCost.of(regex).repetition();
  }

  /** Each row is exactly what RE2/J 1.8 compiles the regex to. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "'' 3",
        "a 3",
        "abc 5",
        "[a-z]\\d. 5",
        "^a$ 5",
        "é 3",
        "a+ 4",
        "a? 4",
        "a+? 4",
        "a{3} 5",
        "a{3,} 6",
        "a{0,3} 8",
        "a{2,5} 10",
        "a{2}? 4",
        "a{0} 3",
        "(ab){3} 14",
        "(a) 5",
        "(?:a) 3",
        "(?P<name>a)b 6",
        "(?<name>a) 5",
        "(?i)abc 5",
        "(?i:a)b 4",
        "a| 5",
        "a||b 7",
        "() 5",
        "\\Q*\\E+ 4",
        "\\p{Greek}{3} 5",
        "\\x{41}{3} 5",
        "\\x41\\pL\\PN 5",
        "[]a] 3",
        "[^]a]{2} 4",
        "[[:alpha:]]{2} 4",
        "a{,3} 7",
        "a{01} 7",
        "a{1,2 7",
        "a{1,1000} 2001",
        "(?:a{100}){10} 1002",
      })
  void of_regex_estimatesWhatRe2jCompiles(String regex, long instructions) {
    assertThat(size(regex)).isEqualTo(instructions);
    assertThat(Pattern.compile(regex).programSize()).isEqualTo(instructions);
  }

  @Test
  void of_star_countsOneMoreThanANonEmptyOperandNeeds() {
    // RE2/J compiles x* as (x+)? when x can match empty; the estimate always allows for that.
    assertThat(size("a*")).isEqualTo(5);
    assertThat(Pattern.compile("a*").programSize()).isEqualTo(4);
    assertThat(size("(?:a?)*")).isEqualTo(6);
    assertThat(Pattern.compile("(?:a?)*").programSize()).isEqualTo(6);
  }

  @Test
  void of_alternation_countsEveryBranchThoughRe2jMayMergeThem() {
    assertThat(size("ab|cd|ef")).isEqualTo(10);
    assertThat(size("a|b|c")).isEqualTo(7);
    assertThat(Pattern.compile("a|b|c").programSize()).isEqualTo(3);
  }

  @Test
  void of_nestedCountedRepetitions_multiply() {
    assertThat(repetition("abc")).isEqualTo(1);
    assertThat(repetition("a*b+c?")).isEqualTo(1);
    assertThat(repetition("a{5}")).isEqualTo(5);
    assertThat(repetition("a{2,7}")).isEqualTo(7);
    assertThat(repetition("a{3,}")).isEqualTo(3);
    assertThat(repetition("a{0,}")).isEqualTo(1);
    assertThat(repetition("(a{2}b{3}){4}")).isEqualTo(12);
    assertThat(repetition("(?:a{10}|b{20}){3}c{50}")).isEqualTo(60);
    assertThat(repetition("(?:(?:a{2}){3}x){5}|b{7}")).isEqualTo(30);
    assertThat(repetition("((a{1000}){1000}){1000}")).isEqualTo(1_000_000_000L);
  }

  @Test
  void of_billionInstructionRegex_isEstimatedWithoutCompiling() {
    RegexCost.Cost cost = RegexCost.of("((a{1000}){1000}){1000}");

    // ((a{1000}): 1,000 and 2 for the group, 1,000 times; 2 for the outer group, 1,000 times.
    assertThat(cost.programSize()).isEqualTo(1_002_002_002L);
    assertThat(cost.repetition()).isEqualTo(1_000_000_000L);
  }

  @Test
  void of_countsBeyondRe2sSyntax_saturateInsteadOfOverflowing() {
    assertThat(repetition("a{99999999999}")).isEqualTo(100_000_000L);
    assertThat(repetition("(?:(?:(?:(?:a{1000}){1000}){1000}){1000}){1000}")).isEqualTo(1L << 40);
    assertThat(size("(?:(?:(?:(?:a{1000}){1000}){1000}){1000}){1000}")).isEqualTo(1L << 40);
  }

  @Test
  void of_invalidRegex_isEstimatedWithoutFailing() {
    for (String regex : new String[] {
      ")a(", "(", "\\", "[", "[a", "a**", "*a", "{2}", "(?", "(?P<x", "(?=a)", "\\p{L", "\\Qab",
      "[[:x", "a{2,1}", "(?i"
    }) {
      assertThat(size(regex)).as(regex).isPositive();
    }
  }

  @Test
  void of_deepNesting_needsNoStack() {
    int depth = 500_000;

    RegexCost.Cost cost = RegexCost.of("(".repeat(depth) + "a" + ")".repeat(depth));

    assertThat(cost.programSize()).isEqualTo(2L * depth + 3);
    assertThat(size("(?:".repeat(depth) + "a" + ")".repeat(depth))).isEqualTo(3);
  }

  @Test
  void of_adversarialText_isScannedInLinearTime() {
    // Each would rescan the rest of a megabyte at every step if searches were not amortized.
    for (String unit : new String[] {"(?P<", "[[:", "\\p{", "\\x{", "a{1,", "[a\\", "(?<"}) {
      String regex = unit.repeat(1024 * 1024 / unit.length());

      long size = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> size(regex));

      assertThat(size).as(unit).isPositive();
    }
  }

  @Test
  void of_randomRegexes_neverEstimateBelowWhatRe2jCompiles() {
    Random random = new Random(20_261_122);
    int compiled = 0;
    long estimated = 0;
    long actuals = 0;
    for (int i = 0; i < 20_000; i++) {
      String regex = RandomRegex.of(random);
      int actual;
      try {
        actual = Pattern.compile(regex).programSize();
      } catch (PatternSyntaxException e) {
        continue; // RE2/J refuses a few generated ones (e.g. a{2}{3}): nothing to estimate
      }
      compiled++;
      long estimate = size(regex);
      assertThat(estimate).as(regex).isGreaterThanOrEqualTo(actual);
      if (regex.indexOf('|') < 0) {
        estimated += estimate;
        actuals += actual;
      }
    }
    assertThat(compiled).isGreaterThan(15_000);
    // Without alternatives to merge, little is counted high: stars, and what RE2/J simplifies away.
    assertThat((double) estimated / actuals).isLessThan(1.25);
  }

  /** Random regexes over the syntax the scanner reads, nested a few levels. */
  private static final class RandomRegex {
    private static final String[] ATOMS = {
      "a",
      "é",
      "[a-c]",
      "[^]x]",
      "[[:digit:]]",
      "\\d",
      "\\pL",
      "\\p{Greek}",
      "\\x{41}",
      ".",
      "^",
      "$",
      "\\b",
      "\\Qa*\\E"
    };

    private final Random random;

    private RandomRegex(Random random) {
      this.random = random;
    }

    static String of(Random random) {
      return new RandomRegex(random).sequence(0);
    }

    private String sequence(int depth) {
      StringBuilder sb = new StringBuilder();
      if (random.nextInt(8) == 0) {
        sb.append("(?i)");
      }
      int pieces = random.nextInt(depth > 2 ? 2 : 4);
      for (int i = 0; i < pieces; i++) {
        if (i > 0 && random.nextInt(5) == 0) {
          sb.append('|');
        }
        sb.append(quantified(atom(depth)));
      }
      return sb.toString();
    }

    private String atom(int depth) {
      int kind = random.nextInt(depth > 2 ? 4 : 9);
      return switch (kind) {
        case 0, 1, 2, 3 -> ATOMS[random.nextInt(ATOMS.length)];
        case 4 -> "(" + sequence(depth + 1) + ")";
        case 5 -> "(?:" + sequence(depth + 1) + ")";
        case 6 -> "(?i:" + sequence(depth + 1) + ")";
        case 7 -> "(?P<g" + random.nextInt(1_000_000) + ">" + sequence(depth + 1) + ")";
        default -> "(?:" + sequence(depth + 1) + "|" + sequence(depth + 1) + ")";
      };
    }

    private String quantified(String atom) {
      int min = random.nextInt(4);
      String lazy = random.nextBoolean() ? "?" : "";
      return switch (random.nextInt(9)) {
        case 0 -> atom + "*" + lazy;
        case 1 -> atom + "+" + lazy;
        case 2 -> atom + "?" + lazy;
        case 3 -> atom + "{" + min + "}" + lazy;
        case 4 -> atom + "{" + min + "," + (min + random.nextInt(4)) + "}" + lazy;
        case 5 -> atom + "{" + min + ",}" + lazy;
        default -> atom;
      };
    }
  }
}
