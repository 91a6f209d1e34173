package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.DocumentLimits;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A validated document holds once each part that its flags repeat (variants, tags, rules,
 * conditions, what is served), whether it was validated while streaming or from its tree; parts
 * that differ stay apart.
 */
final class PartSharingTest {
  private static final DocumentLoader LOADER = new DocumentLoader(DocumentLimits.defaults());

  private static final String FLAG = """
      {"tags": ["web", "beta"], "variants": {"on": true, "off": false}, "offVariant": "off",
       "rules": [
         {"id": "countries", "variant": "on",
          "conditions": [{"attribute": "country", "op": "in", "values": ["NZ", "AU"]}]},
         {"id": "staff", "variant": "on",
          "conditions": [{"attribute": "email", "op": "endsWith", "value": "@%s"},
                         {"attribute": "country", "op": "in", "values": ["NZ", "AU"]}]}],
       "fallthrough": {"rollout": {"variants": [{"variant": "on", "weight": 50000},
                                                {"variant": "off", "weight": 50000}]}}}
      """;

  private static final String A = FLAG.formatted("x.com");
  private static final String C = FLAG.formatted("y.com")
      .replace("\"beta\"", "\"ga\"")
      .replace("50000}", "40000}")
      .replaceFirst("40000}", "60000}");

  private static byte[] document(String... keysAndFlags) {
    StringBuilder json = new StringBuilder("{\"schema\": 1, \"version\": \"v\", \"flags\": {");
    for (int i = 0; i < keysAndFlags.length; i += 2) {
      json.append(i == 0 ? "" : ", ").append('"').append(keysAndFlags[i]).append("\": ");
      json.append(keysAndFlags[i + 1]);
    }
    return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] DOCUMENT = document("a", A, "b", A, "c", C);

  static Stream<Function<byte[], FlagDocument>> paths() {
    return Stream.of(
        LOADER::validate, bytes -> LOADER.validate(LOADER.read(bytes).orThrow()).orThrow());
  }

  @ParameterizedTest
  @MethodSource("paths")
  void repeatedParts_heldOnce_differentPartsApart(Function<byte[], FlagDocument> validate) {
    FlagDocument doc = validate.apply(DOCUMENT);
    Flag a = doc.flags().get("a");
    Flag b = doc.flags().get("b");
    Flag c = doc.flags().get("c");

    assertThat(b.variants()).isSameAs(a.variants());
    assertThat(c.variants()).isSameAs(a.variants());
    assertThat(b.tags()).isSameAs(a.tags());
    assertThat(c.tags()).isNotSameAs(a.tags()).isEqualTo(List.of("web", "ga"));
    assertThat(b.rules().get(0)).isSameAs(a.rules().get(0));
    assertThat(c.rules().get(0)).isSameAs(a.rules().get(0));
    assertThat(b.rules().get(1)).isSameAs(a.rules().get(1));
    assertThat(c.rules().get(1)).isNotSameAs(a.rules().get(1));
    assertThat(c.rules().get(1).conditions().get(1))
        .as("the country condition, repeated in a rule that differs")
        .isSameAs(a.rules().get(0).conditions().get(0));
    assertThat(b.fallthrough()).isSameAs(a.fallthrough());
    assertThat(c.fallthrough()).isNotSameAs(a.fallthrough());
    assertThat(c.fallthrough().rollout().weights()).containsExactly(60000, 40000);
  }

  @ParameterizedTest
  @MethodSource("paths")
  void sharedDocument_equalToTheDocumentReadWithoutSharing(
      Function<byte[], FlagDocument> validate) {
    FlagDocument doc = validate.apply(DOCUMENT);

    // Each flag in a document of its own: nothing there to share with.
    assertThat(validate.apply(document("a", A)).flags().get("a"))
        .isEqualTo(doc.flags().get("a"));
    assertThat(validate.apply(document("b", A)).flags().get("b"))
        .isEqualTo(doc.flags().get("b"));
    assertThat(validate.apply(document("c", C)).flags().get("c"))
        .isEqualTo(doc.flags().get("c"));
  }
}
