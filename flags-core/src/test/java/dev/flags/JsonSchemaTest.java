package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schema ({@code META-INF/schemas/flags-1.schema.json}, also {@code
 * docs/flags-1.schema.json}): every example and every document in the docs passes it, it rejects
 * the bad documents whose problem is one of shape, and it accepts exactly the bad documents whose
 * problem only the library can see (listed below, and in the reference).
 */
final class JsonSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE = "/META-INF/schemas/flags-1.schema.json";
  private static final Path CORPUS = Path.of("src/test/resources/bad-documents");

  /**
   * Bad documents that the schema accepts: the checks the reference lists under "What only the
   * library checks". A schema sees a parsed tree, one object at a time.
   */
  private static final Set<String> LIBRARY_ONLY = Set.of(
      // Reading: encodings, duplicate keys and trailing content are gone once the text is a tree.
      "utf8-bom",
      "utf16be-with-bom",
      "utf16le-with-bom",
      "utf16le-without-bom",
      "invalid-utf8-encoded-surrogate",
      "invalid-utf8-overlong-encoding",
      "duplicate-flag-key",
      "duplicate-key-in-flag",
      "duplicate-key-in-variants",
      "duplicate-key-top-level",
      "trailing-close-brace",
      "trailing-comma-after-document",
      "trailing-garbage",
      "trailing-second-document",
      // JSON Schema counts 1.0 as the integer 1; the library wants the integer written as one.
      "schema-one-point-zero",
      "weight-one-point-zero",
      // References between parts of the document.
      "off-variant-unknown",
      "fallthrough-unknown-variant",
      "target-unknown-variant",
      "rule-unknown-variant",
      "rollout-unknown-variant",
      "in-segment-unknown",
      "in-segment-no-segments",
      "prerequisite-unknown-flag",
      "prerequisite-unknown-variant",
      "prerequisite-self",
      "prerequisite-cycle-2",
      "prerequisite-cycle-3",
      // Uniqueness across array elements.
      "duplicate-rule-ids",
      "target-key-targeted-twice",
      "rollout-variant-twice",
      // Sums and types across values.
      "weights-sum-120",
      "weights-sum-99.5",
      "variants-mixed-types",
      // Operands parsed by the library: regular expressions, versions, times, number ranges.
      "regex-backreference",
      "regex-unclosed-group",
      "regex-program-too-large",
      "regex-repetition-billion",
      "regex-repetition-million",
      "semver-leading-zero",
      "semver-wildcard",
      "date-month-13",
      "date-without-offset",
      "number-condition-overflow",
      "variant-number-overflow");

  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = Flags.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JSON.readTree(in));
    }
  }

  private static Set<ValidationMessage> check(JsonNode doc) {
    return schema.validate(doc);
  }

  @Test
  void docsCopy_isTheResource() throws IOException {
    try (InputStream in = Flags.class.getResourceAsStream(RESOURCE)) {
      assertThat(Files.readAllBytes(Path.of("../docs/flags-1.schema.json")))
          .isEqualTo(in.readAllBytes());
    }
  }

  @Test
  void examples_allPass() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("../examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
    for (Path example : examples) {
      assertThat(check(JSON.readTree(example.toFile()))).as(example.toString()).isEmpty();
    }
  }

  @Test
  void documentsInTheDocs_allPass() throws IOException {
    Pattern block = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL);
    int documents = 0;
    for (String page : List.of(
        "../README.md",
        "../docs/document-format.md",
        "../docs/operations.md",
        "../docs/http-source.md",
        "../docs/bucketing.md",
        "../examples/README.md")) {
      Matcher m = block.matcher(Files.readString(Path.of(page)));
      while (m.find()) {
        JsonNode node;
        try {
          node = JSON.readTree(m.group(1));
        } catch (IOException fragment) {
          continue; // a fragment of a document, such as one rule
        }
        if (node != null && node.isObject() && node.has("schema") && libraryAccepts(m.group(1))) {
          assertThat(check(node)).as(page + ": " + node.path("version")).isEmpty();
          documents++;
        }
      }
    }
    // README's example, three in the format reference, one in the operations guide.
    assertThat(documents).isGreaterThanOrEqualTo(4);
  }

  /** Whether the library serves {@code json} (the docs also show documents it rejects). */
  private static boolean libraryAccepts(String json) {
    try (Flags flags = Flags.newBuilder().build()) {
      flags.load(json);
      return true;
    } catch (InvalidDocumentException e) {
      return false;
    }
  }

  @Test
  void badDocuments_rejectedUnlessOnlyTheLibraryCanTell() throws IOException {
    Map<String, String> wrong = new TreeMap<>();
    Set<String> accepted = new TreeSet<>();
    int rejected = 0;
    List<Path> corpus;
    try (Stream<Path> files = Files.list(CORPUS)) {
      corpus = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path p : corpus) {
      String name = p.getFileName().toString().replaceFirst("\\.json$", "");
      JsonNode doc;
      try {
        doc = JSON.readTree(Files.readAllBytes(p));
        if (doc == null || doc.isMissingNode()) {
          continue; // empty: not a JSON value at all
        }
        Set<ValidationMessage> messages = check(doc);
        if (messages.isEmpty()) {
          accepted.add(name);
        } else {
          rejected++;
          if (LIBRARY_ONLY.contains(name)) {
            wrong.put(name, "rejected, but listed as a check only the library does: " + messages);
          }
        }
      } catch (IOException | RuntimeException notJsonToASchemaValidator) {
        // Not JSON (the library rejects it while reading), or beyond the validator: skipped.
      }
    }
    for (String name : accepted) {
      if (!LIBRARY_ONLY.contains(name)) {
        wrong.put(name, "accepted by the schema: add the check, or list it as library-only");
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(accepted).isEqualTo(LIBRARY_ONLY);
    assertThat(rejected).as("bad documents the schema rejects").isGreaterThanOrEqualTo(90);
  }

  @Test
  void schemaKey_acceptedByTheLibraryAndTheSchema() throws IOException {
    String doc = "{\"$schema\": \"https://flags.dev/schemas/flags-1.schema.json\", \"schema\": 1,"
        + " \"version\": \"v1\", \"flags\": {}}";
    assertThat(check(JSON.readTree(doc))).isEmpty();
    try (Flags flags = Flags.newBuilder().document(doc).build()) {
      assertThat(flags.version()).isEqualTo("v1");
    }
    List<String> problems = new ArrayList<>();
    try (Flags flags = Flags.newBuilder().build()) {
      try {
        flags.load(doc.replace("\"https://flags.dev/schemas/flags-1.schema.json\"", "1"));
      } catch (InvalidDocumentException e) {
        e.problems().forEach(p -> problems.add(p.toString()));
      }
    }
    assertThat(problems).containsExactly("[\"$schema\"]: must be a string, not the number 1");
  }
}
