package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.DocumentLimits;
import dev.flags.Problem;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A document validated while it is read, a flag at a time ({@link
 * DocumentLoader#readAndValidate}), gives exactly what reading its whole tree and validating that
 * gives: the same problems in the same order and the same validated document, over every rejected document of the corpus, the examples, and documents whose
 * flags reuse one another's recycled nodes.
 */
final class StreamedValidationTest {
  private final DocumentLoader loader = new DocumentLoader(DocumentLimits.defaults());

  static Stream<Path> documents() throws IOException {
    List<Path> all = new ArrayList<>();
    for (String dir :
        List.of("src/test/resources/bad-documents", "src/test/resources/flags", "../examples")) {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(all::add);
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void readAndValidate_eachDocument_sameAsTheWholeTree(Path file) throws IOException {
    assertSameAsWholeTree(Files.readAllBytes(file));
  }

  @Test
  void readAndValidate_manyFlagsOfEveryShape_recycledNodesLoseNothing() {
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      flags.add(
          switch (i % 6) {
            case 0 -> Docs.onOff("bool-" + i, i % 4 == 0 ? "on" : "off");
            case 1 ->
              Docs.flag(
                  "json-" + i,
                  "'variants': {'a': {'x': [1, 2, {'y': 'z" + i + "'}], 'w': null}, 'b': [[], {}, "
                      + i + "]}, 'offVariant': 'b', 'fallthrough': {'variant': 'a'},"
                      + " 'metadata': {'team': 't" + i + "', 'nested': {'k': [true, false]}}");
            case 2 ->
              Docs.flag(
                  "rules-" + i,
                  "'variants': {'on': true, 'off': false}, 'offVariant': 'off', 'tags': ['a', 'b"
                      + i
                      + "'], 'targets': [{'variant': 'on', 'keys': ['u" + i + "', 'v" + i + "']}],"
                      + " 'rules': [{'id': 'r', 'variant': 'on', 'conditions': [{'attribute':"
                      + " 'country', 'op': 'in', 'values': ['NZ', 'AU']}, {'op': 'inSegment', 'value':"
                      + " 'staff'}]}], 'fallthrough': {'rollout': {'variants': [{'variant': 'on',"
                      + " 'weight': 25000}, {'variant': 'off', 'weight': 75000}]}}");
            case 3 ->
              Docs.flag(
                  "prereq-" + i,
                  "'variants': {'on': true, 'off': false}, 'offVariant': 'off', 'prerequisites':"
                      + " [{'flag': 'bool-" + (i - 3) + "', 'variant': 'on'}, {'flag': 'rules-"
                      + (i - 1) + "', 'variant': 'maybe'}], 'fallthrough': {'variant': 'on'}");
            case 4 ->
              Docs.flag(
                  "bad-" + i,
                  "'variants': {'on': true, 'off': 'no'}, 'offVariant': 'gone', 'rules': [{'id': 'r',"
                      + " 'variant': 'on', 'conditions': [{'op': 'inSegment', 'value': 'nobody'}]}],"
                      + " 'unknown': [1, [2, [3]]]");
            default ->
              Docs.flag(
                  "wide-" + i,
                  "'variants': {'v0': 0, 'v1': 1, 'v2': 2, 'v3': 3, 'v4': 4, 'v5': 5, 'v6': 6, 'v7':"
                      + " 7, 'v8': 8, 'v9': 9, 'v10': 10, 'v11': 11, 'v12': 12, 'v13': 13, 'v14': 14,"
                      + " 'v15': 15, 'v16': 16, 'v17': 17}, 'offVariant': 'v0', 'fallthrough':"
                      + " {'variant': 'v17'}");
          });
    }
    String segments = "'staff': {'included': ['boss']}";

    byte[] document = utf8(Docs.docWithSegments("v1", segments, flags.toArray(String[]::new)));

    DocumentResult<FlagDocument> result = assertSameAsWholeTree(document);
    assertThat(loader.readAndValidate(document).orThrow().validated())
        .as("validated a flag at a time")
        .isNotNull();
    assertThat(problemPaths(result))
        .contains("flags.bad-4.variants.off", "flags.prereq-9" + ".prerequisites[1].variant");
  }

  @Test
  void readAndValidate_segmentsAfterFlags_areStillResolved() {
    String valid = "{'schema': 1, 'version': 'v1', 'flags': {'f': {'variants': {'on': true,"
        + " 'off': false}, 'offVariant': 'off', 'rules': [{'id': 'r', 'variant': 'on',"
        + " 'conditions': [{'op': 'inSegment', 'value': 'staff'}]}], 'fallthrough': {'variant':"
        + " 'off'}}}, 'segments': {'staff': {'included': ['boss']}}}";

    DocumentResult<ParsedDocument> read = loader.readAndValidate(utf8(valid));

    assertThat(read.orThrow().validated()).as("validated whole instead").isNull();
    assertThat(loader.validate(read.orThrow())).isInstanceOf(DocumentResult.Ok.class);
    assertSameAsWholeTree(utf8(valid.replace("'value': 'staff'", "'value': 'other'")));
  }

  @Test
  void flagAndSegmentKeys_interned_bothWaysOfReading() {
    // Built at run time: a key read from bytes is never the literal's instance unless interned.
    String flagKey = new String("checkout".toCharArray());
    String segmentKey = new String("staff".toCharArray());
    byte[] bytes = utf8(Docs.docWithSegments(
        "v1", "'" + segmentKey + "': {'included': ['boss']}", Docs.onOff(flagKey, "on")));

    FlagDocument streamed = java.util.Objects.requireNonNull(
            loader.readAndValidate(bytes).orThrow().validated())
        .orThrow();
    FlagDocument whole = loader.validate(loader.read(bytes).orThrow()).orThrow();

    for (FlagDocument doc : List.of(streamed, whole)) {
      assertThat(doc.flags().get("checkout").key()).isSameAs("checkout");
      assertThat(doc.flags().get("checkout").salt())
          .as("the salt, the key by default")
          .isSameAs("checkout");
      assertThat(doc.segments().get("staff").key()).isSameAs("staff");
    }
  }

  @Test
  void forKeeping_ofAValidatedDocument_keepsBytesOnly_andEqualsTheDocumentRead() {
    byte[] bytes = utf8(Docs.doc("v1", Docs.onOff("a", "on")));
    ParsedDocument streamed = loader.readAndValidate(bytes).orThrow();

    ParsedDocument kept = streamed.forKeeping();

    assertThat(streamed.validated()).isNotNull();
    assertThat(kept.validated()).isNull();
    assertThat(kept).isEqualTo(loader.read(bytes).orThrow());
    assertThat(kept.version()).isEqualTo("v1");
    assertThat(loader.validate(kept).orThrow())
        .isEqualTo(loader.validate(streamed).orThrow());
  }

  @Test
  void validateBytes_sameDocumentAsTheWholeTree() {
    byte[] bytes = utf8(Docs.doc("v1", Docs.onOff("a", "on"), Docs.onOff("b", "off")));
    DocumentLimits limits = DocumentLimits.defaults();
    ParsedDocument unprinted = new DocumentReader(limits)
        .readValidated(bytes, new DocumentValidator(limits))
        .orThrow();
    ParsedDocument whole = loader.read(bytes).orThrow();

    assertThat(loader.validate(bytes).toString())
        .isEqualTo(loader.validate(whole).orThrow().toString());
    assertThat(unprinted.validated()).isNotNull();
    assertThat(loader.validate(unprinted).orThrow())
        .isEqualTo(loader.validate(whole).orThrow());
  }

  /** Both ways, compared; returns the whole tree's result. */
  private DocumentResult<FlagDocument> assertSameAsWholeTree(byte[] bytes) {
    DocumentResult<ParsedDocument> whole = loader.read(bytes);
    DocumentResult<ParsedDocument> streamed = loader.readAndValidate(bytes);
    assertThat(problemPaths(streamed)).isEqualTo(problemPaths(whole));
    assertThat(messages(streamed)).isEqualTo(messages(whole));
    if (!(whole instanceof DocumentResult.Ok<ParsedDocument> ok)) {
      return new DocumentResult.Rejected<>(null, problems(whole));
    }
    ParsedDocument tree = ok.orThrow();
    ParsedDocument read = streamed.orThrow();
    DocumentResult<FlagDocument> expected = loader.validate(tree);
    DocumentResult<FlagDocument> actual = loader.validate(read);
    assertThat(read.version()).isEqualTo(tree.version());
    assertThat(messages(actual)).isEqualTo(messages(expected));
    assertThat(problemPaths(actual)).isEqualTo(problemPaths(expected));
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    if (expected instanceof DocumentResult.Rejected<FlagDocument> rejected) {
      assertThat(((DocumentResult.Rejected<FlagDocument>) actual).version())
          .isEqualTo(rejected.version());
    }
    if (expected instanceof DocumentResult.Ok<FlagDocument> valid) {
      // By its text, which names every part: some parts (parsed versions, say) have no equals.
      assertThat(actual.orThrow().toString()).isEqualTo(valid.orThrow().toString());
    }
    return expected;
  }

  private static List<Problem> problems(DocumentResult<?> r) {
    return r instanceof DocumentResult.Rejected<?> rejected ? rejected.problems() : List.of();
  }

  private static List<String> problemPaths(DocumentResult<?> r) {
    return problems(r).stream().map(Problem::path).toList();
  }

  private static List<String> messages(DocumentResult<?> r) {
    return problems(r).stream().map(Problem::message).toList();
  }

  private static byte[] utf8(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }
}
