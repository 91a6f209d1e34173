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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A flag whose one rule has one condition and a fixed result is evaluated without the rule loop
 * ({@code CompiledFlag.soleCondition}); its answers must be those of the loop, and flag keys are
 * interned so that a literal finds its flag by reference.
 */
final class SoleConditionTest {
  private static final String ON_OFF =
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off',";
  /** A 50/50 rollout, as a serve's field. */
  private static final String ROLLOUT = "'rollout': {'variants': [{'variant': 'on', 'weight':"
      + " 50000}, {'variant': 'off', 'weight': 50000}]}";
  /** A serve that is that rollout. */
  private static final String HALF = "{" + ROLLOUT + "}";

  private static final String NEVER = "{'id': 'never', 'variant': 'off', 'conditions':"
      + " [{'attribute': 'never-set', 'op': 'exists'}]}";

  /** One condition of each kind, as a rule's conditions array holds it. */
  private static final List<String> CONDITIONS = List.of(
      "{'attribute': 'country', 'op': 'in', 'values': ['NZ', 'AU', 'DE']}",
      "{'attribute': 'country', 'op': 'notIn', 'values': ['NZ']}",
      "{'attribute': 'country', 'op': 'equals', 'value': 'nz', 'ignoreCase': true}",
      "{'attribute': 'email', 'op': 'endsWith', 'value': '@example.com'}",
      "{'attribute': 'age', 'op': 'gt', 'value': 30}",
      "{'attribute': 'country', 'op': 'exists'}",
      "{'op': 'inSegment', 'value': 'staff'}",
      "{'op': 'inSegment', 'value': 'staff', 'negate': true}",
      "{'op': 'inSegment', 'value': 'members'}",
      "{'op': 'inSegment', 'value': 'members', 'negate': true}",
      "{'op': 'inSegment', 'values': ['members', 'staff']}");

  private static Snapshot load(String doc) {
    return new DocumentLoader(DocumentLimits.defaults())
        .load(doc.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
  }

  private static String rule(String condition) {
    return "{'id': 'r', 'variant': 'on', 'conditions': [" + condition + "]}";
  }

  @Test
  void soleCondition_onlyForOneRuleOfOneConditionWithAFixedResult() {
    String nz = "{'attribute': 'country', 'op': 'in', 'values': ['NZ']}";
    Snapshot s = load(Docs.doc(
        "v1",
        Docs.flag("sole", ON_OFF + "'rules': [" + rule(nz) + "], 'fallthrough': " + HALF),
        Docs.flag(
            "targets-then-sole",
            ON_OFF + "'targets': [{'variant': 'off', 'keys': ['alice']}], 'rules': [" + rule(nz)
                + "], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "rollout-rule",
            ON_OFF + "'rules': [{'id': 'r', 'conditions': [" + nz + "], " + ROLLOUT
                + "}], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "two-conditions",
            ON_OFF + "'rules': [{'id': 'r', 'variant': 'on', 'conditions': [" + nz + ", " + nz
                + "]}], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "two-rules",
            ON_OFF + "'rules': [" + rule(nz) + ", " + NEVER
                + "], 'fallthrough': {'variant': 'off'}"),
        Docs.onOff("no-rules", "on")));

    assertThat(s.flag("sole").soleCondition).isNotNull();
    assertThat(s.flag("sole").soleResult).extracting(Evaluation::ruleId).isEqualTo("r");
    assertThat(s.flag("targets-then-sole").soleCondition).isNotNull();
    assertThat(s.flag("rollout-rule").soleCondition)
        .as("a rollout is not a fixed result")
        .isNull();
    assertThat(s.flag("two-conditions").soleCondition).isNull();
    assertThat(s.flag("two-rules").soleCondition).isNull();
    assertThat(s.flag("no-rules").soleCondition).isNull();
  }

  @Test
  void evaluate_targetBeforeTheSoleRule() {
    Snapshot s = load(Docs.doc(
        "v1",
        Docs.flag(
            "f",
            ON_OFF + "'targets': [{'variant': 'off', 'keys': ['alice']}], 'rules': ["
                + rule("{'attribute': 'country', 'op': 'in', 'values': ['NZ']}")
                + "], 'fallthrough': {'variant': 'off'}")));
    CompiledFlag f = s.flag("f");

    Evaluation alice = Evaluator.evaluate(
        s, f, Context.newBuilder("alice").set("country", "NZ").build());
    Evaluation bob =
        Evaluator.evaluate(s, f, Context.newBuilder("bob").set("country", "NZ").build());

    assertThat(alice.reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(alice.variant()).isEqualTo("off");
    assertThat(bob.reason()).isEqualTo(Reason.RULE_MATCH);
    assertThat(bob.variant()).isEqualTo("on");
  }

  /**
   * For each kind of condition, a flag with it as its sole rule and the same flag with a second
   * rule that never matches (which takes the loop) give the same variant, reason and rule over
   * random contexts: missing, list, number and fresh-instance values, empty keys, segment
   * members, and a fallthrough rollout that cannot bucket an empty key.
   */
  @Test
  void evaluate_randomContexts_sameAsTheRuleLoop() {
    // The same flag keys in both documents: a rollout's salt is its flag's key.
    List<String> soleFlags = new ArrayList<>();
    List<String> loopFlags = new ArrayList<>();
    for (int i = 0; i < CONDITIONS.size(); i++) {
      String fallthrough = i % 2 == 0 ? HALF : "{'variant': 'off'}";
      soleFlags.add(Docs.flag(
          "f-" + i,
          ON_OFF + "'rules': [" + rule(CONDITIONS.get(i)) + "], 'fallthrough': " + fallthrough));
      loopFlags.add(Docs.flag(
          "f-" + i,
          ON_OFF + "'rules': [" + rule(CONDITIONS.get(i)) + ", " + NEVER + "], 'fallthrough': "
              + fallthrough));
    }
    String segments =
        "'staff': {'included': ['boss'], 'excluded': ['intern'], 'rules': [{'id': 'mail',"
            + " 'conditions': [{'attribute': 'email', 'op': 'endsWith', 'value':"
            + " '@staff.example'}]}]}, 'members': {'included': ['alice', 'user-1']}";
    Snapshot soles = load(Docs.docWithSegments("v1", segments, soleFlags.toArray(String[]::new)));
    Snapshot loops = load(Docs.docWithSegments("v1", segments, loopFlags.toArray(String[]::new)));
    Random random = new Random(11);
    String[] keys = {"", "boss", "intern", "user-1", "user-2", "alice"};
    Object[] countries = {"NZ", "nz", "DE", "FR", 7.0, List.of("FR", "NZ"), List.of("FR"), null};
    String[] emails = {"a@example.com", "b@staff.example", "c@EXAMPLE.COM", null};
    for (int n = 0; n < 5_000; n++) {
      Context.Builder b = Context.newBuilder(fresh(random, keys[random.nextInt(keys.length)]));
      Object country = countries[random.nextInt(countries.length)];
      if (country instanceof String c) {
        b.set("country", fresh(random, c));
      } else if (country instanceof Double d) {
        b.set("country", d.doubleValue());
      } else if (country instanceof List<?> list) {
        b.set("country", list.stream().map(String::valueOf).toList());
      }
      String email = emails[random.nextInt(emails.length)];
      if (email != null) {
        b.set("email", email);
      }
      if (random.nextBoolean()) {
        b.set("age", (double) random.nextInt(60));
      }
      Context context = b.build();
      for (int i = 0; i < CONDITIONS.size(); i++) {
        CompiledFlag sole = soles.flag("f-" + i);
        CompiledFlag loop = loops.flag("f-" + i);
        assertThat(sole.soleCondition).isNotNull();
        assertThat(loop.soleCondition).isNull();
        Evaluation viaSole = Evaluator.evaluate(soles, sole, context);
        Evaluation viaLoop = Evaluator.evaluate(loops, loop, context);

        assertThat(List.of(
                String.valueOf(viaSole.variant()),
                viaSole.reason(),
                String.valueOf(viaSole.ruleId())))
            .as("%s for %s", CONDITIONS.get(i), context)
            .isEqualTo(List.of(
                String.valueOf(viaLoop.variant()),
                viaLoop.reason(),
                String.valueOf(viaLoop.ruleId())));
      }
    }
  }

  @Test
  void soleKeys_onlyForOneSegmentThatIsAKeyList_notNegated() {
    String segments = "'members': {'included': ['alice']}, 'with-excluded': {'included':"
        + " ['alice'], 'excluded': ['bob']}, 'with-rules': {'included': ['alice'], 'rules':"
        + " [{'id': 'r', 'conditions': [{'attribute': 'staff', 'op': 'exists'}]}]}";
    Snapshot s = load(Docs.docWithSegments(
        "v1",
        segments,
        Docs.flag(
            "keys",
            ON_OFF + "'rules': [" + rule("{'op': 'inSegment', 'value': 'members'}")
                + "], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "negated",
            ON_OFF + "'rules': ["
                + rule("{'op': 'inSegment', 'value': 'members', 'negate': true}")
                + "], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "not-in",
            ON_OFF + "'rules': ["
                + rule("{'op': 'notInSegment', 'value': 'members'}")
                + "], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "two-segments",
            ON_OFF + "'rules': ["
                + rule("{'op': 'inSegment', 'values': ['members', 'with-excluded']}")
                + "], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "excluded",
            ON_OFF + "'rules': ["
                + rule("{'op': 'inSegment', 'value': 'with-excluded'}")
                + "], 'fallthrough': {'variant': 'off'}"),
        Docs.flag(
            "segment-rules",
            ON_OFF + "'rules': ["
                + rule("{'op': 'inSegment', 'value': 'with-rules'}")
                + "], 'fallthrough': {'variant': 'off'}")));

    assertThat(s.flag("keys").soleKeys).isNotNull();
    assertThat(s.flag("negated").soleKeys).isNull();
    assertThat(s.flag("not-in").soleKeys).isNull();
    assertThat(s.flag("two-segments").soleKeys).isNull();
    assertThat(s.flag("excluded").soleKeys).isNull();
    assertThat(s.flag("segment-rules").soleKeys).isNull();
    assertThat(Evaluator.evaluate(s, s.flag("keys"), Context.of(new String("alice")))
            .variant())
        .isEqualTo("on");
    assertThat(Evaluator.evaluate(s, s.flag("keys"), Context.of("bob")).variant())
        .isEqualTo("off");
    assertThat(Evaluator.evaluate(s, s.flag("keys"), Context.EMPTY).reason())
        .isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void flagKey_isInterned_andFoundByAnEqualString() {
    Snapshot s = load(Docs.doc("v1", Docs.onOff("new-checkout", "on")));

    CompiledFlag byNewInstance = s.flag(new String("new-checkout"));

    assertThat(byNewInstance).isNotNull();
    assertThat(byNewInstance.key).isSameAs("new-checkout");
    assertThat(s.flag("new-checkout")).isSameAs(byNewInstance);
  }

  /** The same text, as a new instance half of the time (not the interned literal). */
  private static String fresh(Random random, String value) {
    return random.nextBoolean() ? new String(value) : value;
  }
}
