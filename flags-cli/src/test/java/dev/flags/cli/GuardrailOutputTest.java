package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flag's guardrail as {@code eval}, {@code explain} and {@code diff} show it. */
final class GuardrailOutputTest {
  /** Its new-checkout has {@code "guardrail": {"maxFailureRate": 0.02, "minSamples": 200, ...}}. */
  private static final String ROLLOUT = "../examples/checkout-rollout.json";

  private static final String SUMMARY =
      "failure rate > 2%, window 300s in 10 buckets, min samples 200";

  @TempDir
  Path dir;

  @Test
  void eval_guardedFlag_endsTheLineWithItsGuardrail() {
    Cli.Result r = Cli.run("eval", ROLLOUT, "new-checkout", "--key", "qa-checkout-1");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo("new-checkout = true  variant=on reason=RULE_MATCH rule=staff-first"
            + " version=checkout-2027-01-11.1 guardrail=\"" + SUMMARY + "\"\n");
  }

  @Test
  void eval_unguardedFlag_hasNoGuardrailOnTheLine() {
    Cli.Result r = Cli.run("eval", ROLLOUT, "payments-kill-switch", "--key", "u-1");
    assertThat(r.out()).doesNotContain("guardrail");
  }

  @Test
  void evalJson_guardrailIsTheLastField_nullWhenNone() throws IOException {
    Cli.Result guarded =
        Cli.run("eval", ROLLOUT, "new-checkout", "--key", "qa-checkout-1", "--json");
    assertThat(guarded.out())
        .endsWith(",\"version\":\"checkout-2027-01-11.1\",\"guardrail\":{\"maxFailureRate\":0.02,"
            + "\"maxFailureRateAboveControl\":null,\"maxLatencyMillis\":null,"
            + "\"latencyPercentile\":null,\"minSamples\":200,\"windowSeconds\":300,"
            + "\"buckets\":10,\"restoreOnNewDocument\":false,\"summary\":\"" + SUMMARY
            + "\"}}\n");
    assertThat(Json.MAPPER.readTree(guarded.out()).get("variant").asText()).isEqualTo("on");

    Cli.Result unguarded =
        Cli.run("eval", ROLLOUT, "payments-kill-switch", "--key", "u-1", "--json");
    assertThat(unguarded.out()).endsWith(",\"guardrail\":null}\n");
  }

  @Test
  void explain_guardedFlag_showsTheGuardrailUnderTheVariants() {
    Cli.Result r = Cli.run("explain", ROLLOUT, "new-checkout", "--key", "qa-checkout-1");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("variants  on, off (off-variant off)\n"
            + "guardrail failure rate > 2%, window 300s in 10 buckets, min samples 200: the"
            + " client kills\n"
            + "          the flag by itself when the outcomes the application reports cross it\n"
            + "enabled   yes\n");
  }

  @Test
  void explainJson_hasTheGuardrailWithTheDocumentsFieldNames() throws IOException {
    Cli.Result r = Cli.run("explain", ROLLOUT, "new-checkout", "--key", "qa-checkout-1", "--json");
    assertThat(r.code()).isZero();
    JsonNode g = Json.MAPPER.readTree(r.out()).get("guardrail");
    assertThat(g.get("maxFailureRate").asDouble()).isEqualTo(0.02);
    assertThat(g.get("minSamples").asInt()).isEqualTo(200);
    assertThat(g.get("windowSeconds").asInt()).isEqualTo(300);
    assertThat(g.get("summary").asText()).isEqualTo(SUMMARY);
    JsonNode none = Json.MAPPER.readTree(
        Cli.run("explain", ROLLOUT, "payments-kill-switch", "--json").out());
    assertThat(none.get("guardrail").isNull()).isTrue();
  }

  @Test
  void diff_guardrailChanged_saysFromWhatToWhat() throws IOException {
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Path.of(ROLLOUT).toFile());
    root.put("version", "checkout-2027-01-11.2");
    ObjectNode flags = (ObjectNode) root.get("flags");
    ((ObjectNode) flags.get("new-checkout").get("guardrail"))
        .put("maxFailureRate", 0.05)
        .put("maxLatencyMillis", 800);
    ((ObjectNode) flags.get("payments-kill-switch"))
        .set("guardrail", Json.MAPPER.readTree("{\"maxFailureRateAboveControl\": 0.1}"));
    Path next = dir.resolve("next.json");
    Files.writeString(next, Json.write(root), StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("diff", ROLLOUT, next.toString());

    assertThat(r.out())
        .contains("  ~ new-checkout (guardrail)\n"
            + "      guardrail: (" + SUMMARY + ") -> (failure rate > 5%, p99 latency > 800 ms,"
            + " window 300s in 10 buckets, min samples 200)\n")
        .contains("  ~ payments-kill-switch (guardrail)\n"
            + "      guardrail: none -> (failure rate > control + 10%, window 60s in 10 buckets,"
            + " min samples 100)\n");
  }
}
