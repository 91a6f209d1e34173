package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A million seeded random evaluations through every public evaluation method: none may throw, and
 * every result is either a value of the requested type served by the flag, or the caller's
 * default.
 */
final class NeverThrowsTest {
  private static final long SEED = 0x5EED_F1A6L;
  private static final int EVALUATIONS = 1_000_000;

  private static final String SEGMENTS = """
      "beta": {"included": ["u-1", "u-2", ""], "excluded": ["u-3"],
               "rules": [{"id": "staff", "conditions": [
                 {"attribute": "email", "op": "endsWith", "value": "@example.com",
                  "ignoreCase": true}]}]},
      "numbers": {"rules": [{"id": "n", "conditions": [{"attribute": "age", "op": "gte", "value": 18},
                                                       {"attribute": "score", "op": "lt", "value": 0.5}]}]}
      """;

  /** Every operator, ignoreCase and negate, segments, prerequisites, rollouts, every type. */
  private static final String FLAGS = """
      "bool": {
        "variants": {"on": true, "off": false}, "offVariant": "off",
        "targets": [{"variant": "on", "keys": ["u-1", "ÄÖ", ""]}],
        "rules": [
          {"id": "in", "conditions": [{"attribute": "country", "op": "in", "values": ["NZ", 1, 2.5]}],
           "variant": "on"},
          {"id": "notIn", "conditions": [{"attribute": "country", "op": "notIn", "values": ["äö"],
                                          "ignoreCase": true, "negate": true}], "variant": "off"},
          {"id": "eq", "conditions": [{"attribute": "beta", "op": "equals", "value": true},
                                      {"attribute": "plan", "op": "equals", "value": "PRO",
                                       "ignoreCase": true}], "variant": "on"},
          {"id": "str", "conditions": [
            {"attribute": "email", "op": "startsWith", "values": ["a", "\\ud83d"]},
            {"attribute": "email", "op": "contains", "value": "@", "ignoreCase": true},
            {"attribute": "email", "op": "endsWith", "value": ".nz", "negate": true}],
           "variant": "on"},
          {"id": "re", "conditions": [{"attribute": "ua", "op": "matches",
                                       "values": ["(a+)+$", "^\\\\p{L}+$", "(?i)bot"]}],
           "variant": "off"},
          {"id": "num", "conditions": [{"attribute": "age", "op": "gt", "value": 65},
                                       {"attribute": "score", "op": "lte", "value": 1e308}],
           "variant": "on"},
          {"id": "sv", "conditions": [{"attribute": "appVersion", "op": "semverGte",
                                       "value": "2.1.0-beta.2"},
                                      {"attribute": "appVersion", "op": "semverLt", "value": "v3"}],
           "variant": "on"},
          {"id": "time", "conditions": [{"attribute": "now", "op": "after",
                                         "value": "2026-12-01T00:00:00+13:00"},
                                        {"attribute": "now", "op": "before", "value": 4102444800000}],
           "variant": "on"},
          {"id": "seg", "conditions": [{"op": "inSegment", "values": ["beta", "numbers"]}],
           "rollout": {"bucketBy": "orgId", "variants": [{"variant": "on", "weight": 50000},
                                                         {"variant": "off", "weight": 50000}]}},
          {"id": "notSeg", "conditions": [{"op": "notInSegment", "values": ["beta"]},
                                          {"attribute": "groups", "op": "exists"}],
           "variant": "off"}
        ],
        "fallthrough": {"rollout": {"variants": [{"variant": "on", "weight": 1},
                                                 {"variant": "off", "weight": 99999}]}}
      },
      "killed": {"enabled": false, "variants": {"on": true, "off": false}, "offVariant": "off",
                 "fallthrough": {"variant": "on"}},
      "chain-c": {"variants": {"on": true, "off": false}, "offVariant": "off",
                  "rules": [{"id": "r", "conditions": [{"attribute": "plan", "op": "exists"}],
                             "variant": "on"}],
                  "fallthrough": {"variant": "off"}},
      "chain-b": {"variants": {"on": true, "off": false}, "offVariant": "off",
                  "prerequisites": [{"flag": "chain-c", "variant": "on"}],
                  "fallthrough": {"variant": "on"}},
      "chain-a": {"variants": {"yes": "yes", "no": "no"}, "offVariant": "no",
                  "prerequisites": [{"flag": "chain-b", "variant": "on"},
                                    {"flag": "bool", "variant": "on"}],
                  "fallthrough": {"rollout": {"bucketBy": "orgId", "salt": "s",
                    "variants": [{"variant": "yes", "weight": 70000}, {"variant": "no", "weight": 30000}]}}},
      "text": {"variants": {"a": "alpha", "b": "", "c": "Σίσυφος \\ud83d\\ude00"}, "offVariant": "a",
               "salt": "text-salt",
               "rules": [{"id": "lists", "conditions": [{"attribute": "groups", "op": "in",
                                                          "values": ["qa", "staff"]}], "variant": "c"}],
               "fallthrough": {"rollout": {"variants": [{"variant": "a", "weight": 33333},
                 {"variant": "b", "weight": 33333}, {"variant": "c", "weight": 33334}]}}},
      "ints": {"variants": {"small": 3, "neg": -7, "max": 2147483647, "over": 2147483648},
               "offVariant": "small",
               "fallthrough": {"rollout": {"variants": [{"variant": "small", "weight": 25000},
                 {"variant": "neg", "weight": 25000}, {"variant": "max", "weight": 25000},
                 {"variant": "over", "weight": 25000}]}}},
      "doubles": {"variants": {"half": 0.5, "big": 1e300, "tiny": -4.9e-324}, "offVariant": "half",
                  "rules": [{"id": "r", "conditions": [{"attribute": "score", "op": "gt", "value": 0}],
                             "variant": "big"}],
                  "fallthrough": {"rollout": {"bucketBy": "age", "variants": [
                    {"variant": "half", "weight": 50000}, {"variant": "tiny", "weight": 50000}]}}},
      "json": {"variants": {"obj": {"a": [1, {"b": null}], "c": "ü"}, "arr": [], "deep": [[[[1]]]]},
               "offVariant": "arr",
               "targets": [{"variant": "deep", "keys": ["u-2"]}],
               "fallthrough": {"variant": "obj"}}
      """;

  private static final String DOCUMENT_1 = "{\"schema\": 1, \"version\": \"v1\", \"segments\": {"
      + SEGMENTS + "}, \"flags\": {" + FLAGS + "}}";
  private static final String DOCUMENT_2 = DOCUMENT_1
      .replace("\"version\": \"v1\"", "\"version\": \"v2\"")
      .replace("\"weight\": 1}", "\"weight\": 50000}")
      .replace("\"weight\": 99999}", "\"weight\": 50000}");

  private static final String DEFAULT_STRING = "<caller default>";
  private static final int DEFAULT_INT = -123_456_789;
  private static final long DEFAULT_LONG = -987_654_321_000L;
  private static final double DEFAULT_DOUBLE = -0.000_123_456;
  private static final String DEFAULT_JSON = "{\"caller\":\"default\"}";

  @Test
  // The getters must return the caller's very default object: compared by identity on purpose.
  @SuppressWarnings("ReferenceEquality")
  void evaluate_millionRandomCalls_neverThrowAndReturnTypedValuesOrDefaults() {
    Random random = new Random(SEED);
    Flags flags = Flags.newBuilder().document(DOCUMENT_1).build();
    Map<String, Set<Object>> served = servedValues(flags);
    List<String> keys = new ArrayList<>(served.keySet());
    keys.addAll(
        List.of("unknown", "", " ", "BOOL", "bool ", "ünknown", "\ud800", "x".repeat(10_000)));
    keys.add(null);
    List<BooleanFlag> handles = new ArrayList<>();
    for (String k : keys) {
      if (k != null) {
        handles.add(flags.booleanFlag(k));
      }
    }
    List<Context> contexts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      contexts.add(randomContext(random));
    }
    contexts.add(Context.EMPTY);

    int general = 0;
    for (int n = 0; n < EVALUATIONS; n++) {
      if (n % 100_000 == 99_999) {
        flags.load(n % 200_000 == 99_999 ? DOCUMENT_2 : DOCUMENT_1);
      }
      // Mostly declared flags and real contexts, so that most calls get past the error paths.
      String key = random.nextInt(5) != 0
          ? keys.get(random.nextInt(served.size()))
          : keys.get(served.size() + random.nextInt(keys.size() - served.size()));
      Context context =
          random.nextInt(100) == 0 ? null : contexts.get(random.nextInt(contexts.size()));
      Set<Object> values = key == null ? null : served.get(key);
      int method = random.nextInt(10);
      Object result = null;
      boolean ok;
      try {
        switch (method) {
          case 0 -> {
            boolean v = flags.isEnabled(key, context);
            result = v;
            ok = !v || (values != null && values.contains(true));
          }
          case 1 -> {
            boolean v = flags.isEnabled(key);
            result = v;
            ok = !v || (values != null && values.contains(true));
          }
          case 2 -> {
            String v = flags.getString(key, context, DEFAULT_STRING);
            result = v;
            ok = v == DEFAULT_STRING || (values != null && values.contains(v));
          }
          case 3 -> {
            int v = flags.getInt(key, context, DEFAULT_INT);
            result = v;
            ok = v == DEFAULT_INT || (values != null && values.contains((long) v));
          }
          case 4 -> {
            long v = flags.getLong(key, context, DEFAULT_LONG);
            result = v;
            ok = v == DEFAULT_LONG || (values != null && values.contains(v));
          }
          case 5 -> {
            double v = flags.getDouble(key, context, DEFAULT_DOUBLE);
            result = v;
            ok = v == DEFAULT_DOUBLE
                || (values != null && (values.contains(v) || values.contains((long) v)));
          }
          case 6 -> {
            String v = flags.getJson(key, context, DEFAULT_JSON);
            result = v;
            ok = v == DEFAULT_JSON || (values != null && values.contains(v));
          }
          case 7 -> {
            Evaluation e = flags.evaluate(key, context);
            result = e;
            ok = isConsistent(e, values);
            if (ok && e.errorCode() == ErrorCode.GENERAL) {
              general++;
            }
          }
          case 8 -> {
            BooleanFlag h = handles.get(random.nextInt(handles.size()));
            key = h.key();
            Set<Object> hv = served.get(key);
            boolean v = h.isEnabled(context);
            result = v;
            ok = !v || (hv != null && hv.contains(true));
          }
          default -> {
            BooleanFlag h = handles.get(random.nextInt(handles.size()));
            key = h.key();
            Evaluation e = h.evaluate(context);
            result = e;
            ok = isConsistent(e, served.get(key))
                && (e.value() == null || e.value() instanceof Boolean);
            if (ok && e.errorCode() == ErrorCode.GENERAL) {
              general++;
            }
          }
        }
      } catch (RuntimeException | Error e) {
        throw new AssertionError("threw on " + describe(n, method, key, context), e);
      }
      if (!ok) {
        throw new AssertionError(
            "unexpected result " + result + " for " + describe(n, method, key, context));
      }
    }

    assertThat(general).as("evaluations that hit the last-resort catch").isZero();
  }

  /** Every value each flag can serve, in the forms the getters return (plus JSON text). */
  private static Map<String, Set<Object>> servedValues(Flags flags) {
    Map<String, Set<Object>> out = new HashMap<>();
    for (String doc : List.of(DOCUMENT_1, DOCUMENT_2)) {
      dev.flags.internal.document.DocumentLoader loader =
          new dev.flags.internal.document.DocumentLoader(DocumentLimits.defaults());
      dev.flags.internal.snapshot.FlagDocument parsed =
          loader.validate(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      parsed.flags().forEach((key, flag) -> {
        Set<Object> values = out.computeIfAbsent(key, k -> new HashSet<>());
        for (dev.flags.internal.snapshot.FlagDocument.Variant v : flag.variants()) {
          values.add(v.value());
          values.add(v.json());
        }
      });
    }
    assertThat(out.keySet()).isEqualTo(flags.flagKeys());
    return out;
  }

  private static boolean isConsistent(Evaluation e, Set<Object> values) {
    if (e == null || !(e.version().equals("v1") || e.version().equals("v2"))) {
      return false;
    }
    if (e.isError()) {
      return e.reason() == Reason.ERROR
          && e.value() == null
          && e.variant() == null
          && e.valueAsJson() == null;
    }
    if (e.reason() == Reason.DEFAULT) {
      return e.value() == null && e.variant() == null && e.valueAsJson() == null;
    }
    return values != null
        && values.contains(e.value())
        && values.contains(e.valueAsJson())
        && e.variant() != null
        && (e.reason() == Reason.RULE_MATCH) == (e.ruleId() != null)
        && (e.reason() == Reason.PREREQUISITE_FAILED) == (e.prerequisiteKey() != null);
  }

  private static String describe(int n, int method, String key, Context context) {
    String c = String.valueOf(context);
    return "call #" + n + " (method " + method + ", flag " + abbreviate(key) + ", context "
        + (c.length() > 300 ? c.substring(0, 300) + "..." : c) + ", seed " + SEED + ")";
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static final String[] NAMES = {
    "country",
    "plan",
    "email",
    "ua",
    "age",
    "score",
    "appVersion",
    "now",
    "orgId",
    "groups",
    "beta",
    "x",
    "ü",
    "\ud83d\ude00",
    "KEY",
    "key2"
  };

  private static final String[] ODD_STRINGS = {
    "",
    " ",
    "NZ",
    "nz",
    "äö",
    "ÄÖ",
    "pro",
    "PRO",
    "a@example.com",
    "A@EXAMPLE.COM",
    "x.nz",
    "\ud83d",
    "\ude00",
    "\ud83d\ude00",
    "\u0000",
    "\uFFFF",
    "\u0130",
    "\u0131",
    "ß",
    "Σ",
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "1e309",
    "0x10",
    "1",
    "2.5",
    "18",
    "2.1.0",
    "2.1.0-beta.2",
    "2.1.0-beta.11",
    "v3",
    "3.0.0-",
    "1.0.0+",
    "01.0.0",
    "1.0.0-rc.01",
    "99999999999999999999.0.0",
    "2.1",
    "v",
    "2026-12-01T00:00:00Z",
    "2026-12-31T11:00:00+13:00",
    "2026-13-01T00:00Z",
    "2026-02-29T00:00Z",
    "2026-12-01T00:00:00+18:30",
    "9999-12-31T23:59:59.999999999-18:00",
    "0000-01-01T00:00Z",
    "2026-12-01T00:00",
    "2026-12-01T00:00:00.Z",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    "GoogleBot",
    "a".repeat(5_000) + "b",
    "é".repeat(3_000),
    "\ud83d\ude00".repeat(1_000)
  };

  /** Values the document's conditions test for, by attribute, so that rules match often. */
  private static final Map<String, Object[]> PLAUSIBLE = Map.ofEntries(
      Map.entry("country", new Object[] {"NZ", "äö", "ÄÖ", "AU", 1L, 2.5}),
      Map.entry("plan", new Object[] {"PRO", "pro", "Pro", "free"}),
      Map.entry("beta", new Object[] {true, false, "true"}),
      Map.entry(
          "email",
          new Object[] {"a@example.com", "A@EXAMPLE.COM", "ann@x.nz", "\ud83d@x.io", "b@c"}),
      Map.entry("ua", new Object[] {"GoogleBot", "Σίσυφος", "aaaab", "Mozilla/5.0"}),
      Map.entry("age", new Object[] {17L, 18L, 65L, 66L, 40.5}),
      Map.entry("score", new Object[] {0.1, 0.5, -1.0, 2.0}),
      Map.entry("appVersion", new Object[] {
        "2.1.0", "2.1.0-beta.2", "2.1.0-beta.11", "v3", "3.0.0-rc.1", "2.0.9", "2.1"
      }),
      Map.entry("now", new Object[] {
        "2026-12-15T00:00:00Z",
        java.time.Instant.parse("2027-06-01T00:00:00Z"),
        1_700_000_000_000L,
        "2026-11-30T11:00:00Z"
      }),
      Map.entry("orgId", new Object[] {"acme", "globex", 42L, -7L, 1.5, ""}),
      Map.entry(
          "groups", new Object[] {List.of("qa"), List.of("x", "staff"), List.of(), List.of("")}));

  private static final double[] ODD_NUMBERS = {
    0,
    -0.0,
    1,
    2.5,
    18,
    65,
    66,
    0.49,
    0.5,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    Double.MIN_VALUE,
    -Double.MAX_VALUE,
    1e300,
    // 2^53 + 1: not a double, so it reads as 2^53 (the point of the value).
    9_007_199_254_740_992.0,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    1.7647876e12,
    4_102_444_800_000.0,
    -1,
    123_456_789
  };

  private static Context randomContext(Random r) {
    String key = r.nextInt(10) == 0 ? "" : r.nextInt(3) == 0 ? oddString(r) : "u-" + r.nextInt(50);
    Context.Builder b = Context.newBuilder(key);
    int attributes = r.nextInt(r.nextInt(8) == 0 ? 20 : 10);
    for (int i = 0; i < attributes; i++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      if (r.nextBoolean() && PLAUSIBLE.containsKey(name)) {
        Object[] candidates = PLAUSIBLE.get(name);
        Object v = candidates[r.nextInt(candidates.length)];
        if (v instanceof String str) {
          b.set(name, str);
        } else if (v instanceof Boolean bool) {
          b.set(name, bool);
        } else if (v instanceof List<?> list) {
          @SuppressWarnings("unchecked")
          List<String> strings = (List<String>) list;
          b.set(name, strings);
        } else if (v instanceof java.time.Instant instant) {
          b.set(name, instant);
        } else if (v instanceof Long l) {
          b.set(name, (long) l);
        } else {
          b.set(name, (double) (Double) v);
        }
        continue;
      }
      switch (r.nextInt(6)) {
        case 0, 1 -> b.set(name, oddString(r));
        case 2 -> b.set(name, ODD_NUMBERS[r.nextInt(ODD_NUMBERS.length)]);
        case 3 -> b.set(name, r.nextLong() >> r.nextInt(64));
        case 4 -> b.set(name, r.nextBoolean());
        default -> {
          List<String> list = new ArrayList<>();
          for (int j = r.nextInt(4); j > 0; j--) {
            list.add(oddString(r));
          }
          b.set(name, list);
        }
      }
    }
    if (r.nextInt(20) == 0) {
      b.set("now", java.time.Instant.ofEpochMilli(r.nextLong() >> r.nextInt(64)));
    }
    return b.build();
  }

  private static String oddString(Random r) {
    if (r.nextInt(4) == 0) {
      StringBuilder sb = new StringBuilder();
      for (int i = r.nextInt(12); i > 0; i--) {
        sb.append((char) r.nextInt(r.nextBoolean() ? 128 : 0x10000));
      }
      return sb.toString();
    }
    return ODD_STRINGS[r.nextInt(ODD_STRINGS.length)];
  }
}
