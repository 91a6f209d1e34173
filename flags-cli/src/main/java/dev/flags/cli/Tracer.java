package dev.flags.cli;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the evaluator's order for one flag and one context and records every step: the facts
 * come from the validated document, whether each condition holds from {@link ConditionProbe} (the
 * library's own conditions), buckets from {@link RolloutPick}. The result is checked against the
 * real evaluation by {@link Explain}.
 */
final class Tracer {
  private final LoadedDocument doc;
  private final Context context;
  private final Instant at;

  private Tracer(LoadedDocument doc, Context context) {
    this.doc = doc;
    this.context = context;
    this.at = doc.at();
  }

  /** The trace of {@code flag}, a flag of {@code doc}, for {@code context}. */
  static Trace trace(LoadedDocument doc, Flag flag, Context context) {
    return new Tracer(doc, context).trace(flag);
  }

  private Trace trace(Flag flag) {
    List<Trace.Step> steps = new ArrayList<>();
    String off = variant(flag, flag.offVariant());
    steps.add(new Trace.Enabled(flag.enabled(), off));
    if (!flag.enabled()) {
      return new Trace(steps, Reason.DISABLED, off, null, null);
    }
    if (!flag.schedule().isEmpty()) {
      boolean active = active(flag.schedule());
      steps.add(new Trace.Schedule(flag.schedule(), active));
      if (!active) {
        return new Trace(steps, Reason.OUTSIDE_SCHEDULE, off, null, null);
      }
    }
    for (FlagDocument.Prerequisite p : flag.prerequisites()) {
      Evaluation e = Eval.evaluate(doc.snapshot(), p.flag(), context);
      boolean passed = e.reason() != Reason.DISABLED
          && e.reason() != Reason.OUTSIDE_SCHEDULE
          && p.variant().equals(e.variant());
      steps.add(new Trace.Prerequisite(p.flag(), p.variant(), e.variant(), e.reason(), passed));
      if (!passed) {
        return new Trace(steps, Reason.PREREQUISITE_FAILED, off, null, p.flag());
      }
    }
    if (!flag.targets().isEmpty()) {
      List<String> variants = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String matched = null;
      for (FlagDocument.Target t : flag.targets()) {
        variants.add(variant(flag, t.variant()));
        sizes.add(t.keys().size());
        if (matched == null && !context.key().isEmpty() && t.keys().contains(context.key())) {
          matched = variant(flag, t.variant());
        }
      }
      steps.add(new Trace.Targets(context.key(), variants, sizes, matched));
      if (matched != null) {
        return new Trace(steps, Reason.TARGET_MATCH, matched, null, null);
      }
    }
    ConditionProbe probe = new ConditionProbe(doc.model(), conditions(flag), at);
    for (FlagDocument.Rule rule : flag.rules()) {
      Serve serve = rule.serve();
      if (serve == null) {
        continue; // only segment rules have no serve; a flag's rules always have one
      }
      FlagDocument.Rollout rollout = serve.rollout();
      String fixed = rollout == null ? variant(flag, serve.variant()) : null;
      if (!active(rule.schedule())) {
        steps.add(new Trace.Rule(rule.id(), false, List.of(), false, fixed, null));
        continue;
      }
      List<Trace.ConditionResult> results = results(rule.conditions(), probe);
      boolean matched = results.stream().allMatch(Trace.ConditionResult::holds);
      RolloutPick pick =
          matched && rollout != null ? RolloutPick.of(flag, rollout, context, at) : null;
      steps.add(new Trace.Rule(rule.id(), true, results, matched, fixed, pick));
      if (matched && fixed != null) {
        return new Trace(steps, Reason.RULE_MATCH, fixed, rule.id(), null);
      }
      if (pick != null && pick.variant() != null) {
        return new Trace(steps, Reason.RULE_MATCH, pick.variant(), rule.id(), null);
      }
    }
    Serve fallthrough = flag.fallthrough();
    FlagDocument.Rollout rollout = fallthrough.rollout();
    if (rollout == null) {
      String v = variant(flag, fallthrough.variant());
      steps.add(new Trace.Fallthrough(v, null));
      return new Trace(steps, Reason.FALLTHROUGH, v, null, null);
    }
    RolloutPick pick = RolloutPick.of(flag, rollout, context, at);
    steps.add(new Trace.Fallthrough(null, pick));
    return pick.variant() == null
        ? new Trace(steps, Reason.DEFAULT, null, null, null)
        : new Trace(steps, Reason.FALLTHROUGH, pick.variant(), null, null);
  }

  private List<Trace.ConditionResult> results(List<Condition> conditions, ConditionProbe probe) {
    List<Trace.ConditionResult> results = new ArrayList<>();
    for (Condition c : conditions) {
      boolean holds = probe.holds(c, context);
      String attribute = c.attribute();
      if (attribute == null) {
        List<Trace.SegmentResult> segments = new ArrayList<>();
        for (String key : AttributeText.segments(c)) {
          segments.add(segment(key, probe));
        }
        results.add(new Trace.ConditionResult(c, holds, null, null, segments));
      } else {
        Object value = context.get(attribute);
        results.add(
            new Trace.ConditionResult(c, holds, value, AttributeText.hint(c, value), List.of()));
      }
    }
    return results;
  }

  /** Membership: the included list, then the excluded list, then any rule. */
  private Trace.SegmentResult segment(String key, ConditionProbe probe) {
    Segment s = doc.model().segments().get(key);
    if (s == null) {
      throw new IllegalStateException("unresolved segment " + key); // validation rules it out
    }
    int in = s.included().size();
    int out = s.excluded().size();
    String k = context.key();
    if (!k.isEmpty() && s.included().contains(k)) {
      return new Trace.SegmentResult(key, true, "included", in, out, List.of());
    }
    if (!k.isEmpty() && s.excluded().contains(k)) {
      return new Trace.SegmentResult(key, false, "excluded", in, out, List.of());
    }
    List<Trace.SegmentRule> rules = new ArrayList<>();
    for (FlagDocument.Rule r : s.rules()) {
      List<Trace.ConditionResult> results = results(r.conditions(), probe);
      boolean matched = results.stream().allMatch(Trace.ConditionResult::holds);
      rules.add(new Trace.SegmentRule(r.id(), matched, results));
      if (matched) {
        return new Trace.SegmentResult(key, true, "rule", in, out, rules);
      }
    }
    return new Trace.SegmentResult(key, false, "none", in, out, rules);
  }

  /** Every condition the flag's rules and the segments they refer to hold. */
  private List<Condition> conditions(Flag flag) {
    List<Condition> all = new ArrayList<>();
    Set<String> segments = new LinkedHashSet<>();
    for (FlagDocument.Rule r : flag.rules()) {
      for (Condition c : r.conditions()) {
        all.add(c);
        if (c.op().testsSegments()) {
          segments.addAll(AttributeText.segments(c));
        }
      }
    }
    for (String key : segments) {
      Segment s = doc.model().segments().get(key);
      if (s != null) {
        for (FlagDocument.Rule r : s.rules()) {
          all.addAll(r.conditions());
        }
      }
    }
    return all;
  }

  /** Whether a schedule is open at the instant: no windows, or one that contains it. */
  private boolean active(List<Window> windows) {
    long now = at.toEpochMilli();
    if (windows.isEmpty()) {
      return true;
    }
    for (Window w : windows) {
      if (w.from() <= now && now < w.until()) {
        return true;
      }
    }
    return false;
  }

  private static String variant(Flag flag, int index) {
    return flag.variants().get(index).name();
  }
}
