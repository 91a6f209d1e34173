package dev.flags.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.testsupport.Snippets;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's OpenFeature snippet and docs/openfeature.md's, compiled and run. */
final class ReadmeExampleTest {
  @TempDir
  Path dir;

  @Test
  void readme_openFeatureSnippet_evaluatesThroughTheSdk() throws Exception {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, """
        {"schema": 1, "version": "2026-11-22.1", "flags": {"new-checkout": {
          "variants": {"on": true, "off": false}, "offVariant": "off",
          "rules": [{"id": "nz", "conditions": [{"attribute": "country", "op": "in",
            "values": ["NZ"]}], "variant": "on"}],
          "fallthrough": {"variant": "off"}}}}
        """, StandardCharsets.UTF_8);
    OpenFeatureAPI api = OpenFeatureAPI.createIsolated(); // the README uses getInstance()

    // snippet: readme-openfeature
    Flags flags = Flags.newBuilder().documentFile(file).build();
    api.setProviderAndWait(FlagsProvider.newBuilder(flags).closeOnShutdown(true).build());
    Client client = api.getClient();

    boolean on = client.getBooleanValue("new-checkout", false,
        new ImmutableContext("user-42", Map.of("country", new Value("NZ"))));
    // end snippet

    assertThat(on).isTrue();
    assertThat(client
            .getBooleanDetails(
                "new-checkout",
                false,
                new ImmutableContext("user-43", Map.of("country", new Value("AU"))))
            .getReason())
        .isEqualTo("DEFAULT");
    api.shutdown();
    assertThat(flags.status().state()).isEqualTo(dev.flags.Status.State.CLOSED);
  }

  @Test
  void readmeAndGuide_showTheSnippetVerbatim() {
    Path self = Path.of("src/test/java/dev/flags/openfeature/ReadmeExampleTest.java");

    Snippets.assertQuoted(Path.of("../README.md"), self, "readme-openfeature");
    Snippets.assertQuoted(Path.of("../docs/openfeature.md"), self, "readme-openfeature");
  }
}
