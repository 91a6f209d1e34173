package dev.flags.internal;

import dev.flags.Context;
import dev.flags.Evaluation;

/**
 * Evaluates one compiled flag for one context.
 *
 * <p>IMPLEMENTATION NOTES. This is the hot path: applications call it millions of times a second.
 *
 * <ul>
 *   <li>No allocation. Every {@link Evaluation} a flag can return was built by {@link
 *       SnapshotCompiler}; this code only chooses one. Loops are indexed loops over arrays (an
 *       enhanced for over a collection allocates an iterator); no lambdas, streams, boxing,
 *       varargs, string concatenation or {@code Optional}. Bucketing hashes the UTF-8 encoding
 *       straight from {@code String.charAt}. The one deliberate exception: a rollout bucketed by a
 *       numeric attribute formats the number as text.
 *   <li>No locks and no shared writes: a snapshot is immutable, so any number of threads read it
 *       at once and evaluation scales with cores.
 *   <li>No exceptions on expected paths: a missing attribute, a value of the wrong type or a
 *       context without a bucketing key are ordinary outcomes, not errors. The client wraps calls
 *       in a last-resort catch that returns the caller's default.
 *   <li>No logging: the client logs unknown flags and type mismatches once per flag, never per
 *       call.
 *   <li>Consistency: the caller passes the snapshot-derived {@link CompiledFlag}, read once from
 *       the client's volatile field; prerequisites are direct references into the same snapshot,
 *       so one evaluation never mixes two documents.
 * </ul>
 *
 * <p>Order: document kill switch (DISABLED) &gt; prerequisites &gt; individual targets &gt; rules
 * in order &gt; fallthrough.
 */
public final class Evaluator {
  private Evaluator() {}

  public static Evaluation evaluate(CompiledFlag flag, Context context) {
    if (!flag.enabled) {
      return flag.disabled;
    }
    CompiledFlag.Prerequisite[] prereqs = flag.prerequisites;
    for (int i = 0; i < prereqs.length; i++) {
      CompiledFlag.Prerequisite p = prereqs[i];
      // A disabled prerequisite fails even if its off-variant happens to be the required one.
      if (!p.flag.enabled || !p.variant.equals(evaluate(p.flag, context).variant())) {
        return p.failed;
      }
    }
    String key = context.key();
    if (!key.isEmpty()) {
      StringSet[] targets = flag.targetKeys;
      for (int i = 0; i < targets.length; i++) {
        if (targets[i].contains(key)) {
          return flag.targetResults[i];
        }
      }
    }
    CompiledFlag.Rule[] rules = flag.rules;
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
    Evaluation result = flag.fallthrough.resolve(context);
    return result != null ? result : flag.noVariant;
  }
}
