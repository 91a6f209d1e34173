package dev.flags.internal.document;

import static dev.flags.internal.document.TestJson.json;
import static dev.flags.internal.document.TestJson.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.Pattern;
import dev.flags.DocumentLimits;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.Operator;
import dev.flags.internal.snapshot.SemVer;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Conditions, read by the operator's value kind. */
final class ConditionReaderTest {
  private static final String PATH = "flags.f.rules[0].conditions[0]";

  private Problems problems = new Problems(DocumentLimits.defaults());
  private ConditionReader reader = new ConditionReader(problems, json("{'beta': {}}"));

  private @Nullable Condition read(String condition) {
    return reader.read(json(condition), PATH, true);
  }

  /** Reads a condition that must be accepted. */
  private Condition valid(String condition) {
    return Objects.requireNonNull(read(condition), () -> "rejected: " + messages(problems));
  }

  @Test
  void read_stringOrNumber_keepsStringsAndReadsNumbersAsDoubles() {
    Condition c = valid("{'attribute': 'plan', 'op': 'in', 'values': ['pro', 2]}");

    assertThat(c.op()).isEqualTo(Operator.IN);
    assertThat(c.attribute()).isEqualTo("plan");
    assertThat(c.values()).containsExactly("pro", 2.0);
    assertThat(read("{'attribute': 'plan', 'op': 'in', 'values': [true]}")).isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".values[0]: must be a string or number, not true");
  }

  @Test
  void read_scalar_takesStringNumberOrBoolean() {
    assertThat(valid("{'attribute': 'beta', 'op': 'equals', 'value': true}").values())
        .containsExactly(true);
    assertThat(valid("{'attribute': 'n', 'op': 'equals', 'value': 3}").values())
        .containsExactly(3.0);
    assertThat(read("{'attribute': 'n', 'op': 'equals', 'value': {}}")).isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".value: must be a string, number or boolean, not an empty object");
  }

  @Test
  void read_string_rejectsNumbers() {
    assertThat(valid("{'attribute': 'email', 'op': 'endsWith', 'values': ['@a.com']}")
            .values())
        .containsExactly("@a.com");
    assertThat(read("{'attribute': 'email', 'op': 'startsWith', 'value': 5}")).isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".value: must be a string, not the number 5");
  }

  @Test
  void read_regex_compilesWithTheCaseFlag() {
    Condition c =
        valid("{'attribute': 'email', 'op': 'matches', 'value': 'A+', 'ignoreCase': true}");

    Pattern p = (Pattern) c.values().get(0);
    assertThat(p.matches("aa")).isTrue();
    assertThat(c.ignoreCase()).isTrue();
  }

  @Test
  void read_invalidRegex_reportsTheSyntaxError() {
    assertThat(read("{'attribute': 'e', 'op': 'matches', 'value': '(unclosed'}"))
        .isNull();
    assertThat(read("{'attribute': 'e', 'op': 'matches', 'value': 1}")).isNull();

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".value: invalid regular expression: error parsing regexp: missing closing ):"
                + " `(unclosed`",
            PATH + ".value: must be a regular expression string, not the number 1");
  }

  @Test
  void read_regexWhoseRepetitionsMultiplyOverTheLimit_isRejectedWithoutCompiling() {
    // Compiling it would take a billion instructions; the check must come first.
    Condition c = assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> read(
            "{'attribute': 'a', 'op': 'matches', 'values': ['^x', '((a{1000}){1000}){1000}']}"));

    assertThat(c).isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".values[1]: regular expression has nested counted repetitions"
            + " that multiply to 1000000000, exceeds the maximum allowed (1000, from"
            + " DocumentLimits.Builder.maxRegexRepetition(int))");
  }

  @Test
  void read_regexOverTheProgramSizeLimit_isRejected() {
    assertThat(read("{'attribute': 'a', 'op': 'matches', 'value': '(?:ab|cd){50}'}"))
        .isNull();

    // (ab|cd): 2 + 2 + 1 alternation, 50 times, and 2 for the program.
    assertThat(messages(problems))
        .containsExactly(PATH + ".value: regular expression would compile to about 252"
            + " instructions, exceeds the maximum allowed (250, from"
            + " DocumentLimits.Builder.maxRegexProgramSize(int))");
  }

  @Test
  void read_regexAtTheProgramSizeLimit_compiles() {
    Condition c = valid("{'attribute': 'a', 'op': 'matches', 'value': '(?:a{6}){41}bc'}");

    Pattern p = (Pattern) c.values().get(0);
    assertThat(p.programSize()).isEqualTo(6 * 41 + 2 + 2);
    assertThat(p.matcher("a".repeat(246) + "bc").find()).isTrue();
  }

  @Test
  void read_regexLimits_comeFromTheDocumentLimits() {
    problems = new Problems(
        DocumentLimits.newBuilder().maxRegexRepetition(5).maxRegexProgramSize(6).build());
    reader = new ConditionReader(problems, null);

    assertThat(read("{'attribute': 'a', 'op': 'matches', 'value': 'a{6}'}")).isNull();
    assertThat(read("{'attribute': 'a', 'op': 'matches', 'value': 'abcde'}")).isNull();
    assertThat(valid("{'attribute': 'a', 'op': 'matches', 'value': 'a{4}'}").values())
        .hasSize(1);

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".value: regular expression has nested counted repetitions that multiply to 6,"
                + " exceeds the maximum allowed (5, from"
                + " DocumentLimits.Builder.maxRegexRepetition(int))",
            PATH + ".value: regular expression would compile to about 7 instructions, exceeds"
                + " the maximum allowed (6, from DocumentLimits.Builder.maxRegexProgramSize(int))");
  }

  @Test
  void read_number_mustBeAFiniteNumber() {
    assertThat(valid("{'attribute': 'age', 'op': 'gte', 'value': 18}").values())
        .containsExactly(18.0);
    assertThat(read("{'attribute': 'age', 'op': 'lt', 'value': '18'}")).isNull();
    assertThat(read("{'attribute': 'age', 'op': 'lt', 'value': 1e400}")).isNull();

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".value: must be a number, not the string \"18\"",
            PATH
                + ".value: the number 1E+400 is out of range (at most about 1.8E308 in magnitude)");
  }

  @Test
  void read_semver_parsesOrExplains() {
    Condition c = valid("{'attribute': 'v', 'op': 'semverGte', 'value': '2.1.0-beta.1'}");

    assertThat(c.values()).singleElement().isInstanceOf(SemVer.class).hasToString("2.1.0-beta.1");
    assertThat(read("{'attribute': 'v', 'op': 'semverLt', 'value': '2.x'}")).isNull();
    assertThat(read("{'attribute': 'v', 'op': 'semverLt', 'value': 2}")).isNull();
    assertThat(messages(problems))
        .containsExactly(
            PATH + ".value: '2.x' is not a semantic version (e.g. 2.1.0 or 2.1.0-beta.1)",
            PATH + ".value: must be a semantic version string, not the number 2");
  }

  @Test
  void read_time_isEpochMillis() {
    assertThat(valid("{'attribute': 't', 'op': 'before', 'value': '1970-01-01T00:00:01Z'}")
            .values())
        .containsExactly(1000L);
    assertThat(valid("{'attribute': 't', 'op': 'after', 'value': 5}").values()).containsExactly(5L);
    assertThat(read("{'attribute': 't', 'op': 'after', 'value': false}")).isNull();
    assertThat(messages(problems))
        .containsExactly(
            PATH + ".value: must be an ISO-8601 date-time string or epoch milliseconds, not false");
  }

  @Test
  void read_none_takesNoValue() {
    Condition c = valid("{'attribute': 'email', 'op': 'exists', 'negate': true}");

    assertThat(c.values()).isEmpty();
    assertThat(c.negate()).isTrue();
    assertThat(read("{'attribute': 'email', 'op': 'exists', 'values': []}")).isNull();
    assertThat(messages(problems)).containsExactly(PATH + ": operator 'exists' takes no value");
  }

  @Test
  void read_segment_needsADeclaredSegmentAndNoAttribute() {
    Condition c = valid("{'op': 'inSegment', 'values': ['beta']}");

    assertThat(c.attribute()).isNull();
    assertThat(c.values()).containsExactly("beta");
    assertThat(read("{'attribute': 'a', 'op': 'notInSegment', 'values': ['alpha', 3]}"))
        .isNull();
    assertThat(messages(problems))
        .containsExactly(
            PATH + ".attribute: not allowed with operator 'notInSegment' (it tests segment"
                + " membership)",
            PATH + ".values[0]: unknown segment 'alpha'",
            PATH + ".values[1]: must be a segment key, not the number 3");
  }

  @Test
  void read_segmentInASegmentRule_isReported() {
    Condition c = reader.read(json("{'op': 'inSegment', 'value': 'beta'}"), PATH, false);

    assertThat(c).isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".op: segment rules cannot reference segments");
  }

  @Test
  void read_segmentOfAnotherLayer_isAcceptedWhenReferencesAreNotResolved() {
    reader = new ConditionReader(problems, null);

    assertThat(valid("{'op': 'inSegment', 'value': 'elsewhere'}").values())
        .containsExactly("elsewhere");
  }

  @Test
  void read_singleValuedOperatorWithSeveralValues_isReported() {
    assertThat(valid("{'attribute': 'age', 'op': 'gt', 'values': [1]}").values())
        .containsExactly(1.0);
    assertThat(read("{'attribute': 'age', 'op': 'gt', 'values': [1, 2]}")).isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".values: operator 'gt' takes exactly one value, not 2");
  }

  @Test
  void read_ignoreCaseOnANonStringOperator_isReported() {
    assertThat(read("{'attribute': 'age', 'op': 'lt', 'value': 3, 'ignoreCase': true}"))
        .isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".ignoreCase: only applies to string operators, not 'lt'");
  }

  @Test
  void read_ignoreCaseOnAStringOperator_isKept() {
    Condition c = valid("{'attribute': 'e', 'op': 'contains', 'value': 'X', 'ignoreCase': true}");

    assertThat(c.ignoreCase()).isTrue();
  }

  @Test
  void read_moreValuesThanTheKeyLimit_isReported() {
    problems = new Problems(DocumentLimits.newBuilder().maxKeysPerList(2).build());
    reader = new ConditionReader(problems, null);

    assertThat(read("{'attribute': 'a', 'op': 'in', 'values': ['x', 'y', 'z']}"))
        .isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ".values: has 3 values, exceeds the maximum allowed (2, from"
            + " DocumentLimits.Builder.maxKeysPerList(int))");
  }

  @Test
  void read_valueShapes_eachReported() {
    read("{'attribute': 'a', 'op': 'in'}");
    read("{'attribute': 'a', 'op': 'in', 'value': 'x', 'values': ['y']}");
    read("{'attribute': 'a', 'op': 'in', 'values': 'x'}");
    read("{'attribute': 'a', 'op': 'in', 'values': []}");

    assertThat(messages(problems))
        .containsExactly(
            PATH + ": operator 'in' needs \"value\" or \"values\"",
            PATH + ": has both \"value\" and \"values\"; use one",
            PATH + ".values: must be a non-empty array, not the string \"x\"",
            PATH + ".values: must be a non-empty array, not an empty array");
  }

  @Test
  void read_operatorMissingWrongOrUnknown_stopsAfterTheOtherFieldChecks() {
    read("{'attribute': 'a', 'negate': 1}");
    read("{'attribute': 'a', 'op': 5}");
    read("{'attribute': 'a', 'op': 'oneOf', 'extra': 1}");

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".op: required field is missing",
            PATH + ".negate: must be true or false, not the number 1",
            PATH + ".op: must be a string, not the number 5",
            PATH + ".extra: unknown field (expected one of attribute, op, value, values, negate,"
                + " ignoreCase)",
            PATH + ".op: unknown operator 'oneOf' (expected one of " + Operator.names() + ")");
  }

  @Test
  void read_attributeMissingOrEmpty_isReported() {
    read("{'op': 'in', 'value': 'x'}");
    read("{'attribute': '', 'op': 'in', 'value': 'x'}");

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".attribute: required field is missing",
            PATH + ".attribute: must be a non-empty string, not the string \"\"");
  }

  @Test
  void read_notAnObject_isReported() {
    assertThat(read("['in']")).isNull();
    assertThat(messages(problems))
        .containsExactly(PATH + ": condition must be an object, not an array");
  }
}
