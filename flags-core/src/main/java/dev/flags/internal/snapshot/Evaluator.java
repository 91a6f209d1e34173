package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates one compiled flag for one context.
 *
 * <p>IMPLEMENTATION NOTES. This is the hot path: applications call it millions of times a second.
 *
 * <ul>
 *   <li>No allocation. Every {@link Evaluation} a flag can return was built by {@link
 *       SnapshotCompiler} (or, for overrides, when the operator set them); this code only chooses
 *       one. Loops are indexed loops over arrays (an enhanced for over a collection allocates an
 *       iterator); no lambdas, streams, boxing, varargs, string concatenation or {@code
 *       Optional}. Bucketing hashes the UTF-8 encoding straight from {@code String.charAt}. The one
 *       deliberate exception: a rollout bucketed by a numeric attribute formats the number as
 *       text.
 *   <li>No locks and no shared writes: a snapshot is immutable, so any number of threads read it
 *       at once and evaluation scales with cores.
 *   <li>No clock: schedules are resolved when a snapshot is compiled, and the client swaps in a
 *       recompiled snapshot at each schedule boundary.
 *   <li>No megamorphic calls: conditions dispatch with a switch on their kind ({@link
 *       Conditions#matches}), and a condition that several rules of a flag share (the same
 *       attribute, operator and values) is compiled once and evaluated at most once per
 *       evaluation, its result kept in two {@code long} bit sets on the stack.
 *   <li>Each attribute read once: the first four attributes that more than one condition of a
 *       flag tests have slots (numbered when compiled, {@code Rule.slots}) whose values live in
 *       locals, so ten rules on {@code plan} look {@code plan} up in the context once; an
 *       attribute tested once is read directly. A flag's case-sensitive {@code equals} and
 *       {@code in} conditions over strings on one attribute are decided together by one hash
 *       lookup ({@link ValueIndex}), which sets all their memo bits at once: ten rules on {@code
 *       plan} cost one lookup. Rules that share no condition and no attribute
 *       run a plain loop without that bookkeeping ({@code CompiledFlag.plainRules}), and a flag
 *       with nothing before its rules (no targets or prerequisites) goes straight to them while
 *       no operator overlay applies ({@code CompiledFlag.onlyRules}). A flag whose one rule has
 *       one condition and a fixed result, the commonest targeted flag, tests that condition
 *       without the loop ({@code CompiledFlag.soleCondition}); when that condition is membership of
 *       one segment that is only a key list, the key is looked up in the segment's keys straight
 *       from the flag ({@code CompiledFlag.soleKeys}), a few dependent reads fewer.
 *   <li>Flag keys are interned when compiled, so a key given as a literal finds its flag in the
 *       snapshot's map by reference, without its characters being compared.
 *   <li>Strings compared by reference first: condition attribute names and short value lists are
 *       interned when compiled, so a context built from literals or enum names matches without
 *       reading characters; otherwise the strings' cached hashes rule out most mismatches before
 *       their contents are compared.
 *   <li>No exceptions on expected paths: a missing attribute, a value of the wrong type or a
 *       context without a bucketing key are ordinary outcomes, not errors. The client wraps calls
 *       in a last-resort catch that returns the caller's default.
 *   <li>No logging: the client logs unknown flags and type mismatches once per flag, never per
 *       call.
 *   <li>Consistency: the caller passes the snapshot it read once from the client's volatile
 *       field; prerequisites are references into the same snapshot, so one evaluation never mixes
 *       two documents.
 * </ul>
 *
 * <p>Order: local kill (KILLED) &gt; document kill switch (DISABLED) &gt; local override
 * (OVERRIDE) &gt; flag schedule (OUTSIDE_SCHEDULE) &gt; prerequisites (PREREQUISITE_FAILED) &gt;
 * individual targets (TARGET_MATCH) &gt; rules in order (RULE_MATCH) &gt; fallthrough
 * (FALLTHROUGH).
 */
public final class Evaluator {
  /** An attribute slot not read yet ({@code null} is a read that found nothing). */
  private static final Object UNREAD = new Object();

  private Evaluator() {}

  public static Evaluation evaluate(Snapshot snapshot, CompiledFlag flag, Context context) {
    // Small enough for the JIT to inline into every caller: the common simple flag costs two
    // field reads here. Keep it so: a bigger method (a rollout's bucketing inlined here, say)
    // makes the client's evaluation method too big to inline into the application's call.
    Evaluation constant = flag.constant;
    if (constant != null && snapshot.noOverlay) {
      return constant;
    }
    return evaluateFully(snapshot, flag, context);
  }

  private static Evaluation evaluateFully(Snapshot snapshot, CompiledFlag flag, Context context) {
    if (flag.onlyRules && snapshot.noOverlay) { // nothing before the rules applies
      Outcome direct = flag.direct; // no rules either: a rollout
      if (direct != null) {
        Evaluation result = direct.resolve(context);
        return result != null ? result : flag.noVariant;
      }
      return rulesThenFallthrough(flag, context);
    }
    boolean[] killed = snapshot.killed;
    if (killed != null && killed[flag.index]) {
      return flag.killed;
    }
    if (!flag.enabled) {
      return flag.inactive;
    }
    String key = context.key();
    LocalOverride[][] overrides = snapshot.overrides;
    if (overrides != null) {
      LocalOverride[] forFlag = overrides[flag.index];
      if (forFlag != null) {
        for (int i = 0; i < forFlag.length; i++) {
          StringSet keys = forFlag[i].keys();
          if (keys == null || (!key.isEmpty() && keys.contains(key))) {
            return forFlag[i].result();
          }
        }
      }
    }
    if (flag.outsideSchedule) {
      return flag.inactive;
    }
    Evaluation constant = flag.constant;
    if (constant != null) {
      return constant; // nothing below depends on the context
    }
    CompiledFlag.Prerequisite[] prereqs = flag.prerequisites;
    for (int i = 0; i < prereqs.length; i++) {
      CompiledFlag.Prerequisite p = prereqs[i];
      CompiledFlag pf = p.flag();
      // A prerequisite that is killed, disabled or off-schedule fails even if its off-variant
      // happens to be the required one.
      if (!pf.enabled
          || pf.outsideSchedule
          || (killed != null && killed[pf.index])
          || !p.variant().equals(evaluate(snapshot, pf, context).variant())) {
        return p.failed();
      }
    }
    KeyList[] targets = flag.targetKeys;
    if (targets.length > 0 && !key.isEmpty()) {
      for (int i = 0; i < targets.length; i++) {
        if (targets[i].contains(key)) {
          return flag.targetResults[i];
        }
      }
    }
    return rulesThenFallthrough(flag, context);
  }

  private static Evaluation rulesThenFallthrough(CompiledFlag flag, Context context) {
    Conditions.Condition sole = flag.soleCondition;
    if (sole != null) { // one rule of one condition: no loop, no rule to read
      KeyList keys = flag.soleKeys; // a segment that is a key list: look the key up directly
      boolean matched =
          keys != null ? Conditions.keyIn(keys, context) : Conditions.matches(sole, context);
      Evaluation result = matched ? flag.soleResult : flag.fallthrough.resolve(context);
      return result != null ? result : flag.noVariant;
    }
    CompiledFlag.Rule[] rules = flag.rules;
    if (rules.length > 0) {
      Evaluation result =
          flag.plainRules ? firstPlainMatch(rules, context) : firstSharedMatch(flag, context);
      if (result != null) {
        return result;
      }
    }
    Evaluation result = flag.fallthrough.resolve(context);
    return result != null ? result : flag.noVariant;
  }

  /** The first matching rule's result, for rules without shared conditions or attributes. */
  private static @Nullable Evaluation firstPlainMatch(CompiledFlag.Rule[] rules, Context context) {
    for (int i = 0; i < rules.length; i++) {
      CompiledFlag.Rule rule = rules[i];
      if (Conditions.all(rule.conditions, context)) {
        Evaluation result = rule.outcome.resolve(context);
        if (result != null) {
          return result;
        }
        // The rule's rollout cannot bucket this context: try the next rule.
      }
    }
    return null;
  }

  /**
   * The first matching rule's result, each shared condition tested and each slotted attribute
   * read at most once.
   */
  private static @Nullable Evaluation firstSharedMatch(CompiledFlag flag, Context context) {
    CompiledFlag.Rule[] rules = flag.rules;
    @Nullable ValueIndex[] groups = flag.groups;
    long known = 0; // bit n: the flag's distinct condition n was evaluated
    long held = 0; // bit n: and it held
    // The values of the attributes that have slots (CompiledFlag.Rule.SLOTS at most), each read
    // from the context once, when first needed.
    Object a0 = UNREAD;
    Object a1 = UNREAD;
    Object a2 = UNREAD;
    Object a3 = UNREAD;
    for (int i = 0; i < rules.length; i++) {
      CompiledFlag.Rule rule = rules[i];
      long required = rule.required;
      if (rule.allMemoized && (known & required) == required) {
        // Every condition of the rule is already known: its memo bits alone decide it.
        if ((held & required) == required) {
          Evaluation result = rule.outcome.resolve(context);
          if (result != null) {
            return result;
          }
        }
        continue;
      }
      Conditions.Condition[] conditions = rule.conditions;
      int[] memo = rule.memo;
      int[] slots = rule.slots;
      boolean all = true;
      for (int j = 0; j < conditions.length; j++) {
        int n = memo[j];
        boolean r;
        if (n >= 0 && (known & (1L << n)) != 0) {
          r = (held & (1L << n)) != 0; // shared with an earlier rule: already known
        } else {
          Conditions.Condition c = conditions[j];
          int slot = slots[j];
          ValueIndex group = n >= 0 && groups != null ? groups[n] : null;
          if (slot < 0 && group == null) {
            r = Conditions.matches(c, context);
          } else {
            Conditions.AttributeCondition a = (Conditions.AttributeCondition) c;
            Object v;
            switch (slot) {
              case -1 -> v = context.get(a.attribute);
              case 0 -> v = a0 = a0 == UNREAD ? context.get(a.attribute) : a0;
              case 1 -> v = a1 = a1 == UNREAD ? context.get(a.attribute) : a1;
              case 2 -> v = a2 = a2 == UNREAD ? context.get(a.attribute) : a2;
              default -> v = a3 = a3 == UNREAD ? context.get(a.attribute) : a3;
            }
            if (group != null) {
              // One lookup decides every condition of the group: all become known at once.
              known |= group.mask;
              held |= group.hits(v);
              r = (held & (1L << n)) != 0;
            } else {
              r = Conditions.matches(a, v);
            }
          }
          if (n >= 0) {
            known |= 1L << n;
            held |= r ? 1L << n : 0;
          }
        }
        if (!r) {
          all = false;
          break;
        }
      }
      if (all) {
        Evaluation result = rule.outcome.resolve(context);
        if (result != null) {
          return result;
        }
        // The rule's rollout cannot bucket this context: try the next rule.
      }
    }
    return null;
  }
}
