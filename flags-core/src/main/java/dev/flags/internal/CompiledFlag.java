package dev.flags.internal;

import dev.flags.Evaluation;
import dev.flags.internal.Conditions.Condition;
import dev.flags.internal.FlagDocument.ValueType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One flag, compiled: arrays instead of lists, key lists as hash sets, and every result it can
 * produce built in advance, so that {@link Evaluator} only picks one.
 */
public final class CompiledFlag {
  /** Position in {@link Snapshot}'s arrays; operator state (kills, overrides) is indexed by it. */
  final int index;

  final String key;
  final ValueType type;
  final boolean enabled;
  /** The off-variant with reason DISABLED. */
  final Evaluation disabled;
  /** The off-variant with reason KILLED (a runtime kill by an operator). */
  final Evaluation killed;
  /** True when the flag has a schedule and no window contains the compile time. */
  final boolean outsideSchedule;
  /** The off-variant with reason OUTSIDE_SCHEDULE. */
  final Evaluation offSchedule;
  /** Variant names, for overrides. */
  final String[] variantNames;
  /** A hash of what the schedules resolved to (active rules, rollout steps), for diffs. */
  long scheduleState;
  /** Served when no variant applies (e.g. missing bucketing attribute). */
  final Evaluation noVariant;

  final Prerequisite[] prerequisites;
  final StringSet[] targetKeys;
  final Evaluation[] targetResults;
  final Rule[] rules;
  final Outcome fallthrough;
  /**
   * The result when nothing depends on the context (disabled, outside its schedule, or no
   * prerequisites, targets or rules and a fixed fallthrough), or null. Valid only while no
   * operator overlay touches the snapshot.
   */
  final @Nullable Evaluation constant;

  final List<String> tags;
  final String owner;
  final String description;

  CompiledFlag(
      int index,
      String key,
      ValueType type,
      boolean enabled,
      Evaluation disabled,
      Evaluation killed,
      boolean outsideSchedule,
      Evaluation offSchedule,
      String[] variantNames,
      Evaluation noVariant,
      Prerequisite[] prerequisites,
      StringSet[] targetKeys,
      Evaluation[] targetResults,
      Rule[] rules,
      Outcome fallthrough,
      List<String> tags,
      String owner,
      String description) {
    this.index = index;
    this.key = key;
    this.type = type;
    this.enabled = enabled;
    this.disabled = disabled;
    this.killed = killed;
    this.outsideSchedule = outsideSchedule;
    this.offSchedule = offSchedule;
    this.variantNames = variantNames;
    this.noVariant = noVariant;
    this.prerequisites = prerequisites;
    this.targetKeys = targetKeys;
    this.targetResults = targetResults;
    this.rules = rules;
    this.fallthrough = fallthrough;
    this.constant = !enabled
        ? disabled
        : outsideSchedule
            ? offSchedule
            : prerequisites.length == 0 && targetKeys.length == 0 && rules.length == 0
                ? fallthrough.fixedResult()
                : null;
    this.tags = tags;
    this.owner = owner;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public ValueType type() {
    return type;
  }

  public boolean enabled() {
    return enabled;
  }

  public List<String> tags() {
    return tags;
  }

  public String owner() {
    return owner;
  }

  public String description() {
    return description;
  }

  public int index() {
    return index;
  }

  /** The off-variant's name (what DISABLED, KILLED and PREREQUISITE_FAILED serve). */
  public String offVariantName() {
    return java.util.Objects.requireNonNull(disabled.variant());
  }

  /** The variant names, in declared order. */
  public java.util.List<String> variantNames() {
    return java.util.List.of(variantNames);
  }

  /** Requires {@code flag} to serve {@code variant}; otherwise {@code failed} is served. */
  static final class Prerequisite {
    final CompiledFlag flag;
    final String variant;
    final Evaluation failed;

    Prerequisite(CompiledFlag flag, String variant, Evaluation failed) {
      this.flag = flag;
      this.variant = variant;
      this.failed = failed;
    }
  }

  /** A rule: conditions ANDed, then an outcome. */
  static final class Rule {
    final String id;
    final Condition[] conditions;
    final Outcome outcome;

    Rule(String id, Condition[] conditions, Outcome outcome) {
      this.id = id;
      this.conditions = conditions;
      this.outcome = outcome;
    }
  }

  /** A fixed result, or a percentage rollout over precomputed results. */
  static final class Outcome {
    private final @Nullable Evaluation fixed;
    /** The bucketing attribute; null means the context key. */
    private final @Nullable String bucketBy;

    private final Bucketing.@Nullable Salt salt;
    /** Exclusive upper bucket of each variant's range, ascending, the last is 100000. */
    private final int[] upper;

    private final Evaluation[] results;

    private Outcome(
        @Nullable Evaluation fixed,
        @Nullable String bucketBy,
        Bucketing.@Nullable Salt salt,
        int[] upper,
        Evaluation[] results) {
      this.fixed = fixed;
      this.bucketBy = bucketBy;
      this.salt = salt;
      this.upper = upper;
      this.results = results;
    }

    static Outcome fixed(Evaluation result) {
      return new Outcome(result, null, null, new int[0], new Evaluation[0]);
    }

    static Outcome rollout(
        @Nullable String bucketBy, String salt, int[] weights, Evaluation[] results) {
      int[] upper = new int[weights.length];
      int sum = 0;
      for (int i = 0; i < weights.length; i++) {
        sum += weights[i];
        upper[i] = sum;
      }
      return new Outcome(null, bucketBy, Bucketing.salt(salt), upper, results);
    }

    @Nullable
    Evaluation fixedResult() {
      return fixed;
    }

    int weightsHash() {
      return java.util.Arrays.hashCode(upper);
    }

    /** The result for this context, or null when the bucketing attribute is missing. */
    @Nullable
    Evaluation resolve(dev.flags.Context context) {
      Evaluation f = fixed;
      if (f != null) {
        return f;
      }
      String bucketKey = bucketKey(context);
      if (bucketKey == null) {
        return null;
      }
      int bucket = Bucketing.bucket(salt, bucketKey); // salt is non-null for a rollout
      int[] u = upper;
      for (int i = 0; i < u.length; i++) {
        if (bucket < u[i]) {
          return results[i];
        }
      }
      return results[results.length - 1]; // unreachable: the last bound is 100000
    }

    private @Nullable String bucketKey(dev.flags.Context context) {
      if (bucketBy == null) {
        String k = context.key();
        return k.isEmpty() ? null : k;
      }
      Object v = context.get(bucketBy);
      if (v instanceof String) {
        return ((String) v).isEmpty() ? null : (String) v;
      }
      if (v instanceof Double) {
        double d = (Double) v;
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
          return Long.toString((long) d); // integral ids bucket by their decimal text
        }
      }
      return null;
    }
  }
}
