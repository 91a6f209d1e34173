package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.DocumentLimits;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.testsupport.Allocations;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PartEquality} says what the records' own {@code equals} says, for a change in each field
 * of a flag and of a segment, and allocates nothing on the way.
 */
final class PartEqualityTest {
  private static final DocumentLoader LOADER = new DocumentLoader(DocumentLimits.defaults());

  private static final String BASE = """
      {"schema": 1, "version": "v",
       "segments": {"s": {"description": "seg", "included": ["k1", "k2"], "excluded": ["k3"],
         "rules": [{"id": "sr",
           "conditions": [{"attribute": "email", "op": "endsWith", "value": "@x.com"}]}]}},
       "flags": {
         "p": {"variants": {"on": true, "off": false}, "offVariant": "off",
               "fallthrough": {"variant": "on"}},
         "q": {"variants": {"on": true, "off": false}, "offVariant": "off",
               "fallthrough": {"variant": "off"}},
         "f": {"description": "d", "owner": "o", "tags": ["t1", "t2"], "metadata": {"m": "x", "n": 1},
               "enabled": true,
               "variants": {"a": {"k": [1, 2]}, "b": {"k": [3]}},
               "offVariant": "b", "salt": "s1",
               "prerequisites": [{"flag": "p", "variant": "on"}],
               "targets": [{"variant": "a", "keys": ["u1", "u2"]}],
               "rules": [
                 {"id": "r1", "conditions": [
                    {"attribute": "country", "op": "in", "values": ["NZ", "AU"]},
                    {"attribute": "appVersion", "op": "semverGte", "value": "2.1.0"},
                    {"attribute": "email", "op": "matches", "value": "^[a-z]+$", "negate": true},
                    {"attribute": "plan", "op": "equals", "value": "gold", "ignoreCase": true},
                    {"op": "inSegment", "value": "s"}],
                  "schedule": [{"from": "2027-01-01T00:00:00Z", "until": "2028-01-01T00:00:00Z"}],
                  "variant": "a"},
                 {"id": "r2", "conditions": [{"attribute": "n", "op": "gt", "value": 5}],
                  "rollout": {"bucketBy": "org", "salt": "rs", "variants": [
                    {"variant": "a", "weight": 50000}, {"variant": "b", "weight": 50000}]}}],
               "fallthrough": {"rollout": {"variants": [
                   {"variant": "a", "weight": 0}, {"variant": "b", "weight": 100000}],
                 "steps": [{"at": "2027-01-11T09:00:00Z", "weights": [1000, 99000]}]}},
               "schedule": [{"from": "2026-01-01T00:00:00Z", "until": "2029-01-01T00:00:00Z"}],
               "guardrail": {"maxFailureRate": 0.02, "minSamples": 200, "windowSeconds": 300,
                             "buckets": 10}},
         "g": {"variants": {"x": "red", "y": "blue"}, "offVariant": "x",
               "fallthrough": {"variant": "y"}}
       }}
      """;

  private static FlagDocument read(String json) {
    return LOADER.validate(json.getBytes(StandardCharsets.UTF_8));
  }

  /** One change each: the text replaced, once, in the base document. */
  static Stream<Change> changes() {
    return Stream.of(
        change("description", "\"description\": \"d\"", "\"description\": \"e\""),
        change("owner", "\"owner\": \"o\"", "\"owner\": \"q\""),
        change("tags", "[\"t1\", \"t2\"]", "[\"t1\", \"t3\"]"),
        change("metadata", "{\"m\": \"x\", \"n\": 1}", "{\"m\": \"y\", \"n\": 1}"),
        change("enabled", "\"enabled\": true", "\"enabled\": false"),
        change("object variant value", "{\"k\": [1, 2]}", "{\"k\": [1, 5]}"),
        change(
                "variant name",
                "{\"x\": \"red\", \"y\": \"blue\"}",
                "{\"z\": \"red\", \"y\": \"blue\"}")
            .replacing("\"offVariant\": \"x\"", "\"offVariant\": \"z\""),
        change("string variant value", "\"x\": \"red\"", "\"x\": \"green\""),
        change("off-variant", "\"offVariant\": \"b\"", "\"offVariant\": \"a\""),
        change("salt", "\"salt\": \"s1\"", "\"salt\": \"s2\""),
        change("prerequisite", "\"variant\": \"on\"}]", "\"variant\": \"off\"}]"),
        change("prerequisite flag", "{\"flag\": \"p\"", "{\"flag\": \"q\""),
        change("target variant", "{\"variant\": \"a\", \"keys\"", "{\"variant\": \"b\", \"keys\""),
        change("target keys", "[\"u1\", \"u2\"]", "[\"u2\", \"u1\"]"),
        change("rule id", "\"id\": \"r1\"", "\"id\": \"r0\""),
        change("condition values", "[\"NZ\", \"AU\"]", "[\"NZ\", \"DE\"]"),
        change("semantic version", "\"2.1.0\"", "\"2.1.1\""),
        change("pattern", "\"^[a-z]+$\"", "\"^[a-y]+$\""),
        change("negate", "\"negate\": true", "\"negate\": false"),
        change("ignoreCase", "\"ignoreCase\": true", "\"ignoreCase\": false"),
        change("attribute", "\"attribute\": \"plan\"", "\"attribute\": \"tier\""),
        change("operator", "\"op\": \"gt\"", "\"op\": \"gte\""),
        change("number value", "\"value\": 5}", "\"value\": 6}"),
        change("rule schedule", "\"2028-01-01T00:00:00Z\"", "\"2028-02-01T00:00:00Z\""),
        change(
            "fixed to rollout",
            "\"variant\": \"a\"},\n",
            "\"rollout\": {\"variants\": [{\"variant\": \"a\", \"weight\": 100000},"
                + " {\"variant\": \"b\", \"weight\": 0}]}},\n"),
        change(
            "rollout variant order",
            "{\"variant\": \"a\", \"weight\": 50000}, {\"variant\": \"b\", \"weight\": 50000}",
            "{\"variant\": \"b\", \"weight\": 50000}, {\"variant\": \"a\", \"weight\": 50000}"),
        change(
            "one condition fewer",
            "{\"attribute\": \"plan\", \"op\": \"equals\", \"value\": \"gold\", \"ignoreCase\": true},",
            ""),
        change(
            "one rule more",
            "{\"id\": \"r1\", \"conditions\": [",
            "{\"id\": \"r0\", \"conditions\": [{\"attribute\": \"z\", \"op\": \"equals\","
                + " \"value\": \"1\"}], \"variant\": \"b\"},\n{\"id\": \"r1\", \"conditions\": ["),
        change("rule variant", "\"variant\": \"a\"},\n", "\"variant\": \"b\"},\n"),
        change("rule rollout bucketBy", "\"bucketBy\": \"org\"", "\"bucketBy\": \"team\""),
        change("rule rollout salt", "\"salt\": \"rs\"", "\"salt\": \"rt\""),
        change(
            "rollout weights",
            "\"weight\": 0}, {\"variant\": \"b\", \"weight\": 100000}",
            "\"weight\": 1}, {\"variant\": \"b\", \"weight\": 99999}"),
        change("step time", "\"2027-01-11T09:00:00Z\"", "\"2027-01-12T09:00:00Z\""),
        change("step weights", "[1000, 99000]", "[2000, 98000]"),
        change("flag schedule", "\"2029-01-01T00:00:00Z\"", "\"2030-01-01T00:00:00Z\""),
        change("guardrail", "\"minSamples\": 200", "\"minSamples\": 300"),
        change(
            "fallthrough",
            "\"fallthrough\": {\"variant\": \"y\"}",
            "\"fallthrough\": {\"variant\": \"x\"}"),
        change("segment description", "\"description\": \"seg\"", "\"description\": \"set\""),
        change("segment included", "[\"k1\", \"k2\"]", "[\"k1\", \"k4\"]"),
        change("segment excluded", "[\"k3\"]", "[\"k5\"]"),
        change("segment rule", "\"@x.com\"", "\"@y.com\""));
  }

  record Change(String name, List<String[]> edits) {
    Change replacing(String from, String to) {
      List<String[]> more = new java.util.ArrayList<>(edits);
      more.add(new String[] {from, to});
      return new Change(name, more);
    }

    String apply(String json) {
      String out = json;
      for (String[] e : edits) {
        assertThat(out).as(name).containsOnlyOnce(e[0]);
        out = out.replace(e[0], e[1]);
      }
      return out;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Change change(String name, String from, String to) {
    return new Change(name, List.<String[]>of(new String[] {from, to}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void same_oneFieldChanged_agreesWithEqualsAndFindsTheChange(Change change) {
    FlagDocument base = read(BASE);
    FlagDocument changed = read(change.apply(BASE));

    int unequal = 0;
    for (Map.Entry<String, FlagDocument.Flag> e : base.flags().entrySet()) {
      FlagDocument.Flag other = changed.flags().get(e.getKey());
      boolean same = PartEquality.same(e.getValue(), other);
      assertThat(same).as(e.getKey()).isEqualTo(e.getValue().equals(other));
      unequal += same ? 0 : 1;
    }
    for (Map.Entry<String, FlagDocument.Segment> e : base.segments().entrySet()) {
      FlagDocument.Segment other = changed.segments().get(e.getKey());
      boolean same = PartEquality.same(e.getValue(), other);
      assertThat(same).as(e.getKey()).isEqualTo(e.getValue().equals(other));
      unequal += same ? 0 : 1;
    }
    assertThat(unequal).as("parts changed").isEqualTo(1);
  }

  @Test
  void same_metadataReordered_notTheSame_thoughTheRecordsAreEqual() {
    // What is served lists metadata in document order: a flag that only reorders it is changed.
    FlagDocument base = read(BASE);
    FlagDocument reordered =
        read(BASE.replace("{\"m\": \"x\", \"n\": 1}", "{\"n\": 1, \"m\": \"x\"}"));

    assertThat(reordered.flags().get("f")).isEqualTo(base.flags().get("f"));
    assertThat(PartEquality.same(base.flags().get("f"), reordered.flags().get("f")))
        .isFalse();
    assertThat(PartEquality.same(base.flags().get("p"), reordered.flags().get("p")))
        .isTrue();
  }

  @Test
  void same_documentReadTwice_everyPartSameAsByEquals() {
    FlagDocument a = read(BASE);
    FlagDocument b = read(BASE);

    for (String key : a.flags().keySet()) {
      assertThat(a.flags().get(key))
          .isNotSameAs(b.flags().get(key))
          .isEqualTo(b.flags().get(key));
      assertThat(PartEquality.same(a.flags().get(key), b.flags().get(key)))
          .as(key)
          .isTrue();
    }
    assertThat(PartEquality.same(a.segments().get("s"), b.segments().get("s"))).isTrue();
  }

  @Test
  void hash_agreesWithSame_forEveryPartOfADocumentReadTwice() {
    FlagDocument a = read(BASE);
    FlagDocument b = read(BASE);

    int rules = 0;
    for (String key : a.flags().keySet()) {
      FlagDocument.Flag x = a.flags().get(key);
      FlagDocument.Flag y = b.flags().get(key);
      assertThat(PartEquality.sameVariants(x.variants(), y.variants())).isTrue();
      assertThat(PartEquality.hashVariants(x.variants()))
          .isEqualTo(PartEquality.hashVariants(y.variants()));
      assertThat(PartEquality.sameStrings(x.tags(), y.tags())).isTrue();
      assertThat(PartEquality.hashStrings(x.tags())).isEqualTo(PartEquality.hashStrings(y.tags()));
      assertThat(PartEquality.sameServe(x.fallthrough(), y.fallthrough())).isTrue();
      assertThat(PartEquality.hash(x.fallthrough())).isEqualTo(PartEquality.hash(y.fallthrough()));
      for (int i = 0; i < x.rules().size(); i++, rules++) {
        FlagDocument.Rule r = x.rules().get(i);
        FlagDocument.Rule q = y.rules().get(i);
        assertThat(PartEquality.sameRule(r, q)).isTrue();
        assertThat(PartEquality.hash(r)).as(key + " rule " + i).isEqualTo(PartEquality.hash(q));
        for (int c = 0; c < r.conditions().size(); c++) {
          FlagDocument.Condition k = r.conditions().get(c);
          FlagDocument.Condition l = q.conditions().get(c);
          assertThat(PartEquality.sameCondition(k, l)).isTrue();
          assertThat(PartEquality.hash(k)).isEqualTo(PartEquality.hash(l));
        }
      }
    }
    assertThat(rules).as("rules compared").isPositive();
  }

  @Test
  void sameParts_differentParts_notTheSame() {
    FlagDocument base = read(BASE);
    FlagDocument.Flag f = base.flags().get("f");
    FlagDocument.Flag p = base.flags().get("p");

    assertThat(PartEquality.sameVariants(f.variants(), List.of())).isFalse();
    assertThat(PartEquality.sameStrings(f.tags(), List.of("other"))).isFalse();
    assertThat(PartEquality.sameRule(f.rules().get(0), f.rules().get(1))).isFalse();
    assertThat(PartEquality.sameServe(f.fallthrough(), p.fallthrough()))
        .isEqualTo(f.fallthrough().equals(p.fallthrough()));
  }

  @Test
  void same_equalFlagsWithoutMetadata_allocateNothing() {
    // Metadata, which most flags do not have, is compared by the map's equals, which allocates.
    String withoutMetadata = BASE.replace("\"metadata\": {\"m\": \"x\", \"n\": 1},", "");
    assertThat(withoutMetadata).isNotEqualTo(BASE);
    FlagDocument a = read(withoutMetadata);
    FlagDocument b = read(withoutMetadata);
    FlagDocument.Flag[] x = a.flags().values().toArray(FlagDocument.Flag[]::new);
    FlagDocument.Flag[] y = b.flags().values().toArray(FlagDocument.Flag[]::new);
    FlagDocument.Segment s = a.segments().get("s");
    FlagDocument.Segment t = b.segments().get("s");
    Runnable compare = () -> {
      for (int i = 0; i < x.length; i++) {
        if (!PartEquality.same(x[i], y[i]) || !PartEquality.same(s, t)) {
          throw new AssertionError("not the same: " + x[i].key());
        }
      }
    };
    for (int i = 0; i < 2_000; i++) { // warm up, so that allocation means allocation
      compare.run();
    }
    long allocated = Allocations.byCurrentThread(() -> {
      for (int i = 0; i < 1_000; i++) {
        compare.run();
      }
    });

    // Record equals over these flags made about twenty iterators per flag: 3,000 flags' worth
    // would be over a megabyte.
    assertThat(allocated).as("bytes allocated by 3,000 flag comparisons").isLessThan(1_000);
  }

  /**
   * The components each record of the validated model has, as {@link PartEquality} compares them.
   * A record that gains a component fails here: compare the new one there, then list it here.
   */
  @Test
  void recordComponents_eachOneComparedByPartEquality() {
    Map<Class<?>, List<String>> known = Map.ofEntries(
        Map.entry(
            FlagDocument.Flag.class,
            List.of(
                "key",
                "description",
                "owner",
                "tags",
                "metadata",
                "enabled",
                "type",
                "variants",
                "offVariant",
                "salt",
                "prerequisites",
                "targets",
                "rules",
                "fallthrough",
                "schedule",
                "guardrail")),
        Map.entry(
            FlagDocument.Segment.class,
            List.of("key", "description", "included", "excluded", "rules")),
        Map.entry(FlagDocument.Variant.class, List.of("name", "value", "json")),
        Map.entry(FlagDocument.Prerequisite.class, List.of("flag", "variant")),
        Map.entry(FlagDocument.Target.class, List.of("variant", "keys")),
        Map.entry(FlagDocument.Rule.class, List.of("id", "conditions", "serve", "schedule")),
        Map.entry(FlagDocument.Serve.class, List.of("variant", "rollout")),
        Map.entry(
            FlagDocument.Rollout.class,
            List.of("bucketBy", "salt", "variants", "weights", "steps")),
        Map.entry(FlagDocument.Step.class, List.of("at", "weights")),
        Map.entry(FlagDocument.Window.class, List.of("from", "until")),
        Map.entry(
            FlagDocument.Condition.class,
            List.of("attribute", "op", "values", "negate", "ignoreCase")));

    for (Map.Entry<Class<?>, List<String>> e : known.entrySet()) {
      RecordComponent[] components = e.getKey().getRecordComponents();
      assertThat(Arrays.stream(components).map(RecordComponent::getName))
          .as(e.getKey().getSimpleName())
          .containsExactlyElementsOf(e.getValue());
    }
    assertThat(FlagDocument.class.getDeclaredClasses())
        .filteredOn(Class::isRecord)
        .containsExactlyInAnyOrderElementsOf(known.keySet());
  }
}
