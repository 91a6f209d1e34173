package dev.flags.internal.document;

import static dev.flags.internal.document.TestJson.json;
import static dev.flags.internal.document.TestJson.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flags.DocumentLimits;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import dev.flags.internal.snapshot.FlagDocument.Rule;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Step;
import dev.flags.internal.snapshot.FlagDocument.Window;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Rules, what they serve, rollouts with their steps, and schedules. */
final class RuleReaderTest {
  private static final String PATH = "flags.f.fallthrough.rollout";
  private static final DeclaredVariants ON_OFF = onOff();

  private Problems problems = new Problems(DocumentLimits.defaults());
  private RuleReader reader = reader(problems);

  private static DeclaredVariants onOff() {
    ObjectFields names = new ObjectFields();
    names.put("on", JsonNodeFactory.instance.booleanNode(true));
    names.put("off", JsonNodeFactory.instance.booleanNode(false));
    return new DeclaredVariants(names, new int[] {0, 1});
  }

  private static RuleReader reader(Problems problems) {
    return new RuleReader(problems, new ConditionReader(problems, null));
  }

  private @Nullable Rollout rollout(String rollout) {
    return reader.rollout(json(rollout), Path.of(PATH), ON_OFF);
  }

  /** Reads a rollout that must be accepted. */
  private Rollout valid(String rollout) {
    return Objects.requireNonNull(rollout(rollout), () -> "rejected: " + messages(problems));
  }

  /** A rollout of on (0%) and off (100%) with these steps. */
  private static String withSteps(String steps) {
    return "{'variants': [{'variant': 'on', 'weight': 0}, {'variant': 'off', 'weight': 100000}],"
        + " 'steps': " + steps + "}";
  }

  @Test
  void rollout_valid_resolvesVariantsAndKeepsWeights() {
    Rollout r = valid("{'bucketBy': 'orgId', 'salt': 's', 'variants': [{'variant': 'off',"
        + " 'weight': 25000}, {'variant': 'on', 'weight': 75000}]}");

    assertThat(r.variants()).containsExactly(1, 0);
    assertThat(r.weights()).containsExactly(25_000, 75_000);
    assertThat(r.bucketBy()).isEqualTo("orgId");
    assertThat(r.salt()).isEqualTo("s");
    assertThat(r.steps()).isEmpty();
  }

  @Test
  void rollout_afterALongerRollout_readsOnlyItsOwnEntries() {
    // One reader reads every rollout of a document in the same working arrays: a five-entry
    // rollout grows them, and the shorter ones after it must see only their own entries.
    assertThat(rollout("{'variants': [{'variant': 'on', 'weight': 20000}, {'variant': 'off',"
            + " 'weight': 20000}, {'variant': 'on', 'weight': 20000}, {'variant': 'off',"
            + " 'weight': 20000}, {'variant': 'on', 'weight': 20000}]}"))
        .isNull();
    assertThat(rollout("{'variants': [{'variant': 'on', 'weight': 60000}, {'weight': 10000},"
            + " {'variant': 'off', 'weight': 30000}]}"))
        .isNull();

    Rollout one = valid("{'variants': [{'variant': 'off', 'weight': 100000}]}");
    Rollout two = valid("{'variants': [{'variant': 'on', 'weight': 40000}, {'variant': 'off',"
        + " 'weight': 60000}]}");

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".variants[2].variant: variant 'on' is listed twice in this rollout",
            PATH + ".variants[3].variant: variant 'off' is listed twice in this rollout",
            PATH + ".variants[4].variant: variant 'on' is listed twice in this rollout",
            PATH + ".variants[1].variant: required field is missing");
    assertThat(one.variants()).containsExactly(1);
    assertThat(one.weights()).containsExactly(100_000);
    assertThat(two.variants()).containsExactly(0, 1);
    assertThat(two.weights()).containsExactly(40_000, 60_000);
  }

  @Test
  void rollout_bucketByKey_isTheDefault() {
    Rollout r = valid("{'bucketBy': 'key', 'variants': [{'variant': 'on', 'weight': 100000}]}");

    assertThat(r.bucketBy()).isNull();
    assertThat(r.salt()).isNull();
  }

  @Test
  void rollout_weightsNotSumming_reportsThePercentage() {
    assertThat(rollout("{'variants': [{'variant': 'on', 'weight': 50000}, {'variant': 'off',"
            + " 'weight': 49500}]}"))
        .isNull();

    assertThat(messages(problems)).containsExactly(PATH + ": weights sum to 99.5%, expected 100%");
  }

  @Test
  void rollout_weightBeyondLong_isRejectedWithTheUnit() {
    assertThat(rollout("{'variants': [{'variant': 'on', 'weight': 18446744073709551621},"
            + " {'variant': 'off', 'weight': 99995}]}"))
        .isNull();

    assertThat(messages(problems))
        .containsExactly(PATH + ".variants[0].weight: must be an integer from 0 to 100000"
            + " (thousandths of a percent, 100000 = 100%), not the number 18446744073709551621");
  }

  @Test
  void rollout_weightMissingAndVariantTwice_areReportedWithoutASum() {
    assertThat(rollout("{'variants': [{'variant': 'on'}, {'variant': 'on', 'weight': 1}]}"))
        .isNull();

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".variants[0].weight: required field is missing (thousandths of a percent,"
                + " 100000 = 100%)",
            PATH + ".variants[1].variant: variant 'on' is listed twice in this rollout");
  }

  @Test
  void rollout_shapes_areReported() {
    rollout("[]");
    rollout("{'salt': ''}");
    rollout("{'variants': []}");
    rollout("{'variants': [5], 'x': 1}");

    assertThat(messages(problems))
        .containsExactly(
            PATH + ": must be an object {\"variants\": [...]}, not an empty array",
            PATH + ".salt: must be a non-empty string, not the string \"\"",
            PATH + ".variants: required field is missing",
            PATH + ".variants: must be a non-empty array of {\"variant\": ..., \"weight\": ...},"
                + " not an empty array",
            PATH + ".x: unknown field (expected one of bucketBy, salt, variants, steps)",
            PATH + ".variants[0]: must be an object {\"variant\": ..., \"weight\": ...}, not the"
                + " number 5");
  }

  @Test
  void steps_valid_areReadInOrder() {
    Rollout r = valid(withSteps("[{'at': 1000, 'weights': [50000, 50000]},"
        + " {'at': '1970-01-01T00:00:02Z', 'weights': [100000, 0]}]"));

    assertThat(r.steps())
        .containsExactly(
            new Step(1000, List.of(50_000, 50_000)), new Step(2000, List.of(100_000, 0)));
  }

  @Test
  void steps_weightBeyondLong_isRejectedNotWrappedAround() {
    // 2^64 + 5 would be 5, and 5 + 99995 sums to 100%.
    assertThat(rollout(withSteps("[{'at': 1000, 'weights': [18446744073709551621, 99995]}]")))
        .isNull();

    assertThat(messages(problems))
        .containsExactly(PATH + ".steps[0].weights[0]: must be an integer from 0 to 100000, not the"
            + " number 18446744073709551621");
  }

  @Test
  void steps_weightsNotSummingOrWrongCount_areReported() {
    rollout(withSteps("[{'at': 1000, 'weights': [50000, 49000]}]"));
    rollout(withSteps("[{'at': 1000, 'weights': [100000]}]"));
    rollout(withSteps("[{'at': 1000}]"));

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".steps[0].weights: weights sum to 99%, expected 100%",
            PATH + ".steps[0].weights: must be an array of 2 weights, one per rollout variant in"
                + " order, not an array",
            PATH + ".steps[0].weights: required field is missing");
  }

  @Test
  void steps_timeNotAscending_isReported() {
    rollout(withSteps(
        "[{'at': 2000, 'weights': [10000, 90000]}, {'at': 2000, 'weights': [20000, 80000]}]"));

    assertThat(messages(problems))
        .containsExactly(PATH + ".steps[1].at: steps must be in ascending time order");
  }

  @Test
  void steps_firstWeightDecreasing_isReportedAgainstThePreviousStep() {
    rollout(withSteps(
        "[{'at': 1000, 'weights': [20000, 80000]}, {'at': 2000, 'weights': [10000, 90000]}]"));

    assertThat(messages(problems))
        .containsExactly(PATH + ".steps[1].weights[0]: the first variant's weight must not decrease"
            + " from one step to the next (20% then 10%): a progressive rollout only adds users");
  }

  @Test
  void steps_shapes_areReported() {
    rollout(withSteps("[]"));
    rollout(withSteps("[1]"));
    rollout(withSteps("[{'weights': [0, 100000], 'x': 0}]"));

    assertThat(messages(problems))
        .containsExactly(
            PATH + ".steps: must be a non-empty array of {\"at\": ..., \"weights\": [...]}, not an"
                + " empty array",
            PATH
                + ".steps[0]: must be an object {\"at\": ..., \"weights\": [...]}, not the number 1",
            PATH + ".steps[0].x: unknown field (expected one of at, weights)",
            PATH + ".steps[0].at: required field is missing");
  }

  @Test
  void serve_variantOrRolloutButNotBothOrNeither() {
    Serve variant = reader.serve(json("{'variant': 'off'}"), Path.of("r"), ON_OFF);
    reader.serve(json("{}"), Path.of("r"), ON_OFF);
    reader.serve(json("{'variant': 'on', 'rollout': {}}"), Path.of("r"), ON_OFF);
    reader.serve(json("{'variant': 'maybe'}"), Path.of("r"), ON_OFF);

    assertThat(variant).isEqualTo(new Serve(1, null));
    assertThat(messages(problems))
        .containsExactly(
            "r: must serve either \"variant\" or \"rollout\"",
            "r: must serve either \"variant\" or \"rollout\", not both",
            "r.variant: 'maybe' is not a declared variant (declared: on, off)");
  }

  @Test
  void schedule_windows_haveOpenEnds() {
    List<Window> windows = reader.schedule(
        json("{'schedule': [{'from': 1000}, {'until': 2000}, {'from': 1, 'until': 2}]}"),
        Path.of("f"));

    assertThat(windows)
        .containsExactly(
            new Window(1000, Long.MAX_VALUE), new Window(Long.MIN_VALUE, 2000), new Window(1, 2));
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void schedule_badWindows_areReportedAndLeftOut() {
    List<Window> windows = reader.schedule(
        json("{'schedule': [{}, {'from': 2, 'until': 2}, {'from': 'soon'}, 3, {'from': 1}]}"),
        Path.of("f"));

    assertThat(windows).containsExactly(new Window(1, Long.MAX_VALUE));
    assertThat(messages(problems))
        .containsExactly(
            "f.schedule[0]: a window needs \"from\", \"until\" or both",
            "f.schedule[1]: \"from\" must be before \"until\"",
            "f.schedule[2].from: 'soon' is not an ISO-8601 date-time with offset (e.g."
                + " 2026-11-22T09:00:00Z or 2026-11-22T10:00:00+01:00)",
            "f.schedule[3]: must be an object {\"from\": ..., \"until\": ...}, not the number 3");
  }

  @Test
  void schedule_emptyOrAbsent() {
    assertThat(reader.schedule(json("{}"), Path.of("f"))).isEmpty();
    assertThat(reader.schedule(json("{'schedule': []}"), Path.of("f"))).isEmpty();

    assertThat(messages(problems))
        .containsExactly("f.schedule: must be a non-empty array of {\"from\": ..., \"until\": ...}"
            + " windows, not an empty array");
  }

  @Test
  void flagRules_valid_haveConditionsServeAndSchedule() {
    List<Rule> rules = reader.flagRules(
        json("{'rules': [{'id': 'beta', 'conditions': [{'attribute': 'a', 'op': 'exists'}],"
            + " 'variant': 'on', 'schedule': [{'from': 5}]}]}"),
        Path.of("flags.f"),
        ON_OFF);

    assertThat(rules).hasSize(1);
    Rule rule = rules.get(0);
    assertThat(rule.id()).isEqualTo("beta");
    assertThat(rule.conditions()).hasSize(1);
    assertThat(rule.serve()).isEqualTo(new Serve(0, null));
    assertThat(rule.schedule()).containsExactly(new Window(5, Long.MAX_VALUE));
  }

  @Test
  void flagRules_idsMissingInvalidOrDuplicate_areReported() {
    List<Rule> rules = reader.flagRules(
        json("{'rules': [{'id': 'a', 'conditions': [{'attribute': 'x', 'op': 'exists'}], 'variant':"
            + " 'on'}, {'id': 'a', 'conditions': [{'attribute': 'x', 'op': 'exists'}], 'variant':"
            + " 'on'}, {'conditions': []}, {'id': 'b c'}]}"),
        Path.of("flags.f"),
        ON_OFF);

    assertThat(rules).hasSize(1);
    assertThat(messages(problems))
        .containsExactly(
            "flags.f.rules[1].id: duplicate rule id 'a' (also rules[0])",
            "flags.f.rules[2].id: required field is missing (rules need an id so reasons can name"
                + " them)",
            "flags.f.rules[2].conditions: must be a non-empty array of conditions, not an empty"
                + " array",
            "flags.f.rules[2]: must serve either \"variant\" or \"rollout\"",
            "flags.f.rules[3].id: invalid rule id 'b c': use letters, digits, '.', '_', ':' and '-',"
                + " starting with a letter or digit, at most 256 characters",
            "flags.f.rules[3].conditions: required field is missing",
            "flags.f.rules[3]: must serve either \"variant\" or \"rollout\"");
  }

  @Test
  void segmentRules_serveAndScheduleFields_areUnknown() {
    List<Rule> rules = reader.segmentRules(
        json("{'rules': [{'id': 'r', 'conditions': [{'attribute': 'x', 'op': 'exists'}], 'variant':"
            + " 'on'}]}"),
        Path.of("segments.s"));

    assertThat(rules).isEmpty();
    assertThat(messages(problems))
        .containsExactly(
            "segments.s.rules[0].variant: unknown field (expected one of id, description,"
                + " conditions)");
  }

  @Test
  void rules_overTheLimit_saysWhoseRules() {
    problems = new Problems(DocumentLimits.newBuilder().maxRulesPerFlag(1).build());
    reader = reader(problems);
    String two = "{'rules': [{'id': 'a', 'conditions': [{'attribute': 'x', 'op': 'exists'}]},"
        + " {'id': 'b', 'conditions': [{'attribute': 'x', 'op': 'exists'}]}]}";

    reader.segmentRules(json(two), Path.of("segments.s"));
    reader.flagRules(json("{'rules': [1, 2]}"), Path.of("flags.f"), ON_OFF);
    reader.flagRules(json("{'rules': {}}"), Path.of("flags.g"), ON_OFF);

    assertThat(messages(problems))
        .containsExactly(
            "segments.s.rules: segment has 2 rules, exceeds the maximum allowed (1, from"
                + " DocumentLimits.Builder.maxRulesPerFlag(int), which also bounds segment rules)",
            "flags.f.rules: flag has 2 rules, exceeds the maximum allowed (1, from"
                + " DocumentLimits.Builder.maxRulesPerFlag(int))",
            "flags.f.rules[0]: rule must be an object, not the number 1",
            "flags.f.rules[1]: rule must be an object, not the number 2",
            "flags.g.rules: must be an array, not an empty object");
  }
}
