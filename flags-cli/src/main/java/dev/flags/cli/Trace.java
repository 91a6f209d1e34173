package dev.flags.cli;

import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Window;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The steps the evaluator took for one flag and one context, in its order (see {@link
 * dev.flags.internal.snapshot.Evaluator}): enabled, schedule, prerequisites, targets, each rule
 * tried, the fallthrough. Built by {@link Tracer}; rendered by {@link ExplainText} and {@link
 * ExplainJson}.
 *
 * @param steps the steps, ending with the one that decided
 * @param reason the reason the trace arrives at
 * @param variant the variant it serves, or null (no variant: the caller's default)
 * @param ruleId the deciding rule, or null
 * @param prerequisite the failed prerequisite, or null
 */
record Trace(
    List<Step> steps,
    Reason reason,
    @Nullable String variant,
    @Nullable String ruleId,
    @Nullable String prerequisite) {

  /** One step. */
  sealed interface Step {}

  /**
   * The document's kill switch.
   *
   * @param enabled false for {@code "enabled": false}
   * @param offVariant the off-variant, served when disabled
   */
  record Enabled(boolean enabled, String offVariant) implements Step {}

  /**
   * The flag's schedule.
   *
   * @param windows its windows
   * @param active whether one contains the instant
   */
  record Schedule(List<Window> windows, boolean active) implements Step {}

  /**
   * One prerequisite.
   *
   * @param flag the prerequisite flag
   * @param required the variant it must serve
   * @param served the variant it serves to the context, or null
   * @param reason why it serves that
   * @param passed whether it is met (a disabled or off-schedule flag never is)
   */
  record Prerequisite(
      String flag, String required, @Nullable String served, Reason reason, boolean passed)
      implements Step {}

  /**
   * The individual targets.
   *
   * @param key the context key (empty: anonymous, targets are not looked at)
   * @param variants each target's variant, in order
   * @param sizes each target's number of keys
   * @param matched the variant of the target that lists the key, or null
   */
  record Targets(
      String key,
      List<String> variants,
      List<Integer> sizes,
      @Nullable String matched) implements Step {}

  /**
   * A rule tried.
   *
   * @param id the rule id
   * @param active false when its schedule has no window containing the instant (then skipped)
   * @param conditions each condition and whether it holds
   * @param matched whether all hold
   * @param variant the fixed variant it serves, or null for a rollout
   * @param rollout where the context falls in its rollout, when it matched and has one
   */
  record Rule(
      String id,
      boolean active,
      List<ConditionResult> conditions,
      boolean matched,
      @Nullable String variant,
      @Nullable RolloutPick rollout)
      implements Step {}

  /**
   * The fallthrough.
   *
   * @param variant its fixed variant, or null for a rollout
   * @param rollout where the context falls in its rollout, or null
   */
  record Fallthrough(@Nullable String variant, @Nullable RolloutPick rollout) implements Step {}

  /**
   * One condition.
   *
   * @param condition the condition
   * @param holds whether it holds (the evaluator's own answer)
   * @param value the context's value of its attribute, or null (missing, or a segment condition)
   * @param hint why the value's type cannot match, or null
   * @param segments for a segment condition, the membership in each segment
   */
  record ConditionResult(
      Condition condition,
      boolean holds,
      @Nullable Object value,
      @Nullable String hint,
      List<SegmentResult> segments) {}

  /**
   * Membership in one segment.
   *
   * @param key the segment key
   * @param member whether the context is a member
   * @param by what decided: {@code included}, {@code excluded}, {@code none}, or {@code "rule"} (a
   *     segment rule matched)
   * @param included the size of the included list
   * @param excluded the size of the excluded list
   * @param rules the segment's rules tried (none when a list decided)
   */
  record SegmentResult(
      String key, boolean member, String by, int included, int excluded, List<SegmentRule> rules) {}

  /**
   * A segment rule tried.
   *
   * @param id the rule id
   * @param matched whether all its conditions hold
   * @param conditions each condition
   */
  record SegmentRule(String id, boolean matched, List<ConditionResult> conditions) {}
}
