package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flags.internal.snapshot.Bucketing;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Percentage rollouts end to end through documents. The hash itself is covered by {@code
 * BucketingTest} and {@code BucketingDistributionTest}; this checks how the evaluator applies it.
 */
final class EvaluatorRolloutTest {
  private static final int USERS = 20_000;

  /** A boolean flag whose fallthrough serves "on" to {@code onWeight} thousandths of a percent. */
  private static String percentFlag(
      String key, int onWeight, String extraFlagFields, String extraRolloutFields) {
    return """
        "%s": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          %s
          "fallthrough": {"rollout": {%s
            "variants": [{"variant": "on", "weight": %d}, {"variant": "off", "weight": %d}]}}
        }
        """.formatted(key, extraFlagFields, extraRolloutFields, onWeight, 100_000 - onWeight);
  }

  private static Flags percent(int onWeight) {
    return client(document(percentFlag("rollout", onWeight, "", "")));
  }

  @Test
  void fallthroughRollout_bucketsByFlagKeyAndContextKey() {
    Flags flags = percent(30_000);

    for (int i = 0; i < USERS; i++) {
      String user = "user-" + i;
      boolean expected = Bucketing.bucket("rollout", user) < 30_000;
      Evaluation e = flags.evaluate("rollout", Context.of(user));
      assertThat(e.value()).as(user).isEqualTo(expected);
      assertThat(e.reason()).isEqualTo(Reason.FALLTHROUGH);
    }
  }

  @Test
  void rollout_variantRangesFollowDeclarationOrder() {
    Flags flags = client(document("""
        "color": {
          "variants": {"red": "red", "green": "green", "blue": "blue"},
          "offVariant": "red",
          "fallthrough": {"rollout": {"variants": [
            {"variant": "blue", "weight": 20000},
            {"variant": "red", "weight": 50000},
            {"variant": "green", "weight": 30000}
          ]}}
        }
        """));

    for (int i = 0; i < USERS; i++) {
      String user = "u" + i;
      int bucket = Bucketing.bucket("color", user);
      String expected = bucket < 20_000 ? "blue" : bucket < 70_000 ? "red" : "green";
      assertThat(flags.getString("color", Context.of(user), "default"))
          .as(user)
          .isEqualTo(expected);
    }
  }

  @Test
  void multivariateRollout_servesStringsInProportion() {
    Flags flags = client(document("""
        "model": {
          "variants": {"a": "model-a", "b": "model-b", "c": "model-c", "d": "model-d"},
          "offVariant": "a",
          "fallthrough": {"rollout": {"variants": [
            {"variant": "a", "weight": 10000},
            {"variant": "b", "weight": 20000},
            {"variant": "c", "weight": 30000},
            {"variant": "d", "weight": 40000}
          ]}}
        }
        """));
    Map<String, Integer> counts = new HashMap<>();

    for (int i = 0; i < 100_000; i++) {
      counts.merge(flags.getString("model", Context.of("user-" + i), "none"), 1, Integer::sum);
    }

    assertThat(counts).containsOnlyKeys("model-a", "model-b", "model-c", "model-d");
    assertThat(counts.get("model-a") / 100_000.0).isCloseTo(0.10, within(0.01));
    assertThat(counts.get("model-b") / 100_000.0).isCloseTo(0.20, within(0.01));
    assertThat(counts.get("model-c") / 100_000.0).isCloseTo(0.30, within(0.01));
    assertThat(counts.get("model-d") / 100_000.0).isCloseTo(0.40, within(0.01));
  }

  @Test
  void rollout_sameKeyInTwoSeparatelyBuiltClients_getsTheSameVariant() {
    String doc = document(percentFlag("sticky", 50_000, "", ""));
    Flags first = client(doc);
    Flags second = client(doc);

    for (int i = 0; i < USERS; i++) {
      Context c = Context.of("user-" + i);
      assertThat(second.isEnabled("sticky", c)).isEqualTo(first.isEnabled("sticky", c));
      assertThat(first.isEnabled("sticky", c)).isEqualTo(first.isEnabled("sticky", c));
    }
  }

  @Test
  void rollout_flagSalt_replacesTheFlagKey() {
    Flags flags = client(document(percentFlag("salted", 50_000, "\"salt\": \"s-1\",", "")));

    for (int i = 0; i < USERS; i++) {
      String user = "user-" + i;
      assertThat(flags.isEnabled("salted", Context.of(user)))
          .as(user)
          .isEqualTo(Bucketing.bucket("s-1", user) < 50_000);
    }
  }

  @Test
  void rollout_rolloutSalt_beatsTheFlagSalt() {
    Flags flags = client(document(
        percentFlag("salted", 50_000, "\"salt\": \"flag-salt\",", "\"salt\": \"rollout-salt\",")));

    for (int i = 0; i < USERS; i++) {
      String user = "user-" + i;
      assertThat(flags.isEnabled("salted", Context.of(user)))
          .as(user)
          .isEqualTo(Bucketing.bucket("rollout-salt", user) < 50_000);
    }
  }

  @Test
  void rollout_sharedSalt_givesTwoFlagsTheSameSplit() {
    Flags flags = client(document(percentFlag("first", 50_000, "\"salt\": \"shared\",", "") + ","
        + percentFlag("second", 50_000, "\"salt\": \"shared\",", "")));

    for (int i = 0; i < USERS; i++) {
      Context c = Context.of("user-" + i);
      assertThat(flags.isEnabled("second", c)).isEqualTo(flags.isEnabled("first", c));
    }
  }

  @Test
  void rollout_differentFlagKeys_splitIndependently() {
    Flags flags = client(document(
        percentFlag("first", 50_000, "", "") + "," + percentFlag("second", 50_000, "", "")));
    int same = 0;

    for (int i = 0; i < USERS; i++) {
      Context c = Context.of("user-" + i);
      if (flags.isEnabled("first", c) == flags.isEnabled("second", c)) {
        same++;
      }
    }

    assertThat(same / (double) USERS).isCloseTo(0.5, within(0.03));
  }

  @Test
  void rollout_bucketByStringAttribute_usesItsValue() {
    Flags flags = client(document(percentFlag("org", 50_000, "", "\"bucketBy\": \"orgId\",")));

    for (int i = 0; i < 2_000; i++) {
      String org = "org-" + i;
      boolean expected = Bucketing.bucket("org", org) < 50_000;
      // Everyone in an organisation gets the same variant, whatever their key.
      for (int u = 0; u < 3; u++) {
        Context c = Context.newBuilder("user-" + i + "-" + u).set("orgId", org).build();
        assertThat(flags.isEnabled("org", c)).as(org).isEqualTo(expected);
      }
    }
  }

  @Test
  void rollout_bucketByIntegralNumber_usesItsDecimalText() {
    Flags flags = client(document(percentFlag("org", 50_000, "", "\"bucketBy\": \"orgId\",")));

    for (long id = -1_000; id < 5_000; id++) {
      Evaluation byNumber =
          flags.evaluate("org", Context.newBuilder("u").set("orgId", id).build());
      Evaluation byDouble = flags.evaluate(
          "org", Context.newBuilder("u").set("orgId", (double) id).build());
      Evaluation byText = flags.evaluate(
          "org", Context.newBuilder("u").set("orgId", Long.toString(id)).build());
      assertThat(byNumber.value()).isEqualTo(Bucketing.bucket("org", Long.toString(id)) < 50_000);
      assertThat(byNumber).isSameAs(byText).isSameAs(byDouble);
    }
    Context big = Context.newBuilder("u").set("orgId", 9_007_199_254_740_991L).build();
    assertThat(flags.evaluate("org", big).value())
        .isEqualTo(Bucketing.bucket("org", "9007199254740991") < 50_000);
  }

  @Test
  void rollout_bucketByKeyExplicitly_isTheDefault() {
    Flags flags =
        client(document(percentFlag("a", 50_000, "\"salt\": \"x\",", "\"bucketBy\": \"key\",") + ","
            + percentFlag("b", 50_000, "\"salt\": \"x\",", "")));

    for (int i = 0; i < 5_000; i++) {
      Context c = Context.of("user-" + i);
      assertThat(flags.isEnabled("a", c)).isEqualTo(flags.isEnabled("b", c));
    }
  }

  @Test
  void fallthroughRollout_contextWithoutBucketingAttribute_servesCallerDefault() {
    Flags flags = client(document(percentFlag("org", 100_000, "", "\"bucketBy\": \"orgId\",")));
    Context noOrg = Context.of("user-1");

    Evaluation e = flags.evaluate("org", noOrg);

    assertThat(e.reason()).isEqualTo(Reason.DEFAULT);
    assertThat(e.value()).isNull();
    assertThat(e.variant()).isNull();
    assertThat(e.valueAsJson()).isNull();
    assertThat(e.isError()).isFalse();
    assertThat(e.errorCode()).isNull();
    assertThat(e.version()).isEqualTo(TestDocuments.VERSION);
    assertThat(flags.isEnabled("org", noOrg)).isFalse();
  }

  @Test
  void fallthroughRollout_unusableBucketingValues_serveCallerDefault() {
    Flags flags = client(document("""
        "s": {
          "variants": {"a": "a", "b": "b"},
          "offVariant": "a",
          "fallthrough": {"rollout": {"bucketBy": "orgId",
            "variants": [{"variant": "a", "weight": 50000}, {"variant": "b", "weight": 50000}]}}
        }
        """));

    for (Context c : new Context[] {
      Context.newBuilder("u").set("orgId", "").build(),
      Context.newBuilder("u").set("orgId", 1.5).build(),
      Context.newBuilder("u").set("orgId", Double.NaN).build(),
      Context.newBuilder("u").set("orgId", Double.POSITIVE_INFINITY).build(),
      Context.newBuilder("u").set("orgId", 1e300).build(),
      Context.newBuilder("u").set("orgId", true).build(),
      Context.newBuilder("u").set("orgId", java.util.List.of("o")).build()
    }) {
      assertThat(flags.evaluate("s", c).reason()).as("%s", c).isEqualTo(Reason.DEFAULT);
      assertThat(flags.getString("s", c, "caller")).isEqualTo("caller");
    }
  }

  @Test
  void fallthroughRollout_anonymousContext_servesCallerDefault() {
    Flags flags = percent(100_000);

    assertThat(flags.evaluate("rollout", Context.EMPTY).reason()).isEqualTo(Reason.DEFAULT);
    assertThat(flags.isEnabled("rollout")).isFalse();
  }

  @Test
  void ruleRollout_reportsRuleMatchWithItsId() {
    Flags flags = client(document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "rules": [{"id": "beta", "conditions": [{"attribute": "beta", "op": "equals", "value": true}],
                     "rollout": {"variants": [{"variant": "on", "weight": 50000},
                                              {"variant": "off", "weight": 50000}]}}],
          "fallthrough": {"variant": "off"}
        }
        """));

    for (int i = 0; i < 2_000; i++) {
      String user = "user-" + i;
      Evaluation e =
          flags.evaluate("f", Context.newBuilder(user).set("beta", true).build());
      assertThat(e.reason()).isEqualTo(Reason.RULE_MATCH);
      assertThat(e.ruleId()).isEqualTo("beta");
      assertThat(e.value()).isEqualTo(Bucketing.bucket("f", user) < 50_000);
    }
  }

  @Test
  void ruleRollout_contextWithoutBucketingAttribute_skipsToTheNextRuleThenFallthrough() {
    Flags flags = client(document("""
        "f": {
          "variants": {"a": "a", "b": "b", "c": "c"},
          "offVariant": "a",
          "rules": [
            {"id": "by-org", "conditions": [{"attribute": "beta", "op": "equals", "value": true}],
             "rollout": {"bucketBy": "orgId", "variants": [{"variant": "b", "weight": 100000}]}},
            {"id": "by-team", "conditions": [{"attribute": "beta", "op": "equals", "value": true}],
             "rollout": {"bucketBy": "team", "variants": [{"variant": "c", "weight": 100000}]}}
          ],
          "fallthrough": {"variant": "a"}
        }
        """));
    Context.Builder beta = Context.newBuilder("u").set("beta", true);

    assertThat(flags.evaluate("f", beta.build()).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.evaluate("f", beta.set("team", "t").build()).ruleId()).isEqualTo("by-team");
    assertThat(flags.evaluate("f", beta.set("orgId", 7L).build()).ruleId()).isEqualTo("by-org");
  }

  @Test
  void rollout_fullWeight_servesEverybody() {
    Flags flags = percent(100_000);

    for (int i = 0; i < USERS; i++) {
      assertThat(flags.isEnabled("rollout", Context.of("user-" + i))).isTrue();
    }
    assertThat(percent(0).isEnabled("rollout", Context.of("user-1"))).isFalse();
  }

  @Test
  void rollout_weightOfOne_servesOnlyBucketZero() {
    // A 0.001% canary: exactly the contexts whose bucket is 0.
    Flags flags = percent(1);
    String inBucket0 = null;
    String inBucket1 = null;
    for (int i = 0; inBucket0 == null || inBucket1 == null; i++) {
      String user = "canary-" + i;
      int bucket = Bucketing.bucket("rollout", user);
      if (bucket == 0 && inBucket0 == null) {
        inBucket0 = user;
      } else if (bucket == 1 && inBucket1 == null) {
        inBucket1 = user;
      }
    }

    assertThat(flags.isEnabled("rollout", Context.of(inBucket0))).isTrue();
    assertThat(flags.isEnabled("rollout", Context.of(inBucket1))).isFalse();
    int on = 0;
    for (int i = 0; i < USERS; i++) {
      if (flags.isEnabled("rollout", Context.of("user-" + i))) {
        on++;
      }
    }
    assertThat(on).isLessThanOrEqualTo(5);
  }

  @Test
  void rollout_raisedFrom10To20Percent_keepsEveryoneWhoHadTheFeature() {
    Flags flags = percent(10_000);
    Set<String> hadIt = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      if (flags.isEnabled("rollout", Context.of("user-" + i))) {
        hadIt.add("user-" + i);
      }
    }

    flags.load(document(percentFlag("rollout", 20_000, "", "")));

    int haveIt = 0;
    for (int i = 0; i < 50_000; i++) {
      String user = "user-" + i;
      boolean on = flags.isEnabled("rollout", Context.of(user));
      if (hadIt.contains(user)) {
        assertThat(on).as(user).isTrue();
      }
      if (on) {
        haveIt++;
      }
    }
    assertThat(hadIt.size() / 50_000.0).isCloseTo(0.10, within(0.01));
    assertThat(haveIt / 50_000.0).isCloseTo(0.20, within(0.01));
  }

  @Test
  void rollout_zeroWeightVariant_isNeverServed() {
    Flags flags = client(document("""
        "f": {
          "variants": {"a": "a", "b": "b", "c": "c"},
          "offVariant": "a",
          "fallthrough": {"rollout": {"variants": [
            {"variant": "a", "weight": 50000}, {"variant": "b", "weight": 0},
            {"variant": "c", "weight": 50000}]}}
        }
        """));

    for (int i = 0; i < USERS; i++) {
      assertThat(flags.getString("f", Context.of("user-" + i), "x")).isNotEqualTo("b");
    }
  }

  @Test
  void load_weightsNotSummingTo100Percent_rejectsDocument() {
    String doc = document("""
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "fallthrough": {"rollout": {"variants": [
            {"variant": "on", "weight": 60000}, {"variant": "off", "weight": 60000}]}}
        }
        """);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("flags.f.fallthrough.rollout: weights sum to 120%, expected 100%");
  }
}
