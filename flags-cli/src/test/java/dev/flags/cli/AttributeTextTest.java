package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.Operator;
import dev.flags.internal.snapshot.SemVer;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AttributeTextTest {

  private static Condition condition(String attribute, String op, Object... values) {
    return new Condition(attribute, Operator.byName(op), List.of(values), false, false);
  }

  @Test
  void hint_valueOfTheRightType_isNull() {
    assertThat(AttributeText.hint(condition("age", "gte", 18.0), 30.0)).isNull();
    assertThat(AttributeText.hint(condition("c", "in", "NZ", 3.0), "NZ")).isNull();
    assertThat(AttributeText.hint(condition("c", "in", "NZ", 3.0), 3.0)).isNull();
    assertThat(AttributeText.hint(condition("g", "in", "a"), List.of("b"))).isNull();
    assertThat(AttributeText.hint(condition("e", "exists"), true)).isNull();
    assertThat(AttributeText.hint(condition("t", "after", 0L), "2026-11-22T10:00:00Z"))
        .isNull();
    assertThat(AttributeText.hint(condition("age", "gte", 18.0), null)).isNull();
    assertThat(AttributeText.hint(condition("g", "gte", 1.0), List.of())).isNull();
  }

  @Test
  void hint_wrongType_saysWhatTheOperatorNeedsAndHowToPassIt() {
    assertThat(AttributeText.hint(condition("c", "in", "NZ", 3.0), true))
        .isEqualTo("in needs a string or a number: --attr c=true");
    assertThat(AttributeText.hint(condition("c", "in", "NZ"), 3.0))
        .isEqualTo("in needs a string: --attr c=3");
    assertThat(AttributeText.hint(condition("b", "equals", "yes"), false))
        .isEqualTo("equals needs a string: --attr b=false");
    assertThat(AttributeText.hint(condition("n", "equals", 2.0), "2.5"))
        .isEqualTo("equals needs a number: --attr n:number=2.5");
    assertThat(AttributeText.hint(condition("n", "gte", 2.0), "two"))
        .isEqualTo("gte needs a number");
    assertThat(AttributeText.hint(condition("n", "gte", 2.0), List.of("2")))
        .isEqualTo("gte needs a number");
    assertThat(AttributeText.hint(condition("t", "before", 0L), true))
        .isEqualTo("before needs a time (epoch milliseconds, or an ISO-8601 string with an offset):"
            + " --attr t:time=2026-11-22T10:00:00Z");
    assertThat(AttributeText.hint(condition("v", "semverGte", SemVer.parse("1.0.0")), "1.x"))
        .isEqualTo("\"1.x\" is not a semantic version (e.g. 2.1.0)");
    assertThat(AttributeText.hint(condition("key", "gte", 2.0), "u-1"))
        .isEqualTo("gte needs a number");
  }

  @Test
  void describe_keyAndValues() {
    assertThat(AttributeText.describe("key", "u-1")).isEqualTo("key is the context key \"u-1\"");
    assertThat(AttributeText.describe("key", null))
        .isEqualTo("key is missing (an anonymous context)");
    assertThat(AttributeText.describe("g", List.of())).isEqualTo("g is the empty list");
    assertThat(AttributeText.describe("b", true)).isEqualTo("b is the boolean true");
    assertThat(AttributeText.describe("n", 2.5)).isEqualTo("n is the number 2.5");
    assertThat(AttributeText.type(List.of("a"))).isEqualTo("list");
    assertThat(AttributeText.type(true)).isEqualTo("boolean");
  }

  @Test
  void condition_rendersNegationCaseAndOperands() {
    assertThat(AttributeText.condition(
            new Condition("e", Operator.byName("endsWith"), List.of("@x.com"), true, true)))
        .isEqualTo("not e endsWith \"@x.com\" (ignoreCase)");
    assertThat(AttributeText.condition(condition("t", "before", 1_798_761_600_000L)))
        .isEqualTo("t before \"2027-01-01T00:00:00Z\"");
    assertThat(AttributeText.condition(condition("n", "in", 1.5, 2.0, "x")))
        .isEqualTo("n in 1.5, 2, \"x\"");
    assertThat(AttributeText.condition(condition("e", "exists"))).isEqualTo("e exists");
  }
}
