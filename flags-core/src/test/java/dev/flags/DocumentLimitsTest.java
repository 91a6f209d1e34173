package dev.flags;

import static dev.flags.ExampleDocument.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DocumentLimits}: the builder's checks and defaults, and each limit's rejection, whose
 * message names the setting to change. The documents here are generated: most are too big to
 * commit.
 */
final class DocumentLimitsTest {
  private static final String FLAG =
      "{\"variants\": {\"on\": true, \"off\": false}, \"offVariant\": \"off\","
          + " \"fallthrough\": {\"variant\": \"on\"}}";

  // ---- builder ----

  @Test
  void defaults_areThePublishedConstants() {
    DocumentLimits limits = DocumentLimits.defaults();

    assertThat(limits.maxDocumentBytes())
        .isEqualTo(64 * 1024 * 1024)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_DOCUMENT_BYTES);
    assertThat(limits.maxNestingDepth())
        .isEqualTo(64)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_NESTING_DEPTH);
    assertThat(limits.maxStringLength())
        .isEqualTo(1024 * 1024)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_STRING_LENGTH);
    assertThat(limits.maxFlags()).isEqualTo(50_000).isEqualTo(DocumentLimits.DEFAULT_MAX_FLAGS);
    assertThat(limits.maxSegments())
        .isEqualTo(10_000)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_SEGMENTS);
    assertThat(limits.maxRulesPerFlag())
        .isEqualTo(1_000)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_RULES_PER_FLAG);
    assertThat(limits.maxKeysPerList())
        .isEqualTo(1_000_000)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_KEYS_PER_LIST);
  }

  @Test
  void defaults_readingAndRegexLimits_areThePublishedConstants() {
    DocumentLimits limits = DocumentLimits.defaults();

    assertThat(limits.maxKeyLength())
        .isEqualTo(50_000)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_KEY_LENGTH);
    assertThat(limits.maxNumberLength())
        .isEqualTo(1_000)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_NUMBER_LENGTH);
    assertThat(limits.maxPrerequisiteDepth())
        .isEqualTo(100)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_PREREQUISITE_DEPTH);
    assertThat(limits.maxRegexRepetition())
        .isEqualTo(1_000)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_REGEX_REPETITION);
    assertThat(limits.maxRegexProgramSize())
        .isEqualTo(250)
        .isEqualTo(DocumentLimits.DEFAULT_MAX_REGEX_PROGRAM_SIZE);
  }

  @Test
  void builder_noSetter_buildsTheDefaults() {
    assertThat(DocumentLimits.newBuilder().build())
        .hasToString(DocumentLimits.defaults().toString());
  }

  @Test
  void builder_everySetter_setsItsLimit() {
    DocumentLimits limits = DocumentLimits.newBuilder()
        .maxDocumentBytes(1)
        .maxNestingDepth(8)
        .maxStringLength(3)
        .maxFlags(4)
        .maxSegments(5)
        .maxRulesPerFlag(6)
        .maxKeysPerList(7)
        .maxPrerequisiteDepth(9)
        .maxKeyLength(10)
        .maxNumberLength(11)
        .maxRegexRepetition(12)
        .maxRegexProgramSize(13)
        .build();

    assertThat(limits.maxDocumentBytes()).isEqualTo(1);
    assertThat(limits.maxNestingDepth()).isEqualTo(8);
    assertThat(limits.maxStringLength()).isEqualTo(3);
    assertThat(limits.maxFlags()).isEqualTo(4);
    assertThat(limits.maxSegments()).isEqualTo(5);
    assertThat(limits.maxRulesPerFlag()).isEqualTo(6);
    assertThat(limits.maxKeysPerList()).isEqualTo(7);
    assertThat(limits.maxPrerequisiteDepth()).isEqualTo(9);
    assertThat(limits.maxKeyLength()).isEqualTo(10);
    assertThat(limits.maxNumberLength()).isEqualTo(11);
    assertThat(limits.maxRegexRepetition()).isEqualTo(12);
    assertThat(limits.maxRegexProgramSize()).isEqualTo(13);
    assertThat(limits)
        .hasToString("DocumentLimits{maxDocumentBytes=1, maxNestingDepth=8,"
            + " maxStringLength=3, maxKeyLength=10, maxNumberLength=11, maxFlags=4, maxSegments=5,"
            + " maxRulesPerFlag=6, maxKeysPerList=7, maxPrerequisiteDepth=9,"
            + " maxRegexRepetition=12, maxRegexProgramSize=13}");
  }

  static Stream<Arguments> positiveSetters() {
    return Stream.of(
            "maxDocumentBytes",
            "maxStringLength",
            "maxFlags",
            "maxSegments",
            "maxRulesPerFlag",
            "maxKeysPerList",
            "maxPrerequisiteDepth",
            "maxKeyLength",
            "maxNumberLength",
            "maxRegexRepetition",
            "maxRegexProgramSize")
        .flatMap(setter ->
            Stream.of(0, -1, Integer.MIN_VALUE).map(value -> Arguments.of(setter, value)));
  }

  @ParameterizedTest(name = "{0}({1})")
  @MethodSource("positiveSetters")
  void setter_notPositive_throwsNamingTheSettingAndValue(String setter, int value) {
    DocumentLimits.Builder builder = DocumentLimits.newBuilder();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> set(builder, setter, value))
        .withMessage(setter + " must be at least 1 but was " + value);
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 1, 0, -1, Integer.MIN_VALUE})
  void maxNestingDepth_below8_throws(int depth) {
    DocumentLimits.Builder builder = DocumentLimits.newBuilder();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.maxNestingDepth(depth))
        .withMessage("maxNestingDepth must be at least 8 (the document format itself nests 8"
            + " deep) but was " + depth);
  }

  @ParameterizedTest
  @ValueSource(ints = {1001, 100_000, Integer.MAX_VALUE})
  void maxNestingDepth_above1000_throws(int depth) {
    DocumentLimits.Builder builder = DocumentLimits.newBuilder();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.maxNestingDepth(depth))
        .withMessage("maxNestingDepth must be at most 1000 (the deepest JSON value a variant can"
            + " serve) but was " + depth);
  }

  @Test
  void maxNestingDepth_1000_servesAVariantNestedToTheLimit() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxNestingDepth(1000).build());
    // document > flags > json > variants: 4 levels, leaving 996 for the value.
    String value = "[".repeat(996) + "]".repeat(996);

    flags.load("{\"schema\": 1, \"version\": \"deep\", \"flags\": {\"json\": {\"variants\":"
        + " {\"a\": " + value + "}, \"offVariant\": \"a\","
        + " \"fallthrough\": {\"variant\": \"a\"}}}}");

    assertThat(flags.getJson("json", Context.EMPTY, "-")).isEqualTo(value);
  }

  @Test
  void maxNestingDepth_8_readsTheDeepestShapeOfTheFormat() {
    DocumentLimits limits = DocumentLimits.newBuilder().maxNestingDepth(8).build();

    // document > flags > flag > rules > rule > conditions > condition > values: 8 deep
    Flags flags = ExampleDocument.client(limits);

    assertThat(flags.version()).isEqualTo(ExampleDocument.VERSION);
  }

  @Test
  void maxNestingDepth_8_rejectsOneLevelMore() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxNestingDepth(8).build());
    String doc = "{\"schema\": 1, \"version\": \"deep\", \"flags\": {\"json\": {\"variants\":"
        + " {\"a\": [[[[[1]]]]]}, \"offVariant\": \"a\", \"fallthrough\": {\"variant\": \"a\"}}}}";

    // document > flags > json > variants > a > 3 arrays is 8 deep; the array inside is the 9th.
    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.json.variants.a[0][0][0][0]: nesting is"
            + " deeper than the maximum allowed (8, from"
            + " DocumentLimits.Builder.maxNestingDepth(int))"));
  }

  @Test
  void limits_aClientsLimits_applyToEveryLoad() {
    DocumentLimits limits = DocumentLimits.newBuilder().maxFlags(6).build();
    Flags flags = ExampleDocument.client(limits);

    assertRejected(
        flags,
        flagsDocument(7),
        List.of("flags: document has 7 flags, exceeds the"
            + " maximum allowed (6, from DocumentLimits.Builder.maxFlags(int))"));
  }

  @Test
  void reference_limitsTable_listsEverySetting() throws Exception {
    String reference = Files.readString(Path.of("../docs/document-format.md"));
    String section =
        reference.substring(reference.indexOf("## 16. Limits"), reference.indexOf("## 17. "));
    List<String> setters = Arrays.stream(DocumentLimits.Builder.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .filter(m -> Arrays.equals(m.getParameterTypes(), new Class<?>[] {int.class}))
        .map(m -> m.getName())
        .sorted()
        .toList();

    assertThat(setters).hasSize(12);
    for (String setter : setters) {
      assertThat(section).as(setter).contains("| `" + setter + "(int)` |");
    }
  }

  // ---- maxDocumentBytes ----

  @Test
  void load_oneByteOverCustomMaxDocumentBytes_rejectsNamingTheSetting() throws Exception {
    int example = Files.readAllBytes(ExampleDocument.PATH).length;
    int max = example + 100;
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxDocumentBytes(max).build());
    byte[] doc = padded(flagsDocument(1), max + 1);

    assertRejected(
        flags,
        doc,
        List.of("$: document is " + (max + 1) + " bytes, exceeds the" + " maximum allowed (" + max
            + ", from DocumentLimits.Builder.maxDocumentBytes(int))"));
  }

  @Test
  void load_exactlyCustomMaxDocumentBytes_loads() throws Exception {
    int max = Files.readAllBytes(ExampleDocument.PATH).length + 100;
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxDocumentBytes(max).build());

    flags.load(padded(flagsDocument(1), max));

    assertThat(flags.flagKeys()).containsExactly("f0");
  }

  // ---- maxStringLength ----

  @Test
  void load_10MbString_rejectsNamingMaxStringLength() {
    Flags flags = ExampleDocument.client();
    String doc = "{\"schema\": 1, \"version\": \"big\", \"description\": \""
        + "x".repeat(10 * 1024 * 1024) + "\", \"flags\": {}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("description: a string is longer than the maximum"
            + " allowed (1048576 characters, from DocumentLimits.Builder.maxStringLength(int))"));
  }

  @Test
  void load_stringOverCustomMaxStringLength_rejects() {
    Flags flags = ExampleDocument.client(
        DocumentLimits.newBuilder().maxStringLength(1_000).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {\"description\": \""
        + "x".repeat(1_001) + "\", " + FLAG.substring(1) + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of(
            "flags.f.description: a string is longer than the"
                + " maximum allowed (1000 characters, from DocumentLimits.Builder.maxStringLength(int))"));
  }

  @Test
  void load_keyOver50000Characters_rejectsNamingTheKeyLimit() {
    Flags flags = ExampleDocument.client();
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"" + "k".repeat(50_001) + "\": "
        + FLAG + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags: a key is longer than the maximum allowed"
            + " (50000 characters, from DocumentLimits.Builder.maxKeyLength(int))"));
  }

  @Test
  void load_keyOverCustomMaxStringLength_rejectsNamingTheSetting() {
    Flags flags = ExampleDocument.client(
        DocumentLimits.newBuilder().maxStringLength(1_000).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"" + "k".repeat(1_001) + "\": "
        + FLAG + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags: a key is longer than the maximum allowed"
            + " (1000 characters, from DocumentLimits.Builder.maxStringLength(int))"));
  }

  @Test
  void load_keyOverCustomMaxKeyLength_rejectsNamingTheSetting() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxKeyLength(300).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"" + "k".repeat(301) + "\": "
        + FLAG + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags: a key is longer than the maximum allowed"
            + " (300 characters, from DocumentLimits.Builder.maxKeyLength(int))"));
  }

  @Test
  void load_keyAtCustomMaxKeyLength_loads() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxKeyLength(256).build());
    String key = "k".repeat(256);

    flags.load("{\"schema\": 1, \"version\": \"v\", \"flags\": {\"" + key + "\": " + FLAG + "}}");

    assertThat(flags.flagKeys()).containsExactly(key);
  }

  // ---- maxNumberLength ----

  @Test
  void load_numberOf1001Digits_rejectsNamingMaxNumberLength() {
    Flags flags = ExampleDocument.client();
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\":"
        + " {\"variants\": {\"n\": " + "9".repeat(1001) + "}, \"offVariant\": \"n\","
        + " \"fallthrough\": {\"variant\": \"n\"}}}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.variants.n: a number is longer than the maximum allowed"
            + " (1000 digits, from DocumentLimits.Builder.maxNumberLength(int))"));
  }

  @Test
  void load_decimalOverCustomMaxNumberLength_rejectsNamingTheSetting() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxNumberLength(20).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\":"
        + " {\"variants\": {\"n\": 0." + "5".repeat(20) + "}, \"offVariant\": \"n\","
        + " \"fallthrough\": {\"variant\": \"n\"}}}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.variants.n: a number is longer than the maximum allowed"
            + " (20 digits, from DocumentLimits.Builder.maxNumberLength(int))"));
  }

  @Test
  void load_numberOf1000Digits_loads() {
    Flags flags = ExampleDocument.client();

    // 1 digit before the point and 999 after.
    flags.load("{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\":"
        + " {\"variants\": {\"n\": 0." + "2".repeat(999) + "}, \"offVariant\": \"n\","
        + " \"fallthrough\": {\"variant\": \"n\"}}}}");

    assertThat(flags.getDouble("f", Context.EMPTY, 0)).isEqualTo(0.2222222222222222);
  }

  // ---- maxNestingDepth ----

  @Test
  void load_arrays10000Deep_rejectsNamingMaxNestingDepth() {
    Flags flags = ExampleDocument.client();
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {\"variants\": {\"on\": "
        + "[".repeat(10_000) + "]".repeat(10_000) + "}}}}";

    // 64 levels: the document, flags, f and variants, then 60 arrays; the 61st is refused.
    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.variants.on" + "[0]".repeat(60)
            + ": nesting is deeper than the maximum allowed (64, from"
            + " DocumentLimits.Builder.maxNestingDepth(int))"));
  }

  @Test
  void load_objects10000Deep_rejectsNamingMaxNestingDepth() {
    Flags flags = ExampleDocument.client();
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {\"variants\": {\"on\": "
        + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000) + "}}}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.variants.on" + ".a".repeat(60)
            + ": nesting is deeper than the maximum allowed (64, from"
            + " DocumentLimits.Builder.maxNestingDepth(int))"));
  }

  // ---- maxFlags ----

  @Test
  void load_oneFlagOverDefaultMaxFlags_rejectsNamingTheSetting() {
    Flags flags = ExampleDocument.client();

    assertRejected(
        flags,
        flagsDocument(50_001),
        List.of("flags: document has 50001 flags,"
            + " exceeds the maximum allowed (50000, from DocumentLimits.Builder.maxFlags(int))"));
  }

  @Test
  void load_exactlyDefaultMaxFlags_loads() {
    Flags flags = ExampleDocument.client();

    flags.load(flagsDocument(50_000));

    assertThat(flags.flagKeys()).hasSize(50_000);
    assertThat(flags.isEnabled("f49999")).isTrue();
  }

  // ---- maxSegments ----

  @Test
  void load_segmentsOverCustomMaxSegments_rejectsNamingTheSetting() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxSegments(1).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"segments\": {\"a\": {\"included\":"
        + " [\"x\"]}, \"b\": {\"included\": [\"y\"]}}, \"flags\": {\"f\": " + FLAG + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("segments: document has 2 segments, exceeds the"
            + " maximum allowed (1, from DocumentLimits.Builder.maxSegments(int))"));
  }

  @Test
  void load_oneSegmentOverDefaultMaxSegments_rejectsNamingTheSetting() {
    Flags flags = ExampleDocument.client();
    StringBuilder doc = new StringBuilder("{\"schema\": 1, \"version\": \"v\", \"segments\": {");
    for (int i = 0; i <= 10_000; i++) {
      doc.append(i == 0 ? "" : ",").append("\"s").append(i).append("\": {}");
    }
    doc.append("}, \"flags\": {}}");

    assertRejected(
        flags,
        utf8(doc.toString()),
        List.of(
            "segments: document has 10001 segments,"
                + " exceeds the maximum allowed (10000, from DocumentLimits.Builder.maxSegments(int))"));
  }

  // ---- maxRulesPerFlag ----

  @Test
  void load_oneRuleOverDefaultMaxRulesPerFlag_rejectsNamingTheSetting() {
    Flags flags = ExampleDocument.client();
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {\"rules\": ["
        + rules(1_001) + "], " + FLAG.substring(1) + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.rules: flag has 1001 rules, exceeds the"
            + " maximum allowed (1000, from DocumentLimits.Builder.maxRulesPerFlag(int))"));
  }

  @Test
  void load_segmentRulesOverCustomMaxRulesPerFlag_rejectsNamingTheSetting() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxRulesPerFlag(2).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"segments\": {\"s\": {\"rules\": ["
        + "{\"id\": \"r0\", \"conditions\": [{\"attribute\": \"a\", \"op\": \"exists\"}]},"
        + "{\"id\": \"r1\", \"conditions\": [{\"attribute\": \"a\", \"op\": \"exists\"}]},"
        + "{\"id\": \"r2\", \"conditions\": [{\"attribute\": \"a\", \"op\": \"exists\"}]}"
        + "]}}, \"flags\": {}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("segments.s.rules: segment has 3 rules, exceeds the"
            + " maximum allowed (2, from DocumentLimits.Builder.maxRulesPerFlag(int), which also"
            + " bounds segment rules)"));
  }

  // ---- maxKeysPerList ----

  @Test
  void load_targetKeysOverCustomMaxKeysPerList_rejectsNamingTheSetting() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxKeysPerList(3).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {\"targets\":"
        + " [{\"variant\": \"on\", \"keys\": [\"a\", \"b\", \"c\", \"d\"]}], "
        + FLAG.substring(1) + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.targets[0].keys: has 4 keys, exceeds the"
            + " maximum allowed (3, from DocumentLimits.Builder.maxKeysPerList(int))"));
  }

  @Test
  void load_segmentKeysOverCustomMaxKeysPerList_rejectsNamingTheSetting() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxKeysPerList(3).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"segments\": {\"s\": {\"included\": [\"a\","
        + " \"b\", \"c\", \"d\"], \"excluded\": [\"e\", \"f\", \"g\", \"h\", \"i\"]}},"
        + " \"flags\": {}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of(
            "segments.s.included: has 4 keys, exceeds the maximum allowed (3, from"
                + " DocumentLimits.Builder.maxKeysPerList(int))",
            "segments.s.excluded: has 5 keys, exceeds the maximum allowed (3, from"
                + " DocumentLimits.Builder.maxKeysPerList(int))"));
  }

  @Test
  void load_conditionValuesOverCustomMaxKeysPerList_rejectsNamingTheSetting() {
    Flags flags =
        ExampleDocument.client(DocumentLimits.newBuilder().maxKeysPerList(3).build());
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {\"rules\": [{\"id\":"
        + " \"r\", \"conditions\": [{\"attribute\": \"country\", \"op\": \"in\", \"values\":"
        + " [\"NZ\", \"AU\", \"FJ\", \"WS\"]}], \"variant\": \"on\"}], " + FLAG.substring(1) + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.rules[0].conditions[0].values: has 4"
            + " values, exceeds the maximum allowed (3, from"
            + " DocumentLimits.Builder.maxKeysPerList(int))"));
  }

  @Test
  void load_oneKeyOverDefaultMaxKeysPerList_rejectsNamingTheSetting() {
    Flags flags = ExampleDocument.client();
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i <= 1_000_000; i++) {
      keys.append(i == 0 ? "\"" : ",\"").append(i).append('"');
    }
    String doc = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {\"targets\":"
        + " [{\"variant\": \"on\", \"keys\": [" + keys + "]}], " + FLAG.substring(1) + "}}";

    assertRejected(
        flags,
        utf8(doc),
        List.of("flags.f.targets[0].keys: has 1000001 keys, exceeds"
            + " the maximum allowed (1000000, from DocumentLimits.Builder.maxKeysPerList(int))"));
  }

  // ---- helpers ----

  private static void set(DocumentLimits.Builder builder, String setter, int value) {

    Function<Integer, DocumentLimits.Builder> call = switch (setter) {
      case "maxDocumentBytes" -> builder::maxDocumentBytes;
      case "maxStringLength" -> builder::maxStringLength;
      case "maxFlags" -> builder::maxFlags;
      case "maxSegments" -> builder::maxSegments;
      case "maxRulesPerFlag" -> builder::maxRulesPerFlag;
      case "maxKeysPerList" -> builder::maxKeysPerList;
      case "maxPrerequisiteDepth" -> builder::maxPrerequisiteDepth;
      case "maxKeyLength" -> builder::maxKeyLength;
      case "maxNumberLength" -> builder::maxNumberLength;
      case "maxRegexRepetition" -> builder::maxRegexRepetition;
      case "maxRegexProgramSize" -> builder::maxRegexProgramSize;
      default -> throw new AssertionError(setter);
    };
    DocumentLimits.Builder unused = call.apply(value);
  }

  /** A valid document with flags f0 .. f(n-1). */
  private static byte[] flagsDocument(int n) {
    StringBuilder sb = new StringBuilder("{\"schema\": 1, \"version\": \"many\", \"flags\": {");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "\n\"f" : ",\n\"f").append(i).append("\": ").append(FLAG);
    }
    return utf8(sb.append("}}").toString());
  }

  /** Valid rules r0 .. r(n-1), comma-separated. */
  private static String rules(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\": \"r")
          .append(i)
          .append("\", \"conditions\": [{\"attribute\": \"n\", \"op\": \"gt\", \"value\": ")
          .append(i)
          .append("}], \"variant\": \"on\"}");
    }
    return sb.toString();
  }

  /** The document followed by spaces up to exactly {@code size} bytes. */
  private static byte[] padded(byte[] document, int size) {
    assertThat(document.length).isLessThanOrEqualTo(size);
    byte[] out = new byte[size];
    System.arraycopy(document, 0, out, 0, document.length);
    java.util.Arrays.fill(out, document.length, size, (byte) ' ');
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
