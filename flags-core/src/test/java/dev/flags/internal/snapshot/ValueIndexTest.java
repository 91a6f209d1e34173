package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.testsupport.Docs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Value indexes: a flag's case-sensitive, non-negated {@code equals} and {@code in} conditions on
 * one attribute are decided by one lookup; the answers must be those of each condition alone.
 */
final class ValueIndexTest {

  private static FlagDocument.Condition cond(
      String attribute, Operator op, boolean negate, boolean ignoreCase, Object... values) {
    return new FlagDocument.Condition(attribute, op, List.of(values), negate, ignoreCase);
  }

  @Test
  void of_twoOrMoreEligibleConditionsOnAnAttribute_shareOneIndex() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());
    int proEquals = shared.number(cond("plan", Operator.EQUALS, false, false, "pro"));
    int planIn = shared.number(cond("plan", Operator.IN, false, false, "team", "pro"));
    int negated = shared.number(cond("plan", Operator.EQUALS, true, false, "free"));
    int folded = shared.number(cond("plan", Operator.EQUALS, false, true, "gold"));
    int notIn = shared.number(cond("plan", Operator.NOT_IN, false, false, "x"));
    int number = shared.number(cond("plan", Operator.IN, false, false, "a", 2.0));
    int alone = shared.number(cond("country", Operator.IN, false, false, "NZ"));

    @Nullable ValueIndex[] groups = ValueIndex.of(shared);

    assertThat(groups).isNotNull();
    ValueIndex plan = groups[proEquals];
    assertThat(plan).isNotNull().isSameAs(groups[planIn]);
    assertThat(plan.mask).isEqualTo((1L << proEquals) | (1L << planIn));
    assertThat(groups[negated]).isNull();
    assertThat(groups[folded]).isNull();
    assertThat(groups[notIn]).isNull();
    assertThat(groups[number]).isNull();
    assertThat(groups[alone]).as("one condition on country: nothing to share").isNull();
    assertThat(plan.hits("pro")).isEqualTo(plan.mask);
    assertThat(plan.hits(new String("team"))).isEqualTo(1L << planIn);
    assertThat(plan.hits("free")).isZero();
    assertThat(plan.hits(List.of("free", "team"))).isEqualTo(1L << planIn);
    assertThat(plan.hits(2.0)).isZero();
    assertThat(plan.hits(true)).isZero();
    assertThat(plan.hits(null)).isZero();
  }

  @Test
  void of_noAttributeWithTwoEligibleConditions_isNull() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());
    shared.number(cond("plan", Operator.EQUALS, false, false, "pro"));
    shared.number(cond("country", Operator.IN, false, false, "NZ"));

    assertThat(ValueIndex.of(shared)).isNull();
  }

  /**
   * Rules on {@code plan} and {@code groups} (equals, in, a negated and a case-folded condition
   * among them) against the same rules written out in Java, for random contexts whose values
   * are strings, lists, numbers, booleans or missing.
   */
  @Test
  void evaluate_randomContexts_sameAsEachConditionAlone() {
    String doc = Docs.doc(
        "v1",
        Docs.flag(
            "f",
            "'variants': {'a': 'A', 'b': 'B', 'c': 'C', 'd': 'D', 'z': 'Z'}, 'offVariant': 'z',"
                + " 'rules': ["
                + "{'id': 'r1', 'variant': 'a', 'conditions': [{'attribute': 'plan', 'op':"
                + " 'equals', 'value': 'pro'}, {'attribute': 'group', 'op': 'in', 'values':"
                + " ['beta']}]},"
                + "{'id': 'r2', 'variant': 'b', 'conditions': [{'attribute': 'plan', 'op': 'in',"
                + " 'values': ['team', 'pro']}, {'attribute': 'group', 'op': 'equals', 'value':"
                + " 'staff', 'negate': true}]},"
                + "{'id': 'r3', 'variant': 'c', 'conditions': [{'attribute': 'plan', 'op':"
                + " 'equals', 'value': 'GOLD', 'ignoreCase': true}]},"
                + "{'id': 'r4', 'variant': 'd', 'conditions': [{'attribute': 'group', 'op':"
                + " 'in', 'values': ['staff', 'ops']}, {'attribute': 'plan', 'op': 'equals',"
                + " 'value': 'free'}]}"
                + "], 'fallthrough': {'variant': 'z'}"));
    Snapshot s = new DocumentLoader(DocumentLimits.defaults())
        .load(doc.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    CompiledFlag f = s.flag("f");
    assertThat(f.groups).as("plan and group each have grouped conditions").isNotNull();
    assertThat(f.plainRules).isFalse();
    Object[] plans = {"pro", "team", "free", "gold", "Gold", null, 3.0, true, List.of("x", "pro")};
    Object[] groups = {"beta", "staff", "ops", null, List.of("ops", "beta"), List.of(), 1.0};
    Random random = new Random(11);
    for (int i = 0; i < 5_000; i++) {
      Object plan = plans[random.nextInt(plans.length)];
      Object group = groups[random.nextInt(groups.length)];
      Context.Builder b = Context.newBuilder("user-" + i);
      set(b, "plan", plan, random);
      set(b, "group", group, random);
      String expected = any(plan, "pro") && any(group, "beta")
          ? "a"
          : (any(plan, "team") || any(plan, "pro")) && !any(group, "staff")
              ? "b"
              : plan instanceof String p && p.equalsIgnoreCase("gold")
                  ? "c"
                  : (any(group, "staff") || any(group, "ops")) && any(plan, "free") ? "d" : "z";

      assertThat(Evaluator.evaluate(s, f, b.build()).variant())
          .as("plan=%s group=%s", plan, group)
          .isEqualTo(expected);
    }
  }

  /** Whether a value is the string, or a list holding it. */
  private static boolean any(@Nullable Object value, String wanted) {
    return wanted.equals(value) || (value instanceof List<?> list && list.contains(wanted));
  }

  @SuppressWarnings("unchecked")
  private static void set(Context.Builder b, String name, @Nullable Object value, Random random) {
    if (value instanceof String s) {
      b.set(name, random.nextBoolean() ? s : new String(s)); // the literal, or another instance
    } else if (value instanceof Double d) {
      b.set(name, d.doubleValue());
    } else if (value instanceof Boolean v) {
      b.set(name, v.booleanValue());
    } else if (value instanceof List<?> list) {
      b.set(name, (List<String>) list);
    }
  }
}
