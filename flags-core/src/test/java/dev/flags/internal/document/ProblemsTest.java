package dev.flags.internal.document;

import static dev.flags.internal.document.TestJson.json;
import static dev.flags.internal.document.TestJson.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared shape checks, limit messages and weight check, each with its exact message. */
final class ProblemsTest {
  private final Problems problems = new Problems(DocumentLimits.defaults());

  private static Problems withLimits(DocumentLimits.Builder limits) {
    return new Problems(limits.build());
  }

  @Test
  void add_severalProblems_keepsTheOrderFound() {
    problems.add(Path.of("b"), "second");
    problems.add(Path.of("a"), "first");

    assertThat(messages(problems)).containsExactly("b: second", "a: first");
    assertThat(problems.isEmpty()).isFalse();
  }

  @Test
  void addedSince_markBeforeAndAfterAProblem_tellsWhetherOneWasAdded() {
    int mark = problems.count();
    assertThat(problems.addedSince(mark)).isFalse();

    problems.add(Path.ROOT, "x");

    assertThat(problems.addedSince(mark)).isTrue();
    assertThat(problems.addedSince(problems.count())).isFalse();
  }

  @Test
  void required_missingField_reportsItAtTheFieldsPath() {
    JsonNode result = problems.required(json("{}"), Path.of("flags.a"), "variants");

    assertThat(result).isNull();
    assertThat(messages(problems)).containsExactly("flags.a.variants: required field is missing");
  }

  @Test
  void required_missingFieldWithHint_saysWhatItIsFor() {
    problems.required(
        json("{}"), Path.of("flags.a"), "offVariant", "the variant served when disabled");

    assertThat(messages(problems))
        .containsExactly(
            "flags.a.offVariant: required field is missing (the variant served when disabled)");
  }

  @Test
  void required_topLevelField_pathIsTheFieldAlone() {
    problems.required(json("{}"), Path.ROOT, "flags");

    assertThat(messages(problems)).containsExactly("flags: required field is missing");
  }

  @Test
  void required_presentField_returnsItWithoutProblem() {
    JsonNode result = problems.required(json("{'a': null}"), Path.ROOT, "a");

    assertThat(result).isEqualTo(json("null"));
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void object_array_reportsTheExpectationAndTheValue() {
    boolean ok = problems.object(json("[1]"), Path.of("flags.a"), "flag must be an object");

    assertThat(ok).isFalse();
    assertThat(messages(problems)).containsExactly("flags.a: flag must be an object, not an array");
  }

  @Test
  void object_object_passes() {
    assertThat(problems.object(json("{}"), Path.ROOT, "x")).isTrue();
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void array_object_reportsTheValue() {
    boolean ok = problems.array(json("{}"), Path.of("flags.a.rules"), "must be an array");

    assertThat(ok).isFalse();
    assertThat(messages(problems))
        .containsExactly("flags.a.rules: must be an array, not an empty object");
  }

  @Test
  void nonEmptyArray_emptyArray_reportsIt() {
    boolean ok = problems.nonEmptyArray(json("[]"), Path.of("v"), "must be a non-empty array");

    assertThat(ok).isFalse();
    assertThat(messages(problems))
        .containsExactly("v: must be a non-empty array, not an empty array");
    assertThat(problems.nonEmptyArray(json("[1]"), Path.of("v"), "x")).isTrue();
  }

  @Test
  void mismatch_string_quotesIt() {
    problems.mismatch(json("'18'"), Path.of("value"), "must be a number");

    assertThat(messages(problems))
        .containsExactly("value: must be a number, not the string \"18\"");
  }

  @Test
  void unknownFields_twoUnknown_reportsEachInDocumentOrder() {
    problems.unknownFields(json("{'z': 1, 'a': 2, 'b': 3}"), Path.of("flags.f"), List.of("a", "c"));

    assertThat(messages(problems))
        .containsExactly(
            "flags.f.z: unknown field (expected one of a, c)",
            "flags.f.b: unknown field (expected one of a, c)");
  }

  @Test
  void unknownFields_atTheRoot_pathIsTheFieldAlone() {
    problems.unknownFields(json("{'x': 1}"), Path.ROOT, List.of("schema"));

    assertThat(messages(problems)).containsExactly("x: unknown field (expected one of schema)");
  }

  @Test
  void isName_variousNames_followTheNameGrammar() {
    assertThat(Problems.isName("a")).isTrue();
    assertThat(Problems.isName("0a.b_c:d-e")).isTrue();
    assertThat(Problems.isName("a".repeat(256))).isTrue();
    assertThat(Problems.isName("")).isFalse();
    assertThat(Problems.isName("-a")).isFalse();
    assertThat(Problems.isName("a b")).isFalse();
    assertThat(Problems.isName("é")).isFalse();
    assertThat(Problems.isName("a".repeat(257))).isFalse();
  }

  @Test
  void name_invalid_reportsTheNameAndTheRule() {
    boolean ok = problems.name("new checkout", "flag key", Path.of("flags"), "new checkout");

    assertThat(ok).isFalse();
    assertThat(messages(problems))
        .containsExactly(
            "flags[\"new checkout\"]: invalid flag key 'new checkout': use letters, digits, '.',"
                + " '_', ':' and '-', starting with a letter or digit, at most 256 characters");
  }

  @Test
  void name_tooLong_isAbbreviatedInTheMessage() {
    String name = "a".repeat(257);

    problems.name(name, "rule id", Path.of("flags.f.rules[0]"), "id");

    assertThat(messages(problems))
        .containsExactly("flags.f.rules[0].id: invalid rule id '"
            + "a".repeat(57)
            + "...': use letters, digits, '.', '_', ':' and '-', starting with a letter or digit,"
            + " at most 256 characters");
  }

  @Test
  void optionalString_absentPresentAndWrong_returnsTextOrEmpty() {
    JsonNode owner = json("{'description': 'text', 'owner': 5}");

    assertThat(problems.optionalString(owner, Path.of("flags.f"), "description"))
        .isEqualTo("text");
    assertThat(problems.optionalString(owner, Path.of("flags.f"), "tags")).isEmpty();
    assertThat(problems.optionalString(owner, Path.of("flags.f"), "owner")).isEmpty();
    assertThat(messages(problems))
        .containsExactly("flags.f.owner: must be a string, not the number 5");
  }

  @Test
  void bool_absentPresentAndWrong_returnsValueOrDefault() {
    JsonNode owner = json("{'negate': true, 'enabled': 'yes'}");

    assertThat(problems.bool(owner, Path.of("c"), "negate", false)).isTrue();
    assertThat(problems.bool(owner, Path.of("c"), "ignoreCase", false)).isFalse();
    assertThat(problems.bool(owner, Path.of("c"), "enabled", true)).isTrue();
    assertThat(messages(problems))
        .containsExactly("c.enabled: must be true or false, not the string \"yes\"");
  }

  @Test
  void nonEmptyString_emptyOrNotAString_isReported() {
    assertThat(problems.nonEmptyString(json("'x'"), Path.of("salt"))).isEqualTo("x");
    assertThat(problems.nonEmptyString(json("''"), Path.of("salt"))).isNull();
    assertThat(problems.nonEmptyString(json("null"), Path.of("salt"))).isNull();

    assertThat(messages(problems))
        .containsExactly(
            "salt: must be a non-empty string, not the string \"\"",
            "salt: must be a non-empty string, not null");
  }

  @Test
  void requiredString_missingThenEmpty_reportsEach() {
    JsonNode item = json("{'variant': ''}");

    assertThat(problems.requiredString(item, Path.of("p[0]"), "flag")).isNull();
    assertThat(problems.requiredString(item, Path.of("p[0]"), "variant")).isNull();

    assertThat(messages(problems))
        .containsExactly(
            "p[0].flag: required field is missing",
            "p[0].variant: must be a non-empty string, not the string \"\"");
  }

  @Test
  void stringList_absent_isEmptyWithoutProblem() {
    assertThat(problems.stringList(json("{}"), Path.of("flags.f"), "tags", false))
        .isEmpty();
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void stringList_notAnArray_isReported() {
    List<String> list =
        problems.stringList(json("{'tags': 'a'}"), Path.of("flags.f"), "tags", false);

    assertThat(list).isEmpty();
    assertThat(messages(problems))
        .containsExactly("flags.f.tags: must be an array of strings, not the string \"a\"");
  }

  @Test
  void stringList_someNotStrings_keepsTheStringsAndReportsTheOthers() {
    List<String> list = problems.stringList(
        json("{'included': ['a', 7, 'b']}"), Path.of("segments.s"), "included", true);

    assertThat(list).containsExactly("a", "b");
    assertThat(messages(problems))
        .containsExactly("segments.s.included[1]: must be a string, not the number 7");
  }

  @Test
  void stringList_keysOverTheLimit_reportsTheLimit() {
    Problems limited = withLimits(DocumentLimits.newBuilder().maxKeysPerList(2));

    List<String> list =
        limited.stringList(json("{'keys': ['a', 'b', 'c']}"), Path.of("t[0]"), "keys", true);

    assertThat(list).isEmpty();
    assertThat(messages(limited))
        .containsExactly("t[0].keys: has 3 keys, exceeds the maximum allowed (2, from"
            + " DocumentLimits.Builder.maxKeysPerList(int))");
  }

  @Test
  void stringList_notKeys_isNotBoundedByTheKeyLimit() {
    Problems limited = withLimits(DocumentLimits.newBuilder().maxKeysPerList(2));

    List<String> list =
        limited.stringList(json("{'tags': ['a', 'b', 'c']}"), Path.of("f"), "tags", false);

    assertThat(list).containsExactly("a", "b", "c");
    assertThat(limited.isEmpty()).isTrue();
  }

  @Test
  void exceeds_atAndOverTheLimit_onlyOverCounts() {
    Problems limited = withLimits(DocumentLimits.newBuilder().maxFlags(3));

    assertThat(limited.max(Limit.FLAGS)).isEqualTo(3);
    assertThat(limited.exceeds(3, Limit.FLAGS)).isFalse();
    assertThat(limited.exceeds(4, Limit.FLAGS)).isTrue();
  }

  @Test
  void overLimit_eachLimit_namesItsValueAndBuilderMethod() {
    DocumentLimits limits = DocumentLimits.newBuilder()
        .maxDocumentBytes(1)
        .maxFlags(2)
        .maxSegments(3)
        .maxRulesPerFlag(4)
        .maxKeysPerList(5)
        .maxPrerequisiteDepth(6)
        .maxNestingDepth(17)
        .maxStringLength(8)
        .maxKeyLength(9)
        .maxNumberLength(10)
        .maxRegexRepetition(11)
        .maxRegexProgramSize(12)
        .build();
    Problems p = new Problems(limits);

    for (Limit limit : Limit.values()) {
      p.overLimit(Path.ROOT, "subject", limit);
    }

    assertThat(messages(p))
        .containsExactly(
            "$: subject, exceeds the maximum allowed (1, from"
                + " DocumentLimits.Builder.maxDocumentBytes(int))",
            "$: subject, exceeds the maximum allowed (2, from DocumentLimits.Builder.maxFlags(int))",
            "$: subject, exceeds the maximum allowed (3, from"
                + " DocumentLimits.Builder.maxSegments(int))",
            "$: subject, exceeds the maximum allowed (4, from"
                + " DocumentLimits.Builder.maxRulesPerFlag(int))",
            "$: subject, exceeds the maximum allowed (5, from"
                + " DocumentLimits.Builder.maxKeysPerList(int))",
            "$: subject, exceeds the maximum allowed (6, from"
                + " DocumentLimits.Builder.maxPrerequisiteDepth(int))",
            "$: subject, exceeds the maximum allowed (17, from"
                + " DocumentLimits.Builder.maxNestingDepth(int))",
            "$: subject, exceeds the maximum allowed (8, from"
                + " DocumentLimits.Builder.maxStringLength(int))",
            "$: subject, exceeds the maximum allowed (9, from"
                + " DocumentLimits.Builder.maxKeyLength(int))",
            "$: subject, exceeds the maximum allowed (10, from"
                + " DocumentLimits.Builder.maxNumberLength(int))",
            "$: subject, exceeds the maximum allowed (11, from"
                + " DocumentLimits.Builder.maxRegexRepetition(int))",
            "$: subject, exceeds the maximum allowed (12, from"
                + " DocumentLimits.Builder.maxRegexProgramSize(int))");
  }

  @Test
  void overLimit_withNote_putsTheNoteInsideTheParentheses() {
    problems.overLimit(
        Path.of("segments.s.rules"), "segment has 1001 rules", Limit.RULES_PER_FLAG, ", note");

    assertThat(messages(problems))
        .containsExactly("segments.s.rules: segment has 1001 rules, exceeds the maximum allowed"
            + " (1000, from DocumentLimits.Builder.maxRulesPerFlag(int), note)");
  }

  @Test
  void weight_bounds_areAccepted() {
    assertThat(problems.weight(json("0"), Path.of("w"), null)).isZero();
    assertThat(problems.weight(json("100000"), Path.of("w"), null)).isEqualTo(100_000);
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void weight_outOfRangeOrNotAnInteger_isReportedWithoutUnit() {
    for (String w : List.of("-1", "100001", "1.0", "'5'", "null")) {
      assertThat(problems.weight(json(w), Path.of("w"), null)).as(w).isEqualTo(-1);
    }

    assertThat(messages(problems))
        .containsExactly(
            "w: must be an integer from 0 to 100000, not the number -1",
            "w: must be an integer from 0 to 100000, not the number 100001",
            "w: must be an integer from 0 to 100000, not the number 1.0",
            "w: must be an integer from 0 to 100000, not the string \"5\"",
            "w: must be an integer from 0 to 100000, not null");
  }

  @Test
  void weight_beyondLong_isRejectedNotWrappedAround() {
    // 2^64 + 5: its low 64 bits are 5.
    int w = problems.weight(json("18446744073709551621"), Path.of("w"), null);

    assertThat(w).isEqualTo(-1);
    assertThat(messages(problems))
        .containsExactly(
            "w: must be an integer from 0 to 100000, not the number 18446744073709551621");
  }

  @Test
  void weight_withUnit_quotesTheUnit() {
    problems.weight(json("100001"), Path.of("w"), Problems.WEIGHT_UNIT);

    assertThat(messages(problems))
        .containsExactly("w: must be an integer from 0 to 100000 (thousandths of a percent, 100000"
            + " = 100%), not the number 100001");
  }

  @Test
  void finite_numberBeyondDouble_isReported() {
    assertThat(problems.finite(json("1.5"), Path.of("v"))).isTrue();
    assertThat(problems.finite(json("1e400"), Path.of("v"))).isFalse();

    assertThat(messages(problems))
        .containsExactly(
            "v: the number 1E+400 is out of range (at most about 1.8E308 in magnitude)");
  }

  @Test
  void time_epochMillisAndIsoString_areRead() {
    assertThat(problems.time(json("1234"), Path.of("at"))).isEqualTo(1234L);
    assertThat(problems.time(json("'1970-01-01T00:00:01+01:00'"), Path.of("at")))
        .isEqualTo(-3_599_000L);
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void time_invalid_isReported() {
    assertThat(problems.time(json("'2026-12-01T00:00:00'"), Path.of("at"))).isNull();
    assertThat(problems.time(json("true"), Path.of("at"))).isNull();
    assertThat(problems.time(json("1.5"), Path.of("at"))).isNull();

    assertThat(messages(problems))
        .containsExactly(
            "at: '2026-12-01T00:00:00' is not an ISO-8601 date-time with offset (e.g."
                + " 2026-11-22T09:00:00Z or 2026-11-22T10:00:00+01:00)",
            "at: must be an ISO-8601 date-time string or epoch milliseconds, not true",
            "at: must be an ISO-8601 date-time string or epoch milliseconds, not the number 1.5");
  }
}
