package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.testsupport.Docs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Attribute slots: the first four distinct attributes a flag's rules read are read from the
 * context once per evaluation; the answers must be those of reading every condition afresh.
 */
final class AttributeSlotsTest {
  private static Conditions.Condition attribute(String name) {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());
    return shared.get(shared.number(condition(name)));
  }

  private static FlagDocument.Condition condition(String name) {
    return new FlagDocument.Condition(name, Operator.EXISTS, List.of(), false, false);
  }

  @Test
  void slot_numbersReusedAttributesInOrderOfFirstUse_uptoFour() {
    List<String> slotted = new ArrayList<>();
    Set<String> reused = Set.of("plan", "country", "age", "tier", "region");

    assertThat(SnapshotCompiler.slot(attribute("plan"), slotted, reused)).isZero();
    assertThat(SnapshotCompiler.slot(attribute("country"), slotted, reused)).isOne();
    assertThat(SnapshotCompiler.slot(attribute("plan"), slotted, reused)).isZero();
    assertThat(SnapshotCompiler.slot(attribute("email"), slotted, reused))
        .as("read once")
        .isEqualTo(-1);
    assertThat(SnapshotCompiler.slot(attribute("age"), slotted, reused)).isEqualTo(2);
    assertThat(SnapshotCompiler.slot(attribute("tier"), slotted, reused)).isEqualTo(3);
    assertThat(SnapshotCompiler.slot(attribute("region"), slotted, reused)).isEqualTo(-1);
    assertThat(SnapshotCompiler.slot(attribute("country"), slotted, reused)).isOne();
    assertThat(slotted).containsExactly("plan", "country", "age", "tier");
  }

  @Test
  void slot_segmentTest_hasNoSlot() {
    Conditions.Condition inSegment = new Conditions.InSegment(new CompiledSegment[0], false);

    assertThat(SnapshotCompiler.slot(inSegment, new ArrayList<>(), Set.of("key")))
        .isEqualTo(-1);
  }

  /**
   * Six attributes over five rules (slots for the first four, the rest read directly), missing
   * attributes and negations included, against the same rules written out in Java.
   */
  @Test
  void evaluate_randomContexts_sameAsEveryConditionReadAfresh() {
    String doc = Docs.doc(
        "v1",
        Docs.flag(
            "f",
            "'variants': {'a': 'A', 'b': 'B', 'c': 'C', 'd': 'D', 'e': 'E', 'z': 'Z'},"
                + " 'offVariant': 'z', 'rules': ["
                + rule("r1", "a", cond("plan", "equals", "'value': 'a'"), in("country", "NZ"))
                + ","
                + rule(
                    "r2",
                    "b",
                    cond("plan", "equals", "'value': 'b'"),
                    cond("age", "gt", "'value': 30"))
                + ","
                + rule(
                    "r3",
                    "c",
                    cond("tier", "notIn", "'values': ['gold']"),
                    cond("plan", "equals", "'value': 'c'"))
                + ","
                + rule("r4", "d", cond("region", "exists", ""), in("country", "DE"))
                + ","
                + rule(
                    "r5",
                    "e",
                    cond("email", "startsWith", "'value': 'x'"),
                    cond("age", "lt", "'value': 20"))
                + "], 'fallthrough': {'variant': 'z'}"));
    Snapshot s = new DocumentLoader(DocumentLimits.defaults())
        .load(doc.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    CompiledFlag f = s.flag("f");
    assertThat(f.rules[0].slots)
        .as("plan and country are read twice or more")
        .containsExactly(0, 1);
    assertThat(f.rules[2].slots).as("tier is read once").containsExactly(-1, 0);
    assertThat(f.rules[4].slots).as("email is read once").containsExactly(-1, 2);
    Random random = new Random(42);
    String[] plans = {"a", "b", "c", "d", null};
    String[] countries = {"NZ", "DE", "AU", null};
    for (int i = 0; i < 5_000; i++) {
      String plan = pick(random, plans);
      String country = pick(random, countries);
      Double age = random.nextInt(4) == 0 ? null : (double) random.nextInt(50);
      String tier = pick(random, new String[] {"gold", "silver", null});
      String region = pick(random, new String[] {"eu", null});
      String email = pick(random, new String[] {"x@example.com", "y@example.com", null});
      Context.Builder b = Context.newBuilder("user-" + i);
      set(b, "plan", plan);
      set(b, "country", country);
      if (age != null) {
        b.set("age", age.doubleValue());
      }
      set(b, "tier", tier);
      set(b, "region", region);
      set(b, "email", email);
      String expected = "a".equals(plan) && "NZ".equals(country)
          ? "a"
          : "b".equals(plan) && age != null && age > 30
              ? "b"
              : !"gold".equals(tier) && "c".equals(plan)
                  ? "c"
                  : region != null && "DE".equals(country)
                      ? "d"
                      : email != null && email.startsWith("x") && age != null && age < 20
                          ? "e"
                          : "z";

      assertThat(Evaluator.evaluate(s, f, b.build()).variant())
          .as(
              "plan=%s country=%s age=%s tier=%s region=%s email=%s",
              plan, country, age, tier, region, email)
          .isEqualTo(expected);
    }
  }

  /**
   * Rules that share no condition and no attribute take the plain path (no memo, no slots), and
   * a flag with nothing before its rules skips the checks that come first. Values and names are
   * fresh string instances half of the time, and some share a hash with a wanted value.
   */
  @Test
  void evaluate_plainRules_sameAsTheRulesWrittenOut() {
    String doc = Docs.doc(
        "v1",
        Docs.flag(
            "f",
            "'variants': {'a': 'A', 'b': 'B', 'z': 'Z'}, 'offVariant': 'z', 'rules': ["
                + rule("r1", "a", cond("plan", "equals", "'value': 'Aa'"), in("country", "NZ"))
                + ","
                + rule("r2", "b", cond("tier", "in", "'values': ['gold', 'BB']"))
                + "], 'fallthrough': {'variant': 'z'}"));
    Snapshot s = new DocumentLoader(DocumentLimits.defaults())
        .load(doc.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    CompiledFlag f = s.flag("f");
    assertThat(f.plainRules).isTrue();
    assertThat(f.onlyRules).isTrue();
    assertThat(f.rules[0].memo).containsExactly(-1, -1);
    Random random = new Random(7);
    String[] plans = {"Aa", "BB", "C#", "pro", null}; // "Aa", "BB" and "C#" share a hash
    String[] countries = {"NZ", "DE", null};
    String[] tiers = {"gold", "Aa", "BB", null};
    for (int i = 0; i < 2_000; i++) {
      String plan = fresh(random, pick(random, plans));
      String country = fresh(random, pick(random, countries));
      String tier = fresh(random, pick(random, tiers));
      Context.Builder b = Context.newBuilder("user-" + i);
      set(b, fresh(random, "plan"), plan);
      set(b, fresh(random, "country"), country);
      set(b, fresh(random, "tier"), tier);
      String expected = "Aa".equals(plan) && "NZ".equals(country)
          ? "a"
          : "gold".equals(tier) || "BB".equals(tier) ? "b" : "z";

      assertThat(Evaluator.evaluate(s, f, b.build()).variant())
          .as("plan=%s country=%s tier=%s", plan, country, tier)
          .isEqualTo(expected);
    }
  }

  /** The same text, as a new instance half of the time (not the interned literal). */
  private static @Nullable String fresh(Random random, @Nullable String value) {
    return value != null && random.nextBoolean() ? new String(value) : value;
  }

  private static @Nullable String pick(Random random, @Nullable String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static void set(Context.Builder b, String name, @Nullable String value) {
    if (value != null) {
      b.set(name, value);
    }
  }

  private static String rule(String id, String variant, String... conditions) {
    return "{'id': '" + id + "', 'variant': '" + variant + "', 'conditions': ["
        + String.join(", ", conditions) + "]}";
  }

  private static String cond(String attribute, String op, String value) {
    return "{'attribute': '" + attribute + "', 'op': '" + op + "'"
        + (value.isEmpty() ? "" : ", " + value) + "}";
  }

  private static String in(String attribute, String value) {
    return cond(attribute, "in", "'values': ['" + value + "']");
  }
}
