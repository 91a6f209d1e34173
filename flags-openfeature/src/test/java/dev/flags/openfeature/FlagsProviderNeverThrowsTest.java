package dev.flags.openfeature;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 100,000 random OpenFeature contexts through every typed resolution: no call ever throws. */
final class FlagsProviderNeverThrowsTest {
  private static final String ONE_MB = "x".repeat(1 << 20);
  private static final String[] NAMES = {
    "country",
    "age",
    "email",
    "groups",
    "address",
    "key",
    "targetingKey",
    "",
    "a.b",
    "é名",
    "signup",
    "beta",
    ONE_MB
  };
  private static final String COND =
      "'conditions': [{'attribute': 'ATTR', 'op': 'OP', 'value': V}]";

  private static String rule(String id, String attribute, String op, String value) {
    return "{'id': '" + id + "', "
        + COND.replace("ATTR", attribute).replace("OP", op).replace("V", value)
        + ", 'variant': 'on'}";
  }

  private static final String DOCUMENT = doc(
      "fuzz",
      flag(
          "rules",
          "'variants': {'on': true, 'off': false}, 'offVariant': 'off', 'rules': ["
              + rule("c", "country", "equals", "'NZ'") + ", "
              + rule("a", "age", "gt", "30") + ", "
              + rule("g", "groups", "contains", "'beta'") + ", "
              + rule("n", "address.city", "startsWith", "'W'") + ", "
              + rule("s", "signup", "after", "'2020-01-01T00:00:00Z'") + ", "
              + rule("m", "email", "matches", "'^[a-z]+@x\\\\.com$'") + "],"
              + " 'fallthrough': {'rollout': {'bucketBy': 'email', 'variants':"
              + " [{'variant': 'on', 'weight': 50000}, {'variant': 'off', 'weight': 50000}]}}"),
      flag(
          "text",
          "'variants': {'a': 'A', 'b': 'B'}, 'offVariant': 'a',"
              + " 'targets': [{'variant': 'b', 'keys': ['k1']}], 'fallthrough': {'variant': 'a'}"),
      flag(
          "number",
          "'variants': {'i': 7, 'big': 3000000000, 'f': 0.5}, 'offVariant': 'i',"
              + " 'fallthrough': {'rollout': {'variants': [{'variant': 'i', 'weight': 40000},"
              + " {'variant': 'big', 'weight': 30000}, {'variant': 'f', 'weight': 30000}]}}"),
      flag(
          "json",
          "'variants': {'o': {'a': [1, {'b': null}]}, 'l': [true, 'x']}, 'offVariant': 'o',"
              + " 'fallthrough': {'variant': 'o'}"),
      flag(
          "gated",
          "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
              + " 'prerequisites': [{'flag': 'rules', 'variant': 'on'}],"
              + " 'fallthrough': {'variant': 'on'}"));

  private static final String[] KEYS = {"rules", "text", "number", "json", "gated", "missing"};

  @Test
  void everyTypedResolution_100kRandomContexts_neverThrows() {
    Random random = new Random(2026);
    try (Flags flags = Flags.newBuilder().document(DOCUMENT).build()) {
      flags.kill("gated", "fuzz");
      flags.restore("gated");
      flags.override("text", "b", List.of("k2"));
      FlagsProvider provider = FlagsProvider.newBuilder(flags).build();
      int errors = 0;
      for (int i = 0; i < 100_000; i++) {
        EvaluationContext context = context(random, true);
        String key = KEYS[random.nextInt(KEYS.length)];
        errors += check(provider.getBooleanEvaluation(key, true, context), true);
        errors += check(provider.getStringEvaluation(key, "d", context), "d");
        errors += check(provider.getIntegerEvaluation(key, -1, context), -1);
        errors += check(provider.getLongEvaluation(key, -1L, context), -1L);
        errors += check(provider.getDoubleEvaluation(key, -1.0, context), -1.0);
        errors += check(provider.getObjectEvaluation(key, new Value("d"), context), new Value("d"));
      }
      assertThat(errors).isBetween(1, 600_000 - 1); // both outcomes were exercised
    }
  }

  @Test
  void clientCalls_randomContexts_neverThrow() throws Exception {
    Random random = new Random(7);
    OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
    try (Flags flags = Flags.newBuilder().document(DOCUMENT).build()) {
      api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());
      Client client = api.getClient();
      for (int i = 0; i < 2_000; i++) {
        EvaluationContext context = context(random, false);
        String key = KEYS[random.nextInt(KEYS.length)];
        assertThat(client.getBooleanDetails(key, false, context).getReason()).isNotNull();
        assertThat(client.getObjectDetails(key, new Value(), context).getReason())
            .isNotNull();
      }
    } finally {
      api.shutdown();
    }
  }

  /** Counts an error; checks that a result always has a reason, and the default on error. */
  private static <T> int check(ProviderEvaluation<T> e, T defaultValue) {
    assertThat(e.getReason()).isNotNull();
    assertThat(e.getFlagMetadata()).isNotNull();
    if (e.getErrorCode() != null) {
      assertThat(e.getValue()).isEqualTo(defaultValue);
      assertThat(e.getErrorMessage()).isNotBlank();
      return 1;
    }
    assertThat(e.getErrorMessage()).isNull();
    return 0;
  }

  private static EvaluationContext context(Random random, boolean cycles) {
    // 1 MB strings are hashed and scanned whole (bucketing, regex): one context in 200 has them.
    boolean huge = random.nextInt(200) == 0;
    String key = switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> "";
      default -> huge && random.nextBoolean() ? ONE_MB : "k" + random.nextInt(4);
    };
    Map<String, Value> attributes = new HashMap<>();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      attributes.put(name(random, huge), value(random, 0, huge));
    }
    if (cycles && random.nextInt(10) == 0) {
      MutableContext mutable =
          key == null ? new MutableContext(attributes) : new MutableContext(key, attributes);
      MutableStructure cycle = new MutableStructure();
      cycle.add("self", cycle); // a structure that contains itself
      mutable.add("cycle", cycle);
      return mutable;
    }
    return key == null ? new ImmutableContext(attributes) : new ImmutableContext(key, attributes);
  }

  private static String name(Random random, boolean huge) {
    return huge ? NAMES[random.nextInt(NAMES.length)] : NAMES[random.nextInt(NAMES.length - 1)];
  }

  private static Value value(Random random, int depth, boolean huge) {
    return switch (random.nextInt(depth > 12 ? 8 : 10)) {
      case 0 -> new Value();
      case 1 -> new Value(huge && random.nextBoolean() ? ONE_MB : "NZ");
      case 2 -> new Value(random.nextInt(100) - 20);
      case 3 -> new Value(random.nextLong());
      case 4 -> new Value(random.nextDouble() * 1e6);
      case 5 -> new Value(Instant.ofEpochMilli(random.nextLong() >> 20));
      case 6 -> new Value(random.nextBoolean());
      case 7 -> new Value(random.nextBoolean() ? "beta" : "@x.com");
      case 8 -> {
        List<Value> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(random.nextBoolean() ? new Value("beta") : value(random, depth + 1, huge));
        }
        yield new Value(list);
      }
      default -> {
        MutableStructure s = new MutableStructure();
        for (int i = random.nextInt(4); i > 0; i--) {
          s.add(name(random, huge), value(random, depth + 1, huge));
        }
        yield new Value(s);
      }
    };
  }
}
