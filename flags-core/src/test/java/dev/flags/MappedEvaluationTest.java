package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code evaluate(key, source, mapper)}: one lookup, the flag's attribute names, one snapshot. */
final class MappedEvaluationTest {
  private static final String ON_OFF =
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off', ";

  private static String ruleOn(String key, String attribute, String value) {
    return flag(
        key,
        ON_OFF + "'rules': [{'id': 'r', 'conditions': [{'attribute': '" + attribute
            + "', 'op': 'in', 'values': ['" + value + "']}], 'variant': 'on'}],"
            + " 'fallthrough': {'variant': 'off'}");
  }

  private final MemorySource source = MemorySource.of(
      "memory",
      doc(
          "v1",
          onOff("static", "on"),
          ruleOn("nz", "country", "NZ"),
          flag(
              "both",
              ON_OFF + "'prerequisites': [{'flag': 'nz', 'variant': 'on'}],"
                  + " 'rules': [{'id': 'pro', 'conditions': [{'attribute': 'plan', 'op': 'in',"
                  + " 'values': ['pro']}], 'variant': 'on'}], 'fallthrough': {'variant': 'off'}")));
  private final Flags flags = Flags.newBuilder().source(source).build();

  /** A caller as a map of strings, and the names each call was asked for. */
  private final List<List<String>> asked = new ArrayList<>();

  private final Context.Mapper<Map<String, String>> fromMap = (map, names) -> {
    asked.add(names);
    Context.Builder b = Context.newBuilder(map.getOrDefault("id", ""), names.size());
    for (String name : names) {
      String v = map.get(name);
      if (v != null) {
        b.set(name, v);
      }
    }
    return b.build();
  };

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void evaluate_mapper_givenTheNamesTheFlagReadsAndSameResultAsWithTheWholeContext() {
    Map<String, String> kiwi = Map.of("id", "u1", "country", "NZ", "plan", "pro", "shoe", "9");

    Evaluation e = flags.evaluate("both", kiwi, fromMap);

    assertThat(asked).containsExactly(List.of("country", "plan"));
    Context whole = Context.newBuilder("u1")
        .set("country", "NZ")
        .set("plan", "pro")
        .set("shoe", "9")
        .build();
    assertThat(e).isSameAs(flags.evaluate("both", whole));
    assertThat(e.ruleId()).isEqualTo("pro");
    assertThat(
            flags.evaluate("nz", Map.of("id", "u2", "country", "AU"), fromMap).value())
        .isEqualTo(false);
  }

  @Test
  void evaluate_flagThatReadsNoAttribute_mapperGivenNoNames() {
    Evaluation e = flags.evaluate("static", Map.of("id", "u1", "country", "NZ"), fromMap);

    assertThat(e.value()).isEqualTo(true);
    assertThat(asked).containsExactly(List.of());
  }

  @Test
  void evaluate_unknownFlagOrNoDocument_errorWithoutCallingTheMapper() {
    Evaluation unknown = flags.evaluate("nope", Map.of("id", "u1"), fromMap);
    try (Flags empty = Flags.newBuilder().build()) {
      Evaluation notReady = empty.evaluate("nz", Map.of("id", "u1"), fromMap);

      assertThat(unknown.errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
      assertThat(notReady.errorCode()).isEqualTo(ErrorCode.NOT_READY);
      assertThat(asked).isEmpty();
    }
  }

  @Test
  void evaluate_mapperThrows_generalErrorNotThrown() {
    Context.Mapper<String> broken = (s, names) -> {
      throw new IllegalStateException("broken caller " + s);
    };

    Evaluation e = flags.evaluate("nz", "x", broken);

    assertThat(e.errorCode()).isEqualTo(ErrorCode.GENERAL);
    assertThat(e.value()).isNull();
    assertThat(e.version()).isEqualTo("v1");
  }

  @SuppressWarnings("NullAway") // a mapper that breaks its contract, on purpose
  @Test
  void evaluate_mapperReturnsNull_invalidContext() {
    Context.Mapper<String> none = (s, names) -> null;

    assertThat(flags.evaluate("nz", "x", none).errorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
  }

  @Test
  void evaluate_documentSwappedWhileMapping_evaluatedOnTheSnapshotWhoseNamesWereGiven() {
    // While the caller is being mapped, a new document makes 'nz' read 'plan' instead.
    Context.Mapper<Map<String, String>> swapping = (map, names) -> {
      source.update(doc("v2", ruleOn("nz", "plan", "pro")));
      return fromMap.map(map, names);
    };

    Evaluation e = flags.evaluate("nz", Map.of("id", "u1", "country", "NZ"), swapping);

    assertThat(asked).containsExactly(List.of("country"));
    assertThat(e.version()).isEqualTo("v1");
    assertThat(e.value()).isEqualTo(true);
    assertThat(flags.version()).isEqualTo("v2");
    assertThat(flags.evaluate("nz", Map.of("id", "u1", "plan", "pro"), fromMap).version())
        .isEqualTo("v2");
  }

  @Test
  void evaluate_onASnapshot_namesAndResultFromThatSnapshot() {
    FlagSnapshot pinned = flags.snapshot();
    source.update(doc("v2", ruleOn("nz", "plan", "pro")));

    Evaluation e = pinned.evaluate("nz", Map.of("id", "u1", "country", "NZ"), fromMap);

    assertThat(asked).containsExactly(List.of("country"));
    assertThat(e.version()).isEqualTo("v1");
    assertThat(e.value()).isEqualTo(true);
  }

  @Test
  void evaluate_mapped_observedLikeAnyEvaluation() {
    try (Flags counted = Flags.newBuilder()
        .document(doc("v1", ruleOn("nz", "country", "NZ")))
        .metrics(true)
        .build()) {
      counted.evaluate("nz", Map.of("id", "u1", "country", "NZ"), fromMap);
      counted.evaluate("nz", Map.of("id", "u2", "country", "AU"), fromMap);

      assertThat(counted.metrics().count("nz")).isEqualTo(2);
      assertThat(counted.metrics().count("nz", Reason.RULE_MATCH)).isEqualTo(1);
    }
  }
}
