package dev.flags.openfeature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.LayeredEvaluationContext;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The mapping table of docs/openfeature.md, row by row. */
final class ContextMapperTest {
  private final ContextMapper mapper = new ContextMapper();

  private Context map(Map<String, Value> attributes, String... names) {
    return mapper.map(new ImmutableContext("user-1", attributes), List.of(names));
  }

  @Test
  void map_targetingKey_contextKey() {
    assertThat(mapper.map(new ImmutableContext("user-1"), List.of()).key()).isEqualTo("user-1");
    assertThat(mapper.map(new ImmutableContext(), List.of()).key()).isEmpty();
  }

  @Test
  void map_scalars_keepTheirTypes() {
    Instant t = Instant.parse("2026-11-22T10:00:00Z");

    Context c = map(
        Map.of(
            "country", new Value("NZ"),
            "beta", new Value(true),
            "age", new Value(37),
            "id", new Value(9_007_199_254_740_991L),
            "score", new Value(0.25),
            "signup", new Value(t)),
        "country",
        "beta",
        "age",
        "id",
        "score",
        "signup");

    assertThat(c.get("country")).isEqualTo("NZ");
    assertThat(c.get("beta")).isEqualTo(true);
    assertThat(c.get("age")).isEqualTo(37.0);
    assertThat(c.get("id")).isEqualTo(9_007_199_254_740_991.0);
    assertThat(c.get("score")).isEqualTo(0.25);
    assertThat(c.get("signup")).isEqualTo((double) t.toEpochMilli());
  }

  @Test
  void map_onlyTheNamedAttributes_copied() {
    Context c = map(Map.of("country", new Value("NZ"), "plan", new Value("pro")), "country");

    assertThat(c.attributeNames()).containsExactly("country");
  }

  @Test
  void map_listOfStrings_list() {
    Context c = map(Map.of("groups", new Value(List.of(new Value("a"), new Value("b")))), "groups");

    assertThat(c.get("groups")).isEqualTo(List.of("a", "b"));
  }

  @Test
  void map_listsWithOtherValuesAndStructures_leftOut() {
    Context c = map(
        Map.of(
            "mixed", new Value(List.of(new Value("a"), new Value(1))),
            "withNull", new Value(List.of(new Value("a"), new Value())),
            "address", new Value(new ImmutableStructure(Map.of("city", new Value("Nelson"))))),
        "mixed",
        "withNull",
        "address");

    assertThat(c.attributeNames()).isEmpty();
  }

  @Test
  void map_dottedName_readsThroughNestedStructures() {
    Map<String, Value> geo = Map.of("lat", new Value(-41.3), "city", new Value("Wellington"));
    Map<String, Value> address =
        Map.of("country", new Value("NZ"), "geo", new Value(new ImmutableStructure(geo)));

    Context c = map(
        Map.of("address", new Value(new ImmutableStructure(address))),
        "address.country",
        "address.geo.lat",
        "address.geo.city",
        "address.geo.missing",
        "address.country.deeper");

    assertThat(c.get("address.country")).isEqualTo("NZ");
    assertThat(c.get("address.geo.lat")).isEqualTo(-41.3);
    assertThat(c.get("address.geo.city")).isEqualTo("Wellington");
    assertThat(c.attributeNames()).hasSize(3);
  }

  @Test
  void map_dottedNameAlsoAnAttribute_theAttributeWins() {
    Context c = map(
        Map.of(
            "a.b", new Value("literal"),
            "a", new Value(new ImmutableStructure(Map.of("b", new Value("nested"))))),
        "a.b");

    assertThat(c.get("a.b")).isEqualTo("literal");
  }

  @Test
  void map_pathDeeperThanTheLimit_leftOut() {
    MutableStructure root = new MutableStructure();
    MutableStructure s = root;
    for (int i = 0; i < 30; i++) { // d.v = 0, d.n.v = 1, d.n.n.v = 2, ...
      MutableStructure child = new MutableStructure();
      s.add("v", i);
      s.add("n", child);
      s = child;
    }
    String deepest = "d" + ".n".repeat(ContextMapper.MAX_DEPTH - 1) + ".v";
    String tooDeep = "d" + ".n".repeat(ContextMapper.MAX_DEPTH) + ".v";

    Context c = map(Map.of("d", new Value(root)), "d.v", deepest, tooDeep);

    assertThat(c.get("d.v")).isEqualTo(0.0);
    assertThat(c.get(deepest)).isEqualTo((double) ContextMapper.MAX_DEPTH - 1);
    assertThat(c.get(tooDeep)).isNull();
  }

  @Test
  void map_nullsEmptyNamesAndTheTargetingKeyName_leftOut() {
    Map<String, Value> attributes = new HashMap<>();
    attributes.put("email", new Value());
    attributes.put("", new Value("x"));

    Context c = map(attributes, "email", "", "targetingKey", "missing");

    assertThat(c.attributeNames()).isEmpty();
  }

  @Test
  void map_layeredContextOfTheSdk_readsEveryLayer() {
    EvaluationContext layered = new LayeredEvaluationContext(
        new ImmutableContext(Map.of("region", new Value("apac"))),
        ImmutableContext.EMPTY,
        new ImmutableContext(Map.of("app", new Value("web"))),
        new ImmutableContext("user-9", Map.of("app", new Value("ios"))));

    Context c = mapper.map(layered, List.of("region", "app"));

    assertThat(c.key()).isEqualTo("user-9");
    assertThat(c.get("region")).isEqualTo("apac");
    assertThat(c.get("app")).isEqualTo("ios");
  }

  /** Runs {@code test} with every record of the provider's logger added to the list it gets. */
  private static void withLogRecords(Consumer<List<LogRecord>> test) {
    List<LogRecord> records = new ArrayList<>();
    Logger log = Logger.getLogger("dev.flags.openfeature");
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(handler);
    try {
      test.accept(records);
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void map_attributeNamedKey_leftOutAndLoggedOnce() {
    withLogRecords(records -> {
      Context first = map(Map.of("key", new Value("not-the-key"), "a", new Value("b")), "key", "a");
      map(Map.of("key", new Value("again")), "a");

      assertThat(first.key()).isEqualTo("user-1");
      assertThat(first.get("key")).isEqualTo("user-1");
      assertThat(first.get("a")).isEqualTo("b");
      assertThat(records)
          .singleElement()
          .satisfies(r -> assertThat(r.getMessage())
              .isEqualTo("OpenFeature context attribute 'key' is left out: flags reserves the"
                  + " name for the context key, which is the targeting key (logged once)"));
    });
  }

  @Test
  void map_attributeNamedKeyAfterTheChecks_notLookedFor() {
    withLogRecords(records -> {
      ContextMapper twoChecks = new ContextMapper(2);
      EvaluationContext plain = new ImmutableContext("user-1", Map.of("a", new Value("b")));
      EvaluationContext clash =
          new ImmutableContext("user-1", Map.of("key", new Value("x"), "a", new Value("b")));
      twoChecks.map(plain, List.of("a"));
      twoChecks.map(plain, List.of("a"));

      assertThat(twoChecks.map(clash, List.of("a")).get("key")).isEqualTo("user-1");
      assertThat(records).isEmpty();

      ContextMapper fresh = new ContextMapper(2);
      fresh.map(plain, List.of("a"));
      fresh.map(clash, List.of("a"));
      fresh.map(clash, List.of("a"));
      assertThat(records).as("seen within the checks, logged once").hasSize(1);
    });
  }

  @Test
  void map_mutableContext_leftUnchanged() {
    MutableContext context = new MutableContext("user-1");
    context.add("country", "NZ");
    context.add("address", new MutableStructure(Map.of("city", new Value("Auckland"))));
    String before = context.toString();

    Context c = mapper.map(context, List.of("country", "address.city"));

    assertThat(context.toString()).isEqualTo(before);
    assertThat(c.get("address.city")).isEqualTo("Auckland");
  }

  @Test
  void noNames_targetingKeyOrNone_contextWithoutAttributes() {
    ContextMapper mapper = new ContextMapper();
    assertThat(mapper.map(new ImmutableContext("u", Map.of("a", new Value(1))), List.of()))
        .isEqualTo(Context.of("u"));
    assertThat(mapper.map(new ImmutableContext(), List.of())).isSameAs(Context.EMPTY);
  }
}
