package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.testsupport.Docs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flags of the same shape in one document share their precomputed results, compiled conditions
 * and rules ({@link SharedValues}); what they serve stays each flag's own, and a flag with
 * document metadata keeps results of its own.
 */
final class SharedResultsTest {

  private static Snapshot load(String doc) {
    return new DocumentLoader(DocumentLimits.defaults())
        .load(doc.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
  }

  /** One flag shape; only the target key differs. */
  private static String shape(String targetKey) {
    return "'variants': {'on': true, 'off': false}, 'offVariant': 'off', 'targets':"
        + " [{'variant': 'on', 'keys': ['" + targetKey + "']}], 'rules': [{'id': 'nz', 'variant':"
        + " 'on', 'conditions': [{'attribute': 'country', 'op': 'in', 'values': ['NZ', 'AU']},"
        + " {'attribute': 'plan', 'op': 'equals', 'value': 'pro'}]}], 'fallthrough': {'variant':"
        + " 'off'}";
  }

  private static final Snapshot SNAPSHOT = load(Docs.doc(
      "v1",
      Docs.flag("a", shape("alice")),
      Docs.flag("b", shape("bob")),
      Docs.flag("with-metadata", shape("carol") + ", 'metadata': {'team': 'payments'}"),
      Docs.flag("other-rule-id", shape("dave").replace("'id': 'nz'", "'id': 'oceania'")),
      Docs.flag("other-values", shape("erin").replace("'NZ', 'AU'", "'NZ', 'FR'"))));

  @Test
  void flagsOfOneShape_shareResultsConditionsAndRules() {
    CompiledFlag a = SNAPSHOT.flag("a");
    CompiledFlag b = SNAPSHOT.flag("b");
    assertThat(b.killed).isSameAs(a.killed);
    assertThat(b.noVariant).isSameAs(a.noVariant);
    assertThat(b.targetResults).isSameAs(a.targetResults);
    assertThat(b.fallthrough).isSameAs(a.fallthrough);
    assertThat(b.rules).isSameAs(a.rules);
    // Their targets differ, so those stay their own.
    assertThat(b.targetKeys[0]).isNotSameAs(a.targetKeys[0]);
  }

  @Test
  void sharedParts_stillServeEachFlagsOwnAnswers() {
    Context alice = Context.of("alice");
    Context bob = Context.of("bob");
    Context kiwi =
        Context.newBuilder("zoe").set("country", "NZ").set("plan", "pro").build();
    Context french =
        Context.newBuilder("zoe").set("country", "FR").set("plan", "pro").build();

    assertThat(Evaluator.evaluate(SNAPSHOT, SNAPSHOT.flag("a"), alice).reason())
        .isEqualTo(Reason.TARGET_MATCH);
    assertThat(Evaluator.evaluate(SNAPSHOT, SNAPSHOT.flag("b"), alice).reason())
        .isEqualTo(Reason.FALLTHROUGH);
    assertThat(Evaluator.evaluate(SNAPSHOT, SNAPSHOT.flag("b"), bob).reason())
        .isEqualTo(Reason.TARGET_MATCH);

    Evaluation aKiwi = Evaluator.evaluate(SNAPSHOT, SNAPSHOT.flag("a"), kiwi);
    assertThat(aKiwi.ruleId()).isEqualTo("nz");
    assertThat(
            Evaluator.evaluate(SNAPSHOT, SNAPSHOT.flag("other-rule-id"), kiwi).ruleId())
        .isEqualTo("oceania");
    assertThat(Evaluator.evaluate(SNAPSHOT, SNAPSHOT.flag("a"), french).reason())
        .isEqualTo(Reason.FALLTHROUGH);
    assertThat(
            Evaluator.evaluate(SNAPSHOT, SNAPSHOT.flag("other-values"), french).ruleId())
        .isEqualTo("nz");
  }

  @Test
  void differentRuleIdsOrValues_areNotShared() {
    CompiledFlag a = SNAPSHOT.flag("a");
    assertThat(SNAPSHOT.flag("other-rule-id").rules[0]).isNotSameAs(a.rules[0]);
    assertThat(SNAPSHOT.flag("other-values").rules[0].conditions[0])
        .isNotSameAs(a.rules[0].conditions[0]);
    // The same second condition is one compiled condition for both.
    assertThat(SNAPSHOT.flag("other-values").rules[0].conditions[1])
        .isSameAs(a.rules[0].conditions[1]);
  }

  @Test
  void aFlagWithDocumentMetadata_keepsResultsOfItsOwn() {
    CompiledFlag a = SNAPSHOT.flag("a");
    CompiledFlag m = SNAPSHOT.flag("with-metadata");
    assertThat(m.metadata()).isEqualTo(Map.of("team", "payments"));
    assertThat(m.killed).isNotSameAs(a.killed);
    assertThat(m.targetResults[0]).isNotSameAs(a.targetResults[0]);
    assertThat(m.fallthrough.fixedResult()).isNotSameAs(a.fallthrough.fixedResult());
    assertThat(m.noVariant).isNotSameAs(a.noVariant);
  }
}
