package dev.flags.internal.document;

import static dev.flags.internal.document.TestJson.json;
import static dev.flags.internal.document.TestJson.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.DocumentLimits;
import org.junit.jupiter.api.Test;

/** Prerequisite references across flags: unknown flags and variants, self references, cycles, depth. */
final class ReferenceCheckerTest {
  private static final String ON_OFF = "'variants': {'on': true, 'off': false}";

  /** A flag declaring on/off that depends on {@code prerequisites} (flag keys, variant on). */
  private static String flag(String key, String... prerequisites) {
    StringBuilder sb = new StringBuilder("'" + key + "': {" + ON_OFF + ", 'prerequisites': [");
    for (int i = 0; i < prerequisites.length; i++) {
      sb.append(i == 0 ? "" : ", ").append("{'flag': '" + prerequisites[i] + "', 'variant': 'on'}");
    }
    return sb.append("]}").toString();
  }

  private static String flags(String... flags) {
    return "{" + String.join(", ", flags) + "}";
  }

  private static Problems check(JsonNode flags, DocumentLimits limits) {
    Problems problems = new Problems(limits);
    new ReferenceChecker(problems).check(flags);
    return problems;
  }

  private static Problems check(String flags) {
    return check(json(flags), DocumentLimits.defaults());
  }

  @Test
  void check_validReferences_reportsNothing() {
    Problems problems = check(flags(flag("a", "b", "c"), flag("b", "c"), flag("c")));

    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void check_unknownFlag_isReportedAtTheReference() {
    Problems problems = check(flags(flag("a", "b", "missing"), flag("b")));

    assertThat(messages(problems))
        .containsExactly("flags.a.prerequisites[1].flag: unknown flag 'missing'");
  }

  @Test
  void check_selfReference_isReportedAndNotAlsoACycle() {
    Problems problems = check(flags(flag("a", "a")));

    assertThat(messages(problems))
        .containsExactly("flags.a.prerequisites[0].flag: a flag cannot be its own prerequisite");
  }

  @Test
  void check_undeclaredVariant_listsTheTargetsVariants() {
    Problems problems = check(flags(
        "'a': {" + ON_OFF + ", 'prerequisites': [{'flag': 'b', 'variant': 'enabled'}]}",
        flag("b")));

    assertThat(messages(problems))
        .containsExactly("flags.a.prerequisites[0].variant: 'enabled' is not a declared variant of"
            + " flag 'b' (declared: on, off)");
  }

  @Test
  void check_malformedPrerequisites_areLeftToTheFlagReader() {
    Problems problems = check(flags(
        "'a': {'prerequisites': [5, {'flag': 7}, {'variant': 'on'}]}",
        "'b': {'prerequisites': 'c'}",
        "'c': []"));

    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void check_cycleReachedFromSeveralFlags_isReportedOnce() {
    Problems problems = check(
        flags(flag("x", "b"), flag("a", "b"), flag("b", "c"), flag("c", "a"), flag("y", "c")));

    assertThat(messages(problems))
        .containsExactly("flags.b.prerequisites: prerequisite cycle b -> c -> a -> b");
  }

  @Test
  void check_twoCycles_areEachReported() {
    Problems problems =
        check(flags(flag("a", "b"), flag("b", "a"), flag("c", "d"), flag("d", "c")));

    assertThat(messages(problems))
        .containsExactly(
            "flags.a.prerequisites: prerequisite cycle a -> b -> a",
            "flags.c.prerequisites: prerequisite cycle c -> d -> c");
  }

  @Test
  void check_chainAtTheDepthLimit_isAccepted() {
    DocumentLimits limits = DocumentLimits.newBuilder().maxPrerequisiteDepth(2).build();

    Problems problems = check(json(flags(flag("a", "b"), flag("b", "c"), flag("c"))), limits);

    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void check_chainOverTheDepthLimit_isReportedAtTheDeepestFlag() {
    DocumentLimits limits = DocumentLimits.newBuilder().maxPrerequisiteDepth(2).build();

    Problems problems = check(
        json(flags(flag("d", "c"), flag("a", "b"), flag("b", "c"), flag("c", "x"), flag("x"))),
        limits);

    assertThat(messages(problems))
        .containsExactly("flags.a.prerequisites: prerequisites nest 3 levels deep, exceeds the"
            + " maximum allowed (2, from DocumentLimits.Builder.maxPrerequisiteDepth(int))");
  }

  @Test
  void check_cycleAndDeepChain_reportsOnlyTheCycle() {
    DocumentLimits limits = DocumentLimits.newBuilder().maxPrerequisiteDepth(1).build();

    Problems problems = check(
        json(flags(flag("a", "b"), flag("b", "c"), flag("c"), flag("x", "y"), flag("y", "x"))),
        limits);

    assertThat(messages(problems))
        .containsExactly("flags.x.prerequisites: prerequisite cycle x -> y -> x");
  }

  @Test
  void check_veryLongChain_doesNotOverflowTheStack() {
    int n = 100_000;
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode flags = f.objectNode();
    for (int i = 0; i < n; i++) {
      ObjectNode flag = flags.putObject("f" + i);
      flag.putObject("variants").put("on", true);
      if (i + 1 < n) {
        flag.putArray("prerequisites").addObject().put("flag", "f" + (i + 1)).put("variant", "on");
      }
    }

    Problems problems = check(flags, DocumentLimits.defaults());

    assertThat(messages(problems))
        .containsExactly("flags.f0.prerequisites: prerequisites nest 99999 levels deep, exceeds the"
            + " maximum allowed (100, from DocumentLimits.Builder.maxPrerequisiteDepth(int))");
  }
}
