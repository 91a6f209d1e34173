package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.testsupport.Docs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions shared by several rules of a flag: compiled once, tested once per evaluation. */
final class SharedConditionsTest {
  private static FlagDocument.Condition condition(String attribute, Operator op, Object... values) {
    return new FlagDocument.Condition(attribute, op, List.of(values), false, false);
  }

  @Test
  void number_sameAttributeOperatorAndValues_oneCompiledCondition() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());

    int a = shared.number(condition("country", Operator.IN, "NZ", "AU"));
    int b = shared.number(condition("country", Operator.IN, "NZ", "AU"));
    int c = shared.number(condition("country", Operator.IN, "AU", "NZ"));

    assertThat(a).isZero().isEqualTo(b);
    assertThat(c).isOne(); // another order is another condition (kept simple, still correct)
    assertThat(shared.get(a)).isSameAs(shared.get(b));
  }

  @Test
  void number_seenAgain_sameNumber_whetherFoundByTheScanOrByTheMap() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());
    int second = -1;
    for (int i = 0; i < SharedConditions.SCANNED; i++) {
      int n = shared.number(condition("plan", Operator.EQUALS, "plan-" + i));
      if (i == 1) {
        second = n;
      }
    }
    assertThat(shared.number(condition("plan", Operator.EQUALS, "plan-1"))).isEqualTo(second);

    int past = shared.number(condition("plan", Operator.EQUALS, "past-the-scan")); // map made

    assertThat(past).isEqualTo(SharedConditions.SCANNED);
    assertThat(shared.number(condition("plan", Operator.EQUALS, "plan-1"))).isEqualTo(second);
    assertThat(shared.number(condition("plan", Operator.EQUALS, "past-the-scan")))
        .isEqualTo(past);
    assertThat(shared.definition(second).values()).containsExactly("plan-1");
    assertThat(shared.size()).isEqualTo(SharedConditions.SCANNED + 1);
  }

  @Test
  void clear_nextFlagNumbersFromZero_sharingTheCompiledConditionAcrossFlags() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());
    for (int i = 0; i < SharedConditions.SCANNED + 2; i++) { // past the scan: its map is made
      shared.number(condition("plan", Operator.EQUALS, "plan-" + i));
    }
    Conditions.Condition pro = shared.get(shared.number(condition("plan", Operator.EQUALS, "pro")));

    shared.clear();

    assertThat(shared.size()).isZero();
    int a = shared.number(condition("country", Operator.EQUALS, "NZ"));
    int b = shared.number(condition("plan", Operator.EQUALS, "pro"));
    assertThat(List.of(a, b)).containsExactly(0, 1);
    assertThat(shared.definition(b).values()).containsExactly("pro");
    assertThat(shared.get(b)).isSameAs(pro); // the compile's shared instance, not a new one
  }

  @Test
  void number_stringAndNumberWithTheSameText_differ() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());

    assertThat(shared.number(condition("plan", Operator.EQUALS, "1")))
        .isNotEqualTo(shared.number(condition("plan", Operator.EQUALS, 1.0)));
  }

  @Test
  void number_negatedOrCaseInsensitive_differs() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());
    int plain = shared.number(condition("plan", Operator.EQUALS, "pro"));

    int negated = shared.number(
        new FlagDocument.Condition("plan", Operator.EQUALS, List.of("pro"), true, false));
    int anyCase = shared.number(
        new FlagDocument.Condition("plan", Operator.EQUALS, List.of("pro"), false, true));

    assertThat(List.of(plain, negated, anyCase)).doesNotHaveDuplicates();
  }

  @Test
  void evaluate_sharedConditionAcrossRules_sameResultsAsWrittenOut() {
    String doc = Docs.doc(
        "v1",
        Docs.flag(
            "f",
            "'variants': {'a': 'A', 'b': 'B', 'c': 'C'}, 'offVariant': 'a',"
                + " 'rules': ["
                + "{'id': 'r1', 'conditions': [{'attribute': 'country', 'op': 'in',"
                + " 'values': ['NZ']}, {'attribute': 'plan', 'op': 'equals', 'value': 'pro'}],"
                + " 'variant': 'b'},"
                + "{'id': 'r2', 'conditions': [{'attribute': 'plan', 'op': 'equals',"
                + " 'value': 'free'}], 'variant': 'a'},"
                + "{'id': 'r3', 'conditions': [{'attribute': 'country', 'op': 'in',"
                + " 'values': ['NZ']}, {'attribute': 'plan', 'op': 'equals', 'value': 'team'}],"
                + " 'variant': 'c'}],"
                + " 'fallthrough': {'variant': 'a'}"));
    Snapshot s = new DocumentLoader(DocumentLimits.defaults())
        .load(doc.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    CompiledFlag f = s.flag("f");

    assertThat(f.rules[0].conditions[0]).isSameAs(f.rules[2].conditions[0]);
    assertThat(f.rules[0].memo).as("plan equals pro and team: one group").containsExactly(0, 1);
    assertThat(f.rules[2].memo).containsExactly(0, 3);
    assertThat(ruleOf(s, f, "NZ", "team")).isEqualTo("r3");
    assertThat(ruleOf(s, f, "NZ", "pro")).isEqualTo("r1");
    assertThat(ruleOf(s, f, "AU", "team")).isNull();
    assertThat(ruleOf(s, f, "AU", "free")).isEqualTo("r2");
  }

  private static String ruleOf(Snapshot s, CompiledFlag f, String country, String plan) {
    Context c =
        Context.newBuilder("u").set("country", country).set("plan", plan).build();
    return Evaluator.evaluate(s, f, c).ruleId();
  }

  @Test
  void number_valuesOfEachKind_sameTextAndTypeIsTheSameCondition() {
    SharedConditions shared = new SharedConditions(Map.of(), new SharedValues());

    int regex = shared.number(condition("email", Operator.MATCHES, Pattern.compile("a+")));
    int version = shared.number(condition("app", Operator.SEMVER_GTE, SemVer.parse("2.1.0")));
    int number = shared.number(condition("age", Operator.GT, 18.0));
    int time = shared.number(condition("at", Operator.AFTER, 1000L));
    int flag = shared.number(condition("beta", Operator.EQUALS, true));

    assertThat(List.of(regex, version, number, time, flag)).doesNotHaveDuplicates();
    assertThat(shared.number(condition("email", Operator.MATCHES, Pattern.compile("a+"))))
        .isEqualTo(regex);
    assertThat(shared.number(condition("app", Operator.SEMVER_GTE, SemVer.parse("2.1.0"))))
        .isEqualTo(version);
    assertThat(shared.number(condition("age", Operator.GT, 18.0))).isEqualTo(number);
    assertThat(shared.number(condition("at", Operator.AFTER, 1000L))).isEqualTo(time);
    assertThat(shared.number(condition("beta", Operator.EQUALS, true))).isEqualTo(flag);
    assertThat(shared.number(condition("email", Operator.MATCHES, Pattern.compile("a*"))))
        .isNotEqualTo(regex);
    assertThat(shared.number(condition("age", Operator.GT, 18.5))).isNotEqualTo(number);
    int in = shared.number(condition("age", Operator.IN, 18.0));
    assertThat(shared.number(condition("age", Operator.IN, 18.0, 19.0))).isNotEqualTo(in);
    assertThat(shared.number(condition("age", Operator.IN, 18.0))).isEqualTo(in);
    assertThat(shared.number(condition("years", Operator.GT, 18.0))).isNotEqualTo(number);
  }

  @Test
  void key_equalOnlyToAKeyOfTheSameCondition() {
    SharedConditions.Key key = new SharedConditions.Key(condition("plan", Operator.EQUALS, "pro"));

    assertThat(key)
        .isEqualTo(new SharedConditions.Key(condition("plan", Operator.EQUALS, "pro")))
        .hasSameHashCodeAs(new SharedConditions.Key(condition("plan", Operator.EQUALS, "pro")))
        .isNotEqualTo(new SharedConditions.Key(condition("plan", Operator.EQUALS, "team")))
        .isNotEqualTo(new SharedConditions.Key(condition("plan", Operator.IN, "pro")))
        .isNotEqualTo("plan");
  }
}
