package dev.flags;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's snippets, compiled and run: if this breaks, the README is wrong. */
final class QuickStartTest {
  private static final Path README = Path.of("../README.md");

  @Test
  void readme_fileSnippetAndOperatingSnippet_work() {
    // README, "Use it": the same client without a server.
    try (Flags flags =
        Flags.newBuilder().documentFile(Path.of("../examples/flags.json")).build()) {
      Context user =
          Context.newBuilder("user-42").set("country", "NZ").set("plan", "pro").build();
      boolean enabled = flags.isEnabled("new-checkout", user);
      assertThat(enabled).isFalse(); // user-42 has no appVersion, so rule "oceania" does not match

      // README, "Operating it".
      flags.kill("new-checkout", "INC-2041");
      flags.killTag("payments", "provider outage");
      flags.restore("new-checkout");
      flags.override("checkout-retry-limit", "high", List.of("alice"));
      Status status = flags.status();
      assertThat(flags.evaluate("new-checkout", Context.of("alice")).reason())
          .isEqualTo(Reason.KILLED); // still killed through its tag
      assertThat(flags.getInt("checkout-retry-limit", Context.of("alice"), 3)).isEqualTo(5);
      assertThat(status.killedTags()).containsKey("payments");
      flags.load(new String(readUnchecked(Path.of("../examples/flags.json")), UTF_8)
          .replace("2026-11-22.1", "2026-11-22.2"));
      assertThat(flags.rollback()).isEqualTo("2026-11-22.1");
      assertThat(flags.status().isPinned()).isTrue();
    }
  }

  @Test
  void readme_documentExample_loadsAndEvaluatesAsDescribed() throws IOException {
    String readme = Files.readString(README);
    Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find()).as("README has a JSON example").isTrue();
    try (Flags flags = Flags.newBuilder().document(m.group(1)).build()) {
      assertThat(flags.evaluate("new-checkout", Context.of("alice")).reason())
          .isEqualTo(Reason.TARGET_MATCH);
      assertThat(flags.evaluate("new-checkout", Context.of("user-1")).ruleId()).isEqualTo("beta");
      Evaluation kiwi = flags.evaluate(
          "new-checkout",
          Context.newBuilder("user-77")
              .set("country", "NZ")
              .set("appVersion", "2.3.0")
              .build());
      assertThat(kiwi.ruleId()).isEqualTo("oceania");
    }
  }

  @Test
  void readme_rejectionExample_isWhatTheLibraryPrints() throws IOException {
    String doc = new String(readUnchecked(Path.of("../examples/flags.json")), UTF_8)
        .replace("\"version\": \"2026-11-22.1\"", "\"version\": \"2026-11-22.2\"")
        .replace(
            "\"offVariant\": \"off\",\n      \"targets\"",
            "\"offVariant\": \"of\",\n      \"targets\"")
        .replace(
            "{ \"variant\": \"on\", \"weight\": 50000 },\n              { \"variant\": \"off\", \"weight\": 50000 }",
            "{ \"variant\": \"on\", \"weight\": 49500 },\n              { \"variant\": \"off\", \"weight\": 50000 }");
    try (Flags flags =
        Flags.newBuilder().documentFile(Path.of("../examples/flags.json")).build()) {
      try {
        flags.load(doc);
        throw new AssertionError("accepted");
      } catch (InvalidDocumentException e) {
        String readme = Files.readString(README);
        for (String line : e.getMessage().lines().toList()) {
          assertThat(readme).contains(line.strip());
        }
      }
      assertThat(flags.version()).isEqualTo("2026-11-22.1");
    }
  }

  private static byte[] readUnchecked(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
