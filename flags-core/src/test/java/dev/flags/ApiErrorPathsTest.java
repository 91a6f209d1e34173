package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The public evaluation methods on their error paths: defaults and error codes, never throws. */
final class ApiErrorPathsTest {
  private static final String FLAGS = """
      "bool": {"variants": {"on": true, "off": false}, "offVariant": "off",
               "fallthrough": {"variant": "on"}},
      "text": {"variants": {"a": "alpha", "b": "beta"}, "offVariant": "a",
               "fallthrough": {"variant": "b"}},
      "int": {"variants": {"three": 3, "minus": -7}, "offVariant": "three",
              "targets": [{"variant": "minus", "keys": ["neg"]}],
              "fallthrough": {"variant": "three"}},
      "fraction": {"variants": {"x": 2.5, "y": 1.0}, "offVariant": "x",
                   "fallthrough": {"variant": "x"}},
      "big": {"variants": {"max": 2147483648, "min": -2147483649, "huge": 9007199254740993},
              "offVariant": "max",
              "targets": [{"variant": "min", "keys": ["min"]}, {"variant": "huge", "keys": ["huge"]}],
              "fallthrough": {"variant": "max"}},
      "json": {"variants": {"o": {"a": 1}}, "offVariant": "o", "fallthrough": {"variant": "o"}},
      "anonymous-only": {"variants": {"on": true, "off": false}, "offVariant": "off",
               "rules": [{"id": "anon", "conditions": [{"attribute": "key", "op": "exists",
                                                        "negate": true}], "variant": "on"}],
               "fallthrough": {"variant": "off"}}
      """;

  private final Flags flags = client(document(FLAGS));
  private final Context user = Context.of("user-1");

  @Test
  void evaluate_unknownFlag_returnsFlagNotFound() {
    Evaluation e = flags.evaluate("nope", user);

    assertThat(e.isError()).isTrue();
    assertThat(e.errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(e.reason()).isEqualTo(Reason.ERROR);
    assertThat(e.value()).isNull();
    assertThat(e.valueAsJson()).isNull();
    assertThat(e.variant()).isNull();
    assertThat(e.version()).isEqualTo(TestDocuments.VERSION);
  }

  @Test
  void getters_unknownFlag_returnTheDefault() {
    assertThat(flags.isEnabled("nope", user)).isFalse();
    assertThat(flags.isEnabled("nope")).isFalse();
    assertThat(flags.getString("nope", user, "dflt")).isEqualTo("dflt");
    assertThat(flags.getInt("nope", user, 42)).isEqualTo(42);
    assertThat(flags.getLong("nope", user, 42L)).isEqualTo(42L);
    assertThat(flags.getDouble("nope", user, 4.2)).isEqualTo(4.2);
    assertThat(flags.getJson("nope", user, "{}")).isEqualTo("{}");
  }

  @Test
  void evaluate_clientWithoutDocument_returnsNotReady() {
    Flags empty = Flags.newBuilder().build();

    Evaluation e = empty.evaluate("bool", user);

    assertThat(empty.isReady()).isFalse();
    assertThat(empty.version()).isEmpty();
    assertThat(empty.flagKeys()).isEmpty();
    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(e.version()).isEmpty();
    assertThat(empty.evaluate("bool", null).errorCode()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(empty.evaluate(null, user).errorCode()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(empty.isEnabled("bool", user)).isFalse();
    assertThat(empty.getString("text", user, "d")).isEqualTo("d");
    assertThat(empty.getInt("int", user, 1)).isEqualTo(1);
    assertThat(empty.getLong("int", user, 1L)).isEqualTo(1L);
    assertThat(empty.getDouble("int", user, 1.5)).isEqualTo(1.5);
    assertThat(empty.getJson("json", user, "[]")).isEqualTo("[]");
  }

  @Test
  void evaluate_afterFirstLoad_becomesReady() {
    Flags later = Flags.newBuilder().build();

    later.load(document(FLAGS));

    assertThat(later.isReady()).isTrue();
    assertThat(later.isEnabled("bool", user)).isTrue();
    assertThat(later.evaluate("nope", user).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
  }

  @Test
  void getters_wrongType_returnTheDefault() {
    assertThat(flags.getString("bool", user, "d")).isEqualTo("d");
    assertThat(flags.isEnabled("text", user)).isFalse();
    assertThat(flags.getInt("text", user, 9)).isEqualTo(9);
    assertThat(flags.getLong("bool", user, 9L)).isEqualTo(9L);
    assertThat(flags.getDouble("json", user, 9.5)).isEqualTo(9.5);
    assertThat(flags.getJson("text", user, "null")).isEqualTo("null");
    assertThat(flags.getString("json", user, "d")).isEqualTo("d");
  }

  @Test
  void getters_wrongType_logTypeMismatchOncePerFlag() {
    String log = stderrOf(() -> {
      for (int i = 0; i < 100; i++) {
        flags.getString("bool", user, "d");
        flags.getInt("fraction", user, 0);
      }
    });

    assertThat(count(log, "flag 'bool' was read as the wrong type")).isEqualTo(1);
    assertThat(count(log, "flag 'fraction' was read as the wrong type")).isEqualTo(1);
  }

  @Test
  void getInt_nonIntegralNumber_returnsTheDefault() {
    assertThat(flags.getInt("fraction", user, -1)).isEqualTo(-1);
    assertThat(flags.getLong("fraction", user, -1L)).isEqualTo(-1L);
    assertThat(flags.getDouble("fraction", user, -1)).isEqualTo(2.5);
  }

  @Test
  void getInt_valueOutsideIntRange_returnsTheDefault() {
    assertThat(flags.getInt("big", user, -1)).isEqualTo(-1);
    assertThat(flags.getInt("big", Context.of("min"), -1)).isEqualTo(-1);
    assertThat(flags.getLong("big", user, -1L)).isEqualTo(2_147_483_648L);
    assertThat(flags.getLong("big", Context.of("min"), -1L)).isEqualTo(-2_147_483_649L);
  }

  @Test
  void getLong_integerBeyond2Pow53_isExact() {
    assertThat(flags.getLong("big", Context.of("huge"), -1L)).isEqualTo(9_007_199_254_740_993L);
    assertThat(flags.evaluate("big", Context.of("huge")).value()).isEqualTo(9_007_199_254_740_993L);
  }

  @Test
  void typedGetters_rightType_returnTheValue() {
    assertThat(flags.isEnabled("bool", user)).isTrue();
    assertThat(flags.getString("text", user, "d")).isEqualTo("beta");
    assertThat(flags.getInt("int", user, 0)).isEqualTo(3);
    assertThat(flags.getInt("int", Context.of("neg"), 0)).isEqualTo(-7);
    assertThat(flags.getLong("int", user, 0L)).isEqualTo(3L);
    assertThat(flags.getDouble("int", user, 0)).isEqualTo(3.0);
    assertThat(flags.getJson("json", user, "d")).isEqualTo("{\"a\":1}");
    assertThat(flags.evaluate("int", user).value()).isEqualTo(3L);
    assertThat(flags.evaluate("fraction", user).value()).isEqualTo(2.5);
  }

  @Test
  void evaluate_nullContext_returnsInvalidContext() {
    Evaluation e = flags.evaluate("bool", null);

    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
    assertThat(e.reason()).isEqualTo(Reason.ERROR);
    assertThat(flags.isEnabled("bool", null)).isFalse();
    assertThat(flags.getString("text", null, "d")).isEqualTo("d");
    assertThat(flags.getInt("int", null, 5)).isEqualTo(5);
    assertThat(flags.getLong("int", null, 5L)).isEqualTo(5L);
    assertThat(flags.getDouble("int", null, 5.5)).isEqualTo(5.5);
    assertThat(flags.getJson("json", null, "d")).isEqualTo("d");
  }

  @Test
  void evaluate_nullFlagKey_returnsFlagNotFound() {
    assertThat(flags.evaluate(null, user).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(flags.evaluate(null, null).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(flags.isEnabled(null)).isFalse();
    assertThat(flags.isEnabled(null, user)).isFalse();
    assertThat(flags.getString(null, user, "d")).isEqualTo("d");
    assertThat(flags.getInt(null, user, 1)).isEqualTo(1);
    assertThat(flags.getLong(null, user, 1L)).isEqualTo(1L);
    assertThat(flags.getDouble(null, user, 1.5)).isEqualTo(1.5);
    assertThat(flags.getJson(null, user, "d")).isEqualTo("d");
  }

  @Test
  void evaluate_emptyFlagKey_returnsFlagNotFound() {
    assertThat(flags.evaluate("", user).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
  }

  @Test
  void isEnabled_withoutContext_usesTheAnonymousContext() {
    assertThat(flags.isEnabled("anonymous-only")).isTrue();
    assertThat(flags.isEnabled("anonymous-only", user)).isFalse();
    assertThat(flags.evaluate("anonymous-only", Context.EMPTY).ruleId()).isEqualTo("anon");
  }

  @Test
  void evaluate_returnsTheVersionOfTheDocumentServed() {
    Flags f = client(document(FLAGS));
    assertThat(f.evaluate("bool", user).version()).isEqualTo(TestDocuments.VERSION);
    assertThat(f.version()).isEqualTo(TestDocuments.VERSION);

    f.load(document(FLAGS).replace(TestDocuments.VERSION, "v2"));

    assertThat(f.evaluate("bool", user).version()).isEqualTo("v2");
    assertThat(f.evaluate("nope", user).version()).isEqualTo("v2");
    assertThat(f.evaluate("bool", null).version()).isEqualTo("v2");
    assertThat(f.version()).isEqualTo("v2");
  }

  @Test
  void evaluate_sameInputs_returnTheSamePrecomputedInstance() {
    assertThat(flags.evaluate("text", user)).isSameAs(flags.evaluate("text", Context.of("other")));
    assertThat(flags.evaluate("int", Context.of("neg")))
        .isSameAs(flags.evaluate("int", Context.of("neg")));
    assertThat(flags.evaluate("nope", user)).isSameAs(flags.evaluate("other-nope", user));
    assertThat(flags.evaluate("bool", null)).isSameAs(flags.evaluate("text", null));
  }

  @Test
  void load_invalidDocument_keepsServingThePreviousOne() {
    Flags f = client(document(FLAGS));

    try {
      f.load("{\"schema\": 1, \"version\": \"broken\", \"flags\": {\"x\": {}}}");
    } catch (InvalidDocumentException expected) {
      assertThat(expected.version()).isEqualTo("broken");
    }

    assertThat(f.version()).isEqualTo(TestDocuments.VERSION);
    assertThat(f.isEnabled("bool", user)).isTrue();
  }

  @Test
  void evaluate_unknownFlagThousandTimes_logsOneWarning() {
    String log = stderrOf(() -> {
      for (int i = 0; i < 1_000; i++) {
        flags.evaluate("never-declared", user);
        flags.isEnabled("never-declared", user);
      }
    });

    assertThat(count(log, "unknown flag 'never-declared'")).isEqualTo(1);
  }

  @Test
  void evaluate_nullContextRepeatedly_logsOneWarningPerFlag() {
    String log = stderrOf(() -> {
      for (int i = 0; i < 100; i++) {
        flags.evaluate("text", null);
      }
    });

    assertThat(count(log, "flag 'text' was evaluated with a null context")).isEqualTo(1);
  }

  @Test
  void flagKeys_listsTheFlagsServed() {
    assertThat(flags.flagKeys())
        .containsExactlyInAnyOrder(
            "bool", "text", "int", "fraction", "big", "json", "anonymous-only");
  }

  @Test
  void evaluation_toString_namesVariantReasonAndVersion() {
    assertThat(flags.evaluate("text", user).toString())
        .isEqualTo("Evaluation{variant=b, value=\"beta\", reason=FALLTHROUGH, version=test-1}");
    assertThat(flags.evaluate("nope", user).toString())
        .isEqualTo("Evaluation{reason=ERROR, errorCode=FLAG_NOT_FOUND, version=test-1}");
  }

  /** Runs the action and returns what was written to System.err (slf4j-simple's target). */
  /** What the evaluation logger recorded while {@code action} ran (see RecordingLogs). */
  private static String stderrOf(Runnable action) {
    int mark = RecordingLogs.mark();
    action.run();
    StringBuilder sb = new StringBuilder();
    for (RecordingLogs.Line line : RecordingLogs.since(mark, "dev.flags.evaluation")) {
      sb.append(line.message()).append('\n');
    }
    return sb.toString();
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
