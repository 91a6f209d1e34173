package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flags.DocumentLimits;
import dev.flags.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TreeBuilder} builds the tree Jackson's own reader builds with the settings the document
 * reader used before it: the same node classes, values and order, for every document of the
 * test resources and for the number and string forms JSON allows.
 */
final class TreeBuilderTest {
  /** Jackson's reader as the document reader configured it. */
  private static final ObjectMapper JACKSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  static List<Path> resourceDocuments() throws IOException {
    List<Path> documents = new ArrayList<>();
    for (Path root : List.of(Path.of("src/test/resources"), Path.of("../examples"))) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(p -> p.toString().endsWith(".json")).forEach(documents::add);
      }
    }
    documents.sort(null);
    return documents;
  }

  @ParameterizedTest
  @MethodSource("resourceDocuments")
  void read_everyResourceDocument_sameTreeAsJackson(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    JsonNode expected;
    try {
      expected = JACKSON.readTree(bytes);
    } catch (IOException e) {
      assertThatThrownBy(() -> build(bytes)).isInstanceOf(IOException.class);
      return;
    }
    if (expected.isMissingNode()) { // Jackson's "no content": the builder's null
      assertThat(build(bytes)).isNull();
      return;
    }
    assertSameTree(build(bytes), expected, "$");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"n\": [0, -1, 2147483647, 2147483648, -2147483649, 9223372036854775807,"
            + " 9223372036854775808, -9223372036854775809, 123456789012345678901234567890]}",
        "{\"d\": [0.0, -0.0, 1.0, 1.50, 50000.0, 5E+4, 5e4, 1e-7, 1.5E-300, 0.1, 2.5e400]}",
        "[\"\\u00e9t\\u00e9\", \"\\ud83d\\ude00\", \"tab\\tnew\\nline\", \"\\\"q\\\"\", \"\"]",
        "{\"a\": {\"b\": {\"c\": [[[], {}], [[1]]]}}, \"e\": [], \"f\": {}}",
        "[true, false, null, \"null\", \"true\"]",
        "\"only a string\"",
        "42",
        "null",
      })
  void read_valuesOfEveryKind_sameTreeAsJackson(String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertSameTree(build(bytes), JACKSON.readTree(bytes), "$");
  }

  @Test
  void read_longAndRepeatedStrings_sameTreeAsJackson() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 500; i++) {
      json.append('"')
          .append("v")
          .append(i % 7)
          .append("\", \"")
          .append("x".repeat(i % 130))
          .append("\", \"caf\\u00e9-")
          .append(i % 3)
          .append("\",");
    }
    json.append("\"end\"]");
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);

    assertSameTree(build(bytes), JACKSON.readTree(bytes), "$");
  }

  @Test
  void read_repeatedShortValue_oneNodeAndOneString() throws IOException {
    JsonNode tree = build("{\"a\": {\"op\": \"semverGte\"}, \"b\": {\"op\": \"semverGte\"}}"
        .getBytes(StandardCharsets.UTF_8));

    assertThat(tree.get("a").get("op")).isSameAs(tree.get("b").get("op"));
  }

  @Test
  void read_arrays_keptInListsOfTheirSize() throws IOException {
    JsonNode tree = build("[[1, 2, 3], [], [[\"a\"]]]".getBytes(StandardCharsets.UTF_8));

    assertThat(tree.size()).isEqualTo(3);
    assertThat(tree.get(0).size()).isEqualTo(3);
    assertThat(tree.get(1).isEmpty()).isTrue();
    assertThat(tree.get(2).get(0).get(0).textValue()).isEqualTo("a");
  }

  @Test
  void read_nestingAtTheParsersLimit_noStackUsedPerLevel() throws IOException {
    int depth = 1_000; // the most a document may allow
    String json = "[".repeat(depth) + "]".repeat(depth);
    DocumentLimits limits = DocumentLimits.newBuilder().maxNestingDepth(depth).build();

    DocumentResult<ParsedDocument> read =
        new DocumentReader(limits).read(json.getBytes(StandardCharsets.UTF_8));

    assertThat(read).isInstanceOf(DocumentResult.Ok.class);
  }

  /** Objects gathered in an array of their size up to 16 fields, made and filled beyond. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 40})
  void read_objectsAroundTheGatheredSize_sameTreeAsJackson(int fields) throws IOException {
    byte[] bytes = objectOf(fields, "").getBytes(StandardCharsets.UTF_8);

    JsonNode tree = build(bytes);
    assertSameTree(tree, JACKSON.readTree(bytes), "$");
    assertThat(tree.get("inner").size()).isEqualTo(fields);
  }

  /** A repeated key is refused whether the object was still gathered or already made. */
  @ParameterizedTest
  @ValueSource(ints = {1, 15, 16, 17, 40})
  void read_duplicateKeyAfterManyFields_refused(int fields) {
    assertThat(problems("{\"flags\": " + objectOf(fields, ", \"f0\": 9") + "}"))
        .extracting(Problem::path, Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("flags.inner.f0", "duplicate key 'f0'"));
  }

  /** {"inner": {"f0": 0, ..., "fN-1": {"n": [N-1]}}, "after": true} with {@code extra} appended. */
  private static String objectOf(int fields, String extra) {
    StringBuilder json = new StringBuilder("{\"inner\": {");
    for (int i = 0; i < fields; i++) {
      json.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": ");
      json.append(i % 2 == 0 ? String.valueOf(i) : "{\"n\": [" + i + "]}");
    }
    return json.append(extra).append("}, \"after\": true}").toString();
  }

  /** After a scalar the parser stands on the value; after a container, on its end. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"flags\": {\"a\": {}, \"a\": {}}}                 | flags.a   | duplicate key 'a'",
        "{\"flags\": {\"a\": {\"x\": 1, \"x\": [1, 2]}}}   | flags.a.x | duplicate key 'x'",
        "{\"flags\": {\"a\": {\"x\": [1], \"x\": 2}}}      | flags.a.x | duplicate key 'x'",
      })
  void read_duplicateKey_saysWhichAndWhere(String json, String path, String message) {
    assertThat(problems(json))
        .extracting(Problem::path, Problem::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(path, message));
  }

  @Test
  void read_contentAfterTheValue_refused() {
    assertThatThrownBy(() -> build("{} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageStartingWith("Trailing token (of type START_OBJECT)");
    assertThat(problems("{\"schema\": 1} 2"))
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .startsWith("invalid JSON: unexpected content after the end of the document");
  }

  @Test
  void read_shortValueOverTheStringLimit_refusedLikeALongOne() {
    DocumentLimits limits = DocumentLimits.newBuilder().maxStringLength(5).build();

    DocumentResult<ParsedDocument> read = new DocumentReader(limits)
        .read("{\"owner\": \"team-payments\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(read).isInstanceOf(DocumentResult.Rejected.class);
    assertThat(((DocumentResult.Rejected<ParsedDocument>) read).problems())
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .contains("a string is longer than");
  }

  @Test
  void read_emptyDocumentOfWhitespace_noValue() throws IOException {
    assertThat(build("  \n ".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  private static List<Problem> problems(String json) {
    DocumentResult<ParsedDocument> read =
        new DocumentReader(DocumentLimits.defaults()).read(json.getBytes(StandardCharsets.UTF_8));
    assertThat(read).isInstanceOf(DocumentResult.Rejected.class);
    return ((DocumentResult.Rejected<ParsedDocument>) read).problems();
  }

  private static @Nullable JsonNode build(byte[] bytes) throws IOException {
    try (JsonParser parser = JACKSON.getFactory().createParser(bytes)) {
      return TreeBuilder.read(parser, new SharedTextNodes());
    }
  }

  /** Same node classes (objects: ours) and values, fields in the same order, all the way down. */
  private static void assertSameTree(@Nullable JsonNode actual, JsonNode expected, String at) {
    assertThat(actual).as(at).isNotNull();
    if (expected.isObject()) {
      // An object's node is Jackson's ObjectNode over the compact fields: a subclass.
      assertThat(actual).as(at).isInstanceOf(ObjectFields.Node.class);
    } else {
      assertThat(actual.getClass()).as(at).isEqualTo(expected.getClass());
    }
    if (expected.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> a = actual.properties().iterator();
      Iterator<Map.Entry<String, JsonNode>> e = expected.properties().iterator();
      while (e.hasNext()) {
        assertThat(a.hasNext()).as(at).isTrue();
        Map.Entry<String, JsonNode> ea = a.next();
        Map.Entry<String, JsonNode> ee = e.next();
        assertThat(ea.getKey()).as(at).isEqualTo(ee.getKey());
        assertSameTree(ea.getValue(), ee.getValue(), at + "." + ee.getKey());
      }
      assertThat(a.hasNext()).as(at).isFalse();
    } else if (expected.isArray()) {
      assertThat(actual.size()).as(at).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertSameTree(actual.get(i), expected.get(i), at + "[" + i + "]");
      }
    } else {
      assertThat(actual.toString()).as(at).isEqualTo(expected.toString());
      if (expected.isNumber()) {
        assertThat(actual.numberValue()).as(at).isEqualTo(expected.numberValue());
      }
    }
  }
}
