package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ValidateCommandTest {
  @TempDir
  Path dir;

  @Test
  void validate_exampleDocument_printsOkWithVersionAndFlagCount() {
    Cli.Result r = Cli.run("validate", Cli.EXAMPLE);
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("OK: version 2026-11-22.1, 6 flags\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validate_brokenDocument_printsEveryProblemAndExits1() throws IOException {
    Path file = write("""
        {
          "schema": 1,
          "version": "7",
          "flags": {
            "a.b": {
              "variants": { "on": true, "off": "no" },
              "offVariant": "of",
              "fallthrough": { "rollout": { "variants": [{ "variant": "on", "weight": 99500 }] } }
            }
          }
        }
        """);
    Cli.Result r = Cli.run("validate", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo("INVALID: version 7, 3 problems\n"
            + "flags[\"a.b\"].variants.off: all variants of a flag must have the same type: 'on' is"
            + " boolean, this one is string\n"
            + "flags[\"a.b\"].offVariant: 'of' is not a declared variant (declared: on, off)\n"
            + "flags[\"a.b\"].fallthrough.rollout: weights sum to 99.5%, expected 100%\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validate_invalidJson_printsTheSingleSyntaxProblem() throws IOException {
    Path file = write("{\"schema\": 1, \"version\": \"7\", \"flags\": {\"a\": tru}}");
    Cli.Result r = Cli.run("validate", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID: 1 problem\nflags.a: invalid JSON: ");
  }

  @Test
  void validate_emptyFile_isRejectedNotAnError() throws IOException {
    Cli.Result r = Cli.run("validate", write("").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("INVALID: 1 problem\n$: document is empty\n");
  }

  @Test
  void validate_oneFlag_saysFlagInTheSingular() throws IOException {
    Path file = write("""
        {"schema": 1, "version": "v1", "flags": {
          "a": {"variants": {"on": true}, "offVariant": "on", "fallthrough": {"variant": "on"}}}}
        """);
    assertThat(Cli.run("validate", file.toString()).out()).isEqualTo("OK: version v1, 1 flag\n");
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("flags.json"), json, StandardCharsets.UTF_8);
  }
}
