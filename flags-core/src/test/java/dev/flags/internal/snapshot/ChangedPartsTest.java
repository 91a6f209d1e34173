package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.DocumentLimits;
import dev.flags.internal.document.DocumentLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ChangedParts} names exactly the document fields an edit of a flag touches, compares
 * variant references by name, and finds no change where only the text's form changed.
 */
final class ChangedPartsTest {
  private static final DocumentLoader LOADER = new DocumentLoader(DocumentLimits.defaults());

  private static final String BASE = """
      {"schema": 1, "version": "v",
       "flags": {
         "p": {"variants": {"on": true, "off": false}, "offVariant": "off",
               "fallthrough": {"variant": "on"}},
         "f": {"description": "d", "owner": "o", "tags": ["t1", "t2"], "metadata": {"m": "x"},
               "enabled": true,
               "variants": {"a": "red", "b": "blue"},
               "offVariant": "b", "salt": "s1",
               "prerequisites": [{"flag": "p", "variant": "on"}],
               "targets": [{"variant": "a", "keys": ["u1", "u2"]}],
               "rules": [{"id": "r1",
                          "conditions": [{"attribute": "country", "op": "in", "values": ["NZ"]}],
                          "rollout": {"variants": [
                            {"variant": "a", "weight": 50000}, {"variant": "b", "weight": 50000}]}}],
               "fallthrough": {"variant": "a"},
               "schedule": [{"from": "2026-01-01T00:00:00Z"}],
               "guardrail": {"maxFailureRate": 0.02, "minSamples": 200}}
       }}
      """;

  private static FlagDocument.Flag f(String json) {
    FlagDocument.Flag flag =
        LOADER.validate(json.getBytes(StandardCharsets.UTF_8)).flags().get("f");
    assertThat(flag).as("the edited document has flag f").isNotNull();
    return flag;
  }

  private static String edit(String from, String to) {
    assertThat(BASE).as("the text to replace").contains(from);
    return BASE.replace(from, to);
  }

  static Stream<Arguments> edits() {
    return Stream.of(
        Arguments.of("\"description\": \"d\"", "\"description\": \"e\"", List.of("description")),
        Arguments.of("\"owner\": \"o\"", "\"owner\": \"q\"", List.of("owner")),
        Arguments.of("[\"t1\", \"t2\"]", "[\"t2\", \"t1\"]", List.of("tags")),
        Arguments.of("{\"m\": \"x\"}", "{\"m\": \"y\"}", List.of("metadata")),
        Arguments.of("\"enabled\": true", "\"enabled\": false", List.of("enabled")),
        Arguments.of("\"a\": \"red\"", "\"a\": \"green\"", List.of("variants")),
        Arguments.of("\"offVariant\": \"b\"", "\"offVariant\": \"a\"", List.of("offVariant")),
        Arguments.of(
            "\"fallthrough\": {\"variant\": \"a\"}",
            "\"fallthrough\": {\"variant\": \"b\"}",
            List.of("fallthrough")),
        Arguments.of("\"salt\": \"s1\"", "\"salt\": \"s2\"", List.of("salt")),
        Arguments.of("\"variant\": \"on\"}]", "\"variant\": \"off\"}]", List.of("prerequisites")),
        Arguments.of("[\"u1\", \"u2\"]", "[\"u1\", \"u3\"]", List.of("targets")),
        Arguments.of(
            "{\"variant\": \"a\", \"keys\"", "{\"variant\": \"b\", \"keys\"", List.of("targets")),
        Arguments.of("[\"NZ\"]", "[\"AU\"]", List.of("rules")),
        Arguments.of(
            "\"weight\": 50000}, {\"variant\": \"b\", \"weight\": 50000}",
            "\"weight\": 40000}, {\"variant\": \"b\", \"weight\": 60000}",
            List.of("rules")),
        Arguments.of("\"2026-01-01T00:00:00Z\"", "\"2026-02-01T00:00:00Z\"", List.of("schedule")),
        Arguments.of("\"minSamples\": 200", "\"minSamples\": 300", List.of("guardrail")),
        // Two fields at once: both named, in the format's order.
        Arguments.of(
            "\"owner\": \"o\", \"tags\": [\"t1\", \"t2\"]",
            "\"owner\": \"z\", \"tags\": [\"t1\"]",
            List.of("owner", "tags")),
        // The variants reordered: their references still name the same variants.
        Arguments.of(
            "{\"a\": \"red\", \"b\": \"blue\"}",
            "{\"b\": \"blue\", \"a\": \"red\"}",
            List.of("variants")),
        // Form only: the fields of the flag in another order, a value spaced differently.
        Arguments.of(
            "\"description\": \"d\", \"owner\": \"o\"",
            "\"owner\":\"o\",\"description\":   \"d\"",
            List.of()));
  }

  @ParameterizedTest
  @MethodSource("edits")
  void oneEdit_namesItsParts(String from, String to, List<String> parts) {
    String edited = edit(from, to);

    assertThat(ChangedParts.between(f(BASE), f(edited))).containsExactlyElementsOf(parts);
    assertThat(ChangedParts.between(f(edited), f(BASE))).containsExactlyElementsOf(parts);
  }

  @Test
  void numberWrittenAnotherWay_noPart() {
    String one = "{\"schema\": 1, \"version\": \"v\", \"flags\": {\"f\": {"
        + "\"variants\": {\"low\": 100, \"high\": 2.5}, \"offVariant\": \"low\","
        + " \"fallthrough\": {\"variant\": \"high\"}}}}";
    String other = one.replace("100,", "1e2,").replace("2.5}", "2.50}");

    assertThat(other).isNotEqualTo(one);
    assertThat(ChangedParts.between(f(one), f(other))).isEmpty();
  }

  @Test
  void sameFlag_readTwice_noPart() {
    FlagDocument.Flag one = f(BASE);
    FlagDocument.Flag two = f(BASE);

    assertThat(two).isNotSameAs(one);
    assertThat(ChangedParts.between(one, two)).isEmpty();
    assertThat(ChangedParts.between(one, one)).isEmpty();
  }
}
