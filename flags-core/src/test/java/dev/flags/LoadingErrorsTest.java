package dev.flags;

import static dev.flags.ExampleDocument.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rejected documents: the corpus in {@code src/test/resources/bad-documents}, where each {@code
 * <name>.json} has a {@code <name>.expected} listing every problem as {@code path: message}, one a
 * line, in order (lines starting with {@code #} are comments). Every rejection must leave the
 * previous snapshot serving exactly as before.
 */
final class LoadingErrorsTest {
  /** Relative to the module directory, where Maven runs the tests. */
  private static final Path CORPUS = Path.of("src/test/resources/bad-documents");
  /**
   * Per document: a document that once exhausted the heap (a regex of a billion instructions)
   * fails here instead of taking the test JVM down with it.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  static List<String> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void loadBytes_badDocument_rejectsWithEveryProblemAndKeepsServing(String name)
      throws IOException {
    Flags flags = ExampleDocument.client();

    assertTimeoutPreemptively(TIMEOUT, () -> assertRejected(flags, document(name), expected(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void loadBytes_badDocument_aloneOnItsClient_rejectsWithEveryProblemAndKeepsServing(String name)
      throws IOException {
    // No source but load(): each document is validated while it is read, a flag at a time.
    Flags flags = Flags.newBuilder().build();
    flags.load(Files.readAllBytes(ExampleDocument.PATH));

    assertTimeoutPreemptively(TIMEOUT, () -> assertRejected(flags, document(name), expected(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void loadString_badTextDocument_rejectsWithTheSameProblemsAndKeepsServing(String name)
      throws IOException {
    String text = strictUtf8(document(name));
    if (text == null) {
      return; // not UTF-8 text: only load(byte[]) can carry it
    }
    Flags flags = ExampleDocument.client();

    assertTimeoutPreemptively(
        TIMEOUT, () -> assertRejected(flags, f -> f.load(text), expected(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void build_badDocument_throwsWithTheSameProblems(String name) throws IOException {
    List<String> expected = expected(name);
    Flags.Builder builder = Flags.newBuilder().documentFile(CORPUS.resolve(name + ".json"));

    assertTimeoutPreemptively(
        TIMEOUT,
        () -> assertThatThrownBy(builder::build)
            .isInstanceOfSatisfying(
                InvalidDocumentException.class,
                e -> assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactlyElementsOf(expected)));
  }

  @Test
  void corpus_everyDocumentHasAnExpectation_andNoExpectationIsOrphaned() throws IOException {
    Set<String> documents = new TreeSet<>();
    Set<String> expectations = new TreeSet<>();
    List<String> others = new ArrayList<>();
    try (Stream<Path> files = Files.list(CORPUS)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String n = p.getFileName().toString();
        if (n.endsWith(".json")) {
          documents.add(n.substring(0, n.length() - ".json".length()));
        } else if (n.endsWith(".expected")) {
          expectations.add(n.substring(0, n.length() - ".expected".length()));
        } else {
          others.add(n);
        }
      }
    }

    assertThat(others).as("files that are neither .json nor .expected").isEmpty();
    assertThat(expectations).as("expectations").containsExactlyElementsOf(documents);
    assertThat(documents).hasSizeGreaterThanOrEqualTo(45);
  }

  @Test
  void corpus_everyExpectationListsAtLeastOneProblem() throws IOException {
    for (String name : corpus()) {
      assertThat(expected(name)).as(name + ".expected").isNotEmpty();
    }
  }

  @Test
  void build_exampleDocument_loadsCleanly() {
    Flags flags = Flags.newBuilder().documentFile(ExampleDocument.PATH).build();

    assertThat(flags.isReady()).isTrue();
    assertThat(flags.version()).isEqualTo(ExampleDocument.VERSION);
    assertThat(flags.flagKeys())
        .containsExactlyInAnyOrder(
            "new-checkout",
            "payments-kill-switch",
            "search-ranking",
            "checkout-retry-limit",
            "banner",
            "legacy-export");
    assertThat(flags.evaluate("new-checkout", ExampleDocument.ALICE).reason())
        .isEqualTo(Reason.TARGET_MATCH);
    assertThat(flags.isEnabled("new-checkout", ExampleDocument.ALICE)).isTrue();
    assertThat(flags.isEnabled("new-checkout", ExampleDocument.STAFF)).isTrue();
    assertThat(flags.evaluate("new-checkout", ExampleDocument.STAFF).ruleId()).isEqualTo("beta");
    assertThat(flags.isEnabled("payments-kill-switch")).isTrue();
    assertThat(flags.evaluate("legacy-export", Context.EMPTY).reason()).isEqualTo(Reason.DISABLED);
    assertThat(flags.getString(
            "search-ranking", Context.newBuilder("bob").set("orgId", "acme").build(), "-"))
        .isEqualTo("hybrid-v1");
    assertThat(flags.getInt("checkout-retry-limit", ExampleDocument.ALICE, -1)).isEqualTo(1);
    assertThat(flags.getInt("checkout-retry-limit", Context.EMPTY, -1)).isEqualTo(3);
    assertThat(flags.getJson("banner", ExampleDocument.OCEANIA, "-"))
        .isEqualTo("{\"show\":true,\"text\":\"Winter sale\",\"color\":\"#d33\"}");
    assertThat(flags.getJson("banner", Context.EMPTY, "-")).isEqualTo("{\"show\":false}");
  }

  /**
   * The same problems at the same places of many flags and segments: each problem names its own
   * flag or segment, never the one read before it.
   */
  @Test
  void load_sameProblemsInManyFlagsAndSegments_eachNamesItsOwn() {
    Flags flags = ExampleDocument.client();
    StringBuilder doc = new StringBuilder("{'schema': 1, 'version': 'bad', 'segments': {");
    List<String> expected = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      doc.append(s == 0 ? "" : ", ")
          .append("'seg-" + s + "': {'rules': [{'id': 'r', 'conditions': ")
          .append("[{'attribute': 'a', 'op': 'in', 'values': ['x', 7, {}]}]}]}");
      expected.add("segments.seg-" + s + ".rules[0].conditions[0].values[2]");
    }
    doc.append("}, 'flags': {");
    for (int f = 0; f < 12; f++) {
      // Every other key needs quoting in a path: "flags[\"flag.1\"]".
      String key = f % 2 == 0 ? "flag-" + f : "flag." + f;
      String at = f % 2 == 0 ? "flags." + key : "flags[\"" + key + "\"]";
      doc.append(f == 0 ? "" : ", ")
          .append("'" + key + "': {'variants': {'on': true, 'off': false}, 'offVariant': 'off',")
          .append(" 'fallthrough': {'variant': 'on'}, 'rules': [{'id': 'r0', 'conditions': []},")
          .append(" {'id': 'r1', 'variant': 'on', 'conditions': [")
          .append("{'attribute': 'a', 'op': 'in', 'values': ['x']},")
          .append(" {'attribute': 'b', 'op': 'nope-" + f + "'}]}]}");
      expected.add(at + ".rules[0].conditions");
      expected.add(at + ".rules[0]");
      expected.add(at + ".rules[1].conditions[1].op");
    }
    doc.append("}}");

    InvalidDocumentException e = catchThrowableOfType(
        InvalidDocumentException.class, () -> flags.load(doc.toString().replace('\'', '"')));

    assertThat(e.problems()).extracting(Problem::path).containsExactlyElementsOf(expected);
    assertThat(e.problems().get(expected.size() - 1).message()).contains("'nope-11'");
  }

  @Test
  void load_goodDocumentAfterRejections_replacesTheSnapshot() throws IOException {
    Flags flags = ExampleDocument.client();
    assertRejected(
        flags,
        document("weights-sum-99.5"),
        List.of("flags.new-checkout.fallthrough.rollout: weights sum to 99.5%, expected 100%"));

    flags.load("{\"schema\": 1, \"version\": \"next\", \"flags\": {\"new-checkout\": {"
        + "\"variants\": {\"on\": true, \"off\": false}, \"offVariant\": \"off\","
        + " \"fallthrough\": {\"variant\": \"on\"}}}}");

    assertThat(flags.version()).isEqualTo("next");
    assertThat(flags.flagKeys()).containsExactly("new-checkout");
    assertThat(flags.isEnabled("new-checkout", Context.of("anyone"))).isTrue();
  }

  @Test
  void rejection_exceptionMessage_countsAndListsEveryProblem() throws IOException {
    Flags flags = ExampleDocument.client();

    InvalidDocumentException e = assertRejected(
        flags,
        document("prerequisite-cycle-2"),
        List.of("flags.a.prerequisites: prerequisite cycle a -> b -> a"));

    assertThat(e.version()).isEqualTo("2026-11-22.1");
    assertThat(e.getMessage())
        .isEqualTo("flag document version '2026-11-22.1' rejected"
            + " (1 problem)\n  flags.a.prerequisites: prerequisite cycle a -> b -> a");
  }

  @Test
  void rejection_unreadableDocument_hasNoVersion() throws IOException {
    Flags flags = ExampleDocument.client();

    InvalidDocumentException e =
        assertRejected(flags, document("many-problems"), expected("many-problems"));

    assertThat(e.version()).isNull();
    assertThat(e.getMessage()).startsWith("""
                    flag document rejected (20 problems)
                      schema: must be the number 1, not the string "1"
                      version: must be a non-empty string, not the string ""
                    """);
  }

  // ---- generated: too big to commit ----

  @Test
  void load_prerequisiteChain10000Deep_rejectsInsteadOfOverflowingTheStack() {
    Flags flags = ExampleDocument.client();

    assertRejected(
        flags,
        prerequisiteChain(10_000, false),
        List.of("flags.f0.prerequisites: prerequisites nest 9999 levels deep, exceeds the maximum"
            + " allowed (100, from DocumentLimits.Builder.maxPrerequisiteDepth(int))"));
  }

  @Test
  void load_prerequisiteChainAtTheLimit_loadsAndEvaluates() {
    Flags flags = ExampleDocument.client();

    flags.load(prerequisiteChain(101, false));

    Evaluation e = flags.evaluate("f0", Context.of("user-1"));
    assertThat(e.variant()).isEqualTo("on");
    assertThat(e.reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void load_prerequisiteChainOneOverTheLimit_rejects() {
    Flags flags = ExampleDocument.client();

    assertRejected(
        flags,
        prerequisiteChain(102, false),
        List.of(
            "flags.f0.prerequisites: prerequisites nest 101 levels deep, exceeds the maximum allowed"
                + " (100, from DocumentLimits.Builder.maxPrerequisiteDepth(int))"));
  }

  @Test
  void load_prerequisiteCycleThrough10000Flags_rejectsInsteadOfOverflowingTheStack() {
    Flags flags = ExampleDocument.client();
    StringBuilder cycle = new StringBuilder("flags.f0.prerequisites: prerequisite cycle ");
    for (int i = 0; i < 10_000; i++) {
      cycle.append('f').append(i).append(" -> ");
    }
    cycle.append("f0");

    assertRejected(flags, prerequisiteChain(10_000, true), List.of(cycle.toString()));
  }

  /** Flags f0 .. f(n-1), each requiring the next to be on; the last requires f0 if closed. */
  private static byte[] prerequisiteChain(int n, boolean closed) {
    StringBuilder sb = new StringBuilder("{\"schema\": 1, \"version\": \"chain\", \"flags\": {");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("\n\"f")
          .append(i)
          .append("\": {\"variants\": {\"on\": true, \"off\": false},"
              + " \"offVariant\": \"off\", \"fallthrough\": {\"variant\": \"on\"}");
      if (i + 1 < n || closed) {
        sb.append(", \"prerequisites\": [{\"flag\": \"f")
            .append((i + 1) % n)
            .append("\", \"variant\": \"on\"}]");
      }
      sb.append('}');
    }
    return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  // ---- corpus files ----

  private static byte[] document(String name) throws IOException {
    return Files.readAllBytes(CORPUS.resolve(name + ".json"));
  }

  private static List<String> expected(String name) throws IOException {
    Path file = CORPUS.resolve(name + ".expected");
    List<String> problems = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        problems.add(line);
      }
    }
    return problems;
  }

  /** The text of these bytes if they are strictly valid UTF-8, else null. */
  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
