package dev.flags;

import static dev.flags.testsupport.Docs.docWithSegments;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Evaluation.Trait;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The traits the compiler gives each result, and what KEY_ONLY promises. */
final class EvaluationTraitsTest {
  private static final String ON_OFF =
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off', ";
  private static final String HALF = "'rollout': {'variants': [{'variant': 'on', 'weight': 50000},"
      + " {'variant': 'off', 'weight': 50000}]}";
  private static final String NZ =
      "'conditions': [{'attribute': 'country', 'op': 'in', 'values': ['NZ']}]";

  private final Flags flags = Flags.newBuilder()
      .document(docWithSegments(
          "v1",
          "'staff': {'rules': [{'id': 'mail', 'conditions': [{'attribute': 'email',"
              + " 'op': 'endsWith', 'value': '@example.com'}]}]}",
          onOff("static", "on"),
          onOff("disabled", "on", "'enabled': false"),
          onOff("scheduled", "on", "'schedule': [{'from': '2000-01-01T00:00:00Z'}]"),
          flag(
              "targeted",
              ON_OFF + "'targets': [{'variant': 'on', 'keys': ['alice']}],"
                  + " 'fallthrough': {'variant': 'off'}"),
          flag(
              "ruled",
              ON_OFF + "'targets': [{'variant': 'on', 'keys': ['alice']}],"
                  + " 'rules': [{'id': 'nz', " + NZ + ", 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'off'}"),
          flag("split", ON_OFF + "'fallthrough': {" + HALF + "}"),
          flag(
              "split-by-org",
              ON_OFF + "'fallthrough': {'rollout': {'bucketBy': 'org', 'variants': ["
                  + "{'variant': 'on', 'weight': 50000}, {'variant': 'off', 'weight': 50000}]}}"),
          flag(
              "rule-split",
              ON_OFF + "'rules': [{'id': 'nz', " + NZ + ", " + HALF + "}],"
                  + " 'fallthrough': {'variant': 'off'}"),
          flag(
              "dependent",
              ON_OFF + "'prerequisites': [{'flag': 'ruled', 'variant': 'on'}],"
                  + " 'targets': [{'variant': 'on', 'keys': ['alice']}],"
                  + " 'fallthrough': {'variant': 'on'}"),
          flag(
              "segmented",
              ON_OFF + "'prerequisites': [{'flag': 'split-by-org', 'variant': 'on'}],"
                  + " 'rules': [{'id': 's', 'conditions': [{'op': 'inSegment', 'value': 'staff'},"
                  + " {'attribute': 'key', 'op': 'exists'}], 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'off'}")))
      .build();

  @AfterEach
  void close() {
    flags.close();
  }

  private Set<Trait> traits(String flag, Context context) {
    Evaluation e = flags.evaluate(flag, context);
    Set<Trait> out = EnumSet.noneOf(Trait.class);
    for (Trait t : Trait.values()) {
      if (e.has(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static Context user(String key, String country) {
    return Context.newBuilder(key).set("country", country).set("org", "acme").build();
  }

  @Test
  void has_fallthroughOfFlagWithNothingElse_staticAndKeyOnly() {
    assertThat(traits("static", Context.EMPTY)).containsExactly(Trait.STATIC, Trait.KEY_ONLY);
  }

  @Test
  void has_fallthroughOfScheduledOrTargetedFlag_keyOnlyNotStatic() {
    assertThat(traits("scheduled", user("bob", "AU"))).containsExactly(Trait.KEY_ONLY);
    assertThat(traits("targeted", user("bob", "AU"))).containsExactly(Trait.KEY_ONLY);
    assertThat(traits("targeted", user("alice", "AU"))).containsExactly(Trait.KEY_ONLY);
  }

  @Test
  void has_ruleMatchOrFallthroughOfFlagWithRules_none() {
    assertThat(flags.evaluate("ruled", user("bob", "NZ")).reason()).isEqualTo(Reason.RULE_MATCH);
    assertThat(traits("ruled", user("bob", "NZ"))).isEmpty();
    assertThat(traits("ruled", user("bob", "AU"))).isEmpty();
  }

  @Test
  void has_targetOfFlagWithRules_keyOnly() {
    assertThat(traits("ruled", user("alice", "AU"))).containsExactly(Trait.KEY_ONLY);
  }

  @Test
  void has_rollouts_rolloutAndKeyOnlyWhenBucketedByTheKeyAlone() {
    assertThat(traits("split", user("bob", "AU"))).containsExactly(Trait.ROLLOUT, Trait.KEY_ONLY);
    assertThat(traits("split-by-org", user("bob", "AU"))).containsExactly(Trait.ROLLOUT);
    assertThat(traits("rule-split", user("bob", "NZ"))).containsExactly(Trait.ROLLOUT);
  }

  @Test
  void has_prerequisites_nothingAfterThemIsKeyOnly() {
    assertThat(traits("dependent", user("alice", "AU"))).isEmpty(); // target, prerequisite held
    assertThat(flags.evaluate("dependent", user("bob", "AU")).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(traits("dependent", user("bob", "AU"))).isEmpty();
  }

  @Test
  void has_disabledKilledOverridden_keyOnly() {
    flags.kill("static", "test");
    flags.override("ruled", "on", List.of("bob"));

    assertThat(traits("disabled", Context.EMPTY)).containsExactly(Trait.KEY_ONLY);
    assertThat(traits("static", Context.EMPTY)).containsExactly(Trait.KEY_ONLY);
    assertThat(flags.evaluate("ruled", user("bob", "AU")).reason()).isEqualTo(Reason.OVERRIDE);
    assertThat(traits("ruled", user("bob", "AU"))).containsExactly(Trait.KEY_ONLY);
  }

  @Test
  void has_errorsAndNoVariant_keyOnlyForErrorsDecidedWithoutTheContext() {
    assertThat(traits("nope", Context.EMPTY)).containsExactly(Trait.KEY_ONLY);
    assertThat(flags.evaluate("split-by-org", Context.of("bob")).reason())
        .isEqualTo(Reason.DEFAULT);
    assertThat(traits("split-by-org", Context.of("bob"))).isEmpty();
    try (Flags empty = Flags.newBuilder().build()) {
      assertThat(empty.evaluate("any", Context.EMPTY).has(Trait.KEY_ONLY)).isTrue();
    }
    assertThat(Evaluation.error(ErrorCode.GENERAL, "v").has(Trait.KEY_ONLY)).isFalse();
    assertThat(Evaluation.error(ErrorCode.INVALID_CONTEXT, "v").has(Trait.KEY_ONLY))
        .isFalse();
  }

  @Test
  void attributes_rulesSegmentsRolloutsAndPrerequisites_sortedWithoutTheKey() {
    assertThat(flags.evaluate("ruled", user("bob", "AU")).attributes()).containsExactly("country");
    assertThat(flags.evaluate("dependent", user("bob", "AU")).attributes())
        .containsExactly("country");
    assertThat(flags.evaluate("split-by-org", Context.of("bob")).attributes())
        .containsExactly("org");
    assertThat(flags.evaluate("segmented", user("bob", "AU")).attributes())
        .containsExactly("email", "org");
    assertThat(flags.evaluate("rule-split", user("bob", "AU")).attributes())
        .containsExactly("country");
  }

  @Test
  void attributesRead_names_areTheJvmsCanonicalStrings() {
    // A mapper copying these names into a context finds them by reference among literal keys.
    assertThat(flags.attributesRead("ruled").get(0)).isSameAs("country");
    assertThat(flags.attributesRead("segmented").get(0)).isSameAs("email");
    for (String flag : flags.flagKeys()) {
      for (String name : flags.attributesRead(flag)) {
        assertThat(name).as(flag).isSameAs(name.intern());
      }
    }
  }

  @Test
  void attributesRead_eachFlag_whatItsAttributeDependentResultsSay() {
    for (String flag : flags.flagKeys()) {
      Evaluation e = flags.evaluate(flag, user("bob", "AU"));
      if (!e.has(Trait.KEY_ONLY)) {
        assertThat(flags.attributesRead(flag)).as(flag).isEqualTo(e.attributes());
      }
    }
    assertThat(flags.attributesRead("segmented")).containsExactly("email", "org");
    assertThat(flags.attributesRead("static")).isEmpty();
    assertThat(flags.attributesRead("nope")).isEmpty();
    assertThat(flags.snapshot().attributesRead("split-by-org")).containsExactly("org");
  }

  @Test
  void attributes_keyOnlyResultsAndErrors_empty() {
    assertThat(flags.evaluate("ruled", user("alice", "AU")).attributes()).isEmpty();
    assertThat(flags.evaluate("static", Context.EMPTY).attributes()).isEmpty();
    assertThat(flags.evaluate("disabled", Context.EMPTY).attributes()).isEmpty();
    assertThat(flags.evaluate("nope", Context.EMPTY).attributes()).isEmpty();
  }

  @Test
  void attributes_onlyThoseCopied_sameResultAsWithEveryAttribute() {
    Random random = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      String key = "user-" + random.nextInt(50);
      Context full = Context.newBuilder(key)
          .set("country", random.nextBoolean() ? "NZ" : "AU")
          .set("org", "org-" + random.nextInt(5))
          .set("email", random.nextBoolean() ? key + "@example.com" : key + "@other.org")
          .set("unread", random.nextInt(3))
          .build();
      FlagSnapshot pinned = flags.snapshot();
      for (String flag : flags.flagKeys()) {
        Evaluation byKey = pinned.evaluate(flag, Context.of(key));
        Context.Builder some = Context.newBuilder(key);
        for (String name : byKey.attributes()) {
          Object v = full.get(name);
          if (v instanceof String s) {
            some.set(name, s);
          }
        }
        Evaluation copied = byKey.has(Trait.KEY_ONLY) ? byKey : pinned.evaluate(flag, some.build());
        assertThat(copied).as(flag + " for " + full).isSameAs(pinned.evaluate(flag, full));
      }
    }
  }

  @Test
  void has_keyOnlyResult_sameResultAsWithEveryAttribute() {
    flags.override("targeted", "on", List.of("user-7", "user-8"));
    Random random = new Random(12);
    List<String> keys = List.copyOf(flags.flagKeys());
    int keyOnly = 0;
    for (int i = 0; i < 2_000; i++) {
      String key = i % 10 == 0 ? "alice" : i % 10 == 1 ? "" : "user-" + random.nextInt(20);
      Context full = Context.newBuilder(key)
          .set("country", random.nextBoolean() ? "NZ" : "AU")
          .set("org", "org-" + random.nextInt(5))
          .build();
      for (String flag : keys) {
        Evaluation byKey = flags.evaluate(flag, key.isEmpty() ? Context.EMPTY : Context.of(key));
        if (byKey.has(Trait.KEY_ONLY)) {
          keyOnly++;
          assertThat(flags.evaluate(flag, full)).as(flag + " for " + full).isSameAs(byKey);
        }
      }
    }
    assertThat(keyOnly).isGreaterThan(5_000);
  }
}
