package dev.flags;

import static dev.flags.ExampleDocument.assertRejected;
import static dev.flags.TestDocuments.conditionFlagMember;
import static dev.flags.TestDocuments.document;
import static dev.flags.TestDocuments.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flags.sources.MemorySource;
import dev.flags.spi.LoadResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The regex limits, {@link DocumentLimits#maxRegexRepetition()} and {@link
 * DocumentLimits#maxRegexProgramSize()}: a regex that would exhaust the heap when compiled, or
 * take seconds per match, is rejected at load like any other invalid operand. Loads run under a
 * timeout, so a regression fails here instead of bringing down the test JVM.
 */
final class RegexLimitsTest {
  /** Compiled by RE2/J, this needs a billion instructions: about 14 s, then OutOfMemoryError. */
  private static final String BILLION = "((a{1000}){1000}){1000}";
  /** Accepted before these limits: a million instructions, seconds per 20,000-character value. */
  private static final String MILLION = "(a{1000}){1000}";

  private static final String PATH = "flags.f.rules[0].conditions[0].value";
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(5);

  private static byte[] regexDocument(String regex) {
    return document(conditionFlagMember(
            "{\"attribute\": \"a\", \"op\": \"matches\", \"value\": \"" + regex + "\"}"))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void load_regexWhoseRepetitionsMultiplyToABillion_rejectsNamingMaxRegexRepetition() {
    Flags flags = ExampleDocument.client();

    assertTimeoutPreemptively(
        LOAD_TIMEOUT,
        () -> assertRejected(
            flags,
            regexDocument(BILLION),
            List.of(PATH + ": regular expression has nested counted repetitions that multiply"
                + " to 1000000000, exceeds the maximum allowed (1000, from"
                + " DocumentLimits.Builder.maxRegexRepetition(int))")));
  }

  @Test
  void update_regexRepeatingAMillionTimes_rejectsAndKeepsServing() {
    // The same check as for the billion, without leaving a billion-instruction compilation
    // running in the background of the test JVM if it ever regresses.
    MemorySource source = MemorySource.of("remote", regexDocument("^a"));
    try (Flags flags = Flags.newBuilder().source(source).build()) {
      LoadResult result =
          assertTimeoutPreemptively(LOAD_TIMEOUT, () -> source.update(regexDocument(MILLION)));

      assertThat(result.isAccepted()).isFalse();
      assertThat(result.problems())
          .extracting(Problem::toString)
          .containsExactly(PATH + ": regular expression has nested counted repetitions that"
              + " multiply to 1000000, exceeds the maximum allowed (1000, from"
              + " DocumentLimits.Builder.maxRegexRepetition(int))");
      assertThat(matches(flags, Context.newBuilder("u").set("a", "abc").build()))
          .isTrue();
    }
  }

  @Test
  void load_regexRepeatingAMillionTimes_rejectsNamingMaxRegexRepetition() {
    Flags flags = ExampleDocument.client();

    assertTimeoutPreemptively(
        LOAD_TIMEOUT,
        () -> assertRejected(
            flags,
            regexDocument(MILLION),
            List.of(PATH + ": regular expression has nested counted repetitions that multiply"
                + " to 1000000, exceeds the maximum allowed (1000, from"
                + " DocumentLimits.Builder.maxRegexRepetition(int))")));
  }

  @Test
  void load_regexOverTheDefaultProgramSize_rejectsNamingMaxRegexProgramSize() {
    Flags flags = ExampleDocument.client();

    // 125 optional classes: 2 instructions each, and 2 for the program.
    assertRejected(
        flags,
        regexDocument("[a-z]{0,125}"),
        List.of(PATH + ": regular expression would compile to about 252 instructions, exceeds"
            + " the maximum allowed (250, from DocumentLimits.Builder.maxRegexProgramSize(int))"));
  }

  @Test
  void load_regexAtTheDefaultProgramSize_loadsAndMatches() {
    Flags flags = ExampleDocument.client();

    // ^ and $, 123 optional classes of 2 instructions each, and 2 for the program: 250.
    flags.load(regexDocument("^[a-z]{0,123}$"));

    assertThat(matches(flags, Context.newBuilder("u").set("a", "a".repeat(123)).build()))
        .isTrue();
    assertThat(matches(flags, Context.newBuilder("u").set("a", "a".repeat(124)).build()))
        .isFalse();
  }

  @Test
  void load_raisedLimits_acceptWhatTheDefaultsReject() {
    DocumentLimits limits = DocumentLimits.newBuilder()
        .maxRegexRepetition(2_000)
        .maxRegexProgramSize(4_000)
        .build();
    Flags flags = ExampleDocument.client(limits);

    flags.load(regexDocument("^(?:ab{2}){1000}$"));

    Context match = Context.newBuilder("u").set("a", "abb".repeat(1000)).build();
    assertThat(matches(flags, match)).isTrue();
  }

  @Test
  void load_loweredLimits_rejectWhatTheDefaultsAccept() {
    DocumentLimits limits = DocumentLimits.newBuilder()
        .maxRegexRepetition(9)
        .maxRegexProgramSize(10)
        .build();
    Flags flags = ExampleDocument.client(limits);

    assertRejected(
        flags,
        regexDocument("(?:a{3}){4}"),
        List.of(PATH + ": regular expression has nested counted repetitions that multiply to 12,"
            + " exceeds the maximum allowed (9, from"
            + " DocumentLimits.Builder.maxRegexRepetition(int))"));
    assertRejected(
        flags,
        regexDocument("abcdefghi"),
        List.of(PATH + ": regular expression would compile to about 11 instructions, exceeds"
            + " the maximum allowed (10, from DocumentLimits.Builder.maxRegexProgramSize(int))"));
  }
}
