package dev.flags.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import dev.flags.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documents built in code: what they serve, through the real reader and validator. */
final class TestFlagsTest {
  @Test
  void document_onOffValues_theJsonAFileWouldHave() {
    assertThat(TestFlags.document(TestFlags.flag("a").on(), TestFlags.flag("t").value("dark")))
        .isEqualTo("{\"schema\": 1, \"version\": \"test\", \"flags\": {"
            + "\"a\": {\"variants\": {\"on\": true, \"off\": false}, \"offVariant\": \"off\","
            + " \"fallthrough\": {\"variant\": \"on\"}}, "
            + "\"t\": {\"variants\": {\"value\": \"dark\"}, \"offVariant\": \"value\","
            + " \"fallthrough\": {\"variant\": \"value\"}}}}");
  }

  @Test
  void client_onAndOff_everyone() {
    try (Flags flags =
        TestFlags.client(TestFlags.flag("a").on(), TestFlags.flag("b").off())) {
      assertThat(flags.isEnabled("a", Context.of("anyone"))).isTrue();
      assertThat(flags.isEnabled("b", Context.of("anyone"))).isFalse();
      assertThat(flags.evaluate("a", Context.EMPTY).reason()).isEqualTo(Reason.FALLTHROUGH);
      flags.kill("a", "test");
      assertThat(flags.isEnabled("a")).isFalse();
    }
  }

  @Test
  void client_forKeysAndRolloutPercent_targetsThenStickyShareOfTheRest() {
    try (Flags flags =
        TestFlags.client(TestFlags.flag("new-checkout").on().forKeys("alice").rolloutPercent(10))) {
      assertThat(flags.evaluate("new-checkout", Context.of("alice")).reason())
          .isEqualTo(Reason.TARGET_MATCH);
      int on = 0;
      for (int i = 0; i < 10_000; i++) {
        Evaluation e = flags.evaluate("new-checkout", Context.of("user-" + i));
        assertThat(e.reason()).isEqualTo(Reason.FALLTHROUGH);
        on += Boolean.TRUE.equals(e.value()) ? 1 : 0;
      }
      assertThat(on).isBetween(900, 1_100);
    }
  }

  @Test
  void client_offForKeys_onForEveryoneElse() {
    try (Flags flags = TestFlags.client(TestFlags.flag("legacy").off().forKeys("bob"))) {
      assertThat(flags.isEnabled("legacy", Context.of("bob"))).isFalse();
      assertThat(flags.isEnabled("legacy", Context.of("carol"))).isTrue();
    }
  }

  @Test
  void client_when_ruleOnTheAttribute() {
    try (Flags flags =
        TestFlags.client(TestFlags.flag("nz-only").on().when("country", "NZ", "AU"))) {
      Context nz = Context.newBuilder("u").set("country", "NZ").build();
      Context us = Context.newBuilder("u").set("country", "US").build();

      assertThat(flags.evaluate("nz-only", nz).reason()).isEqualTo(Reason.RULE_MATCH);
      assertThat(flags.evaluate("nz-only", nz).ruleId()).isEqualTo("when-1");
      assertThat(flags.isEnabled("nz-only", us)).isFalse();
    }
  }

  @Test
  void client_variantsServeAndOffVariant_multiVariantFlag() {
    try (Flags flags = TestFlags.client(TestFlags.flag("layout")
        .variants("one-page", "two-page", "wizard")
        .serve("wizard")
        .offVariant("two-page")
        .forKeys("alice")
        .tags("checkout"))) {
      assertThat(flags.getString("layout", Context.of("alice"), "x")).isEqualTo("wizard");
      assertThat(flags.getString("layout", Context.of("bob"), "x")).isEqualTo("two-page");
      assertThat(flags.killTag("checkout", "test")).containsExactly("layout");
    }
  }

  @Test
  void client_numbersJsonAndDisabled_valuesOfEveryType() {
    try (Flags flags = TestFlags.client(
        TestFlags.flag("retries").value(3),
        TestFlags.flag("ratio").value(0.25),
        TestFlags.flag("theme")
            .variant("dark", Map.of("bg", "#000", "sizes", List.of(1, 2.5)))
            .variant("light", Map.of("bg", "#fff")),
        TestFlags.flag("old").on().disabled())) {
      assertThat(flags.getLong("retries", Context.EMPTY, 0)).isEqualTo(3);
      assertThat(flags.getDouble("ratio", Context.EMPTY, 0)).isEqualTo(0.25);
      assertThat(flags.getJson("theme", Context.EMPTY, "{}"))
          .isIn("{\"bg\":\"#000\",\"sizes\":[1,2.5]}", "{\"sizes\":[1,2.5],\"bg\":\"#000\"}");
      assertThat(flags.evaluate("old", Context.EMPTY).reason()).isEqualTo(Reason.DISABLED);
      assertThat(flags.isEnabled("old")).isFalse();
    }
  }

  @Test
  void client_mistakes_rejectedByTheValidatorListingEveryProblem() {
    assertThatThrownBy(() -> TestFlags.client(
            TestFlags.flag("a").on().serve("maybe"), TestFlags.flag("b").on().rolloutPercent(120)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("flag document version 'test' rejected (3 problems)\n"
            + "  flags.a.fallthrough.variant: 'maybe' is not a declared variant (declared: on,"
            + " off)\n"
            + "  flags.b.fallthrough.rollout.variants[0].weight: must be an integer from 0 to"
            + " 100000 (thousandths of a percent, 100000 = 100%), not the number 120000\n"
            + "  flags.b.fallthrough.rollout.variants[1].weight: must be an integer from 0 to"
            + " 100000 (thousandths of a percent, 100000 = 100%), not the number -20000");
  }
}
