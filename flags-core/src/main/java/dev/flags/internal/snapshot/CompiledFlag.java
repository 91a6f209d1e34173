package dev.flags.internal.snapshot;

import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.Conditions.Condition;
import dev.flags.internal.snapshot.FlagDocument.ValueType;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One flag, compiled: arrays instead of lists, key lists as hash sets, and every result it can
 * produce built in advance, so that {@link Evaluator} only picks one. Immutable: every field is
 * final and set by the constructor.
 */
public final class CompiledFlag {
  /** Position in {@link Snapshot}'s arrays; operator state (kills, overrides) is indexed by it. */
  final int index;

  final String key;
  final ValueType type;
  final boolean enabled;
  /** The off-variant with reason KILLED (a runtime kill by an operator). */
  final Evaluation killed;
  /** True when the flag has a schedule and no window contains the compile time. */
  final boolean outsideSchedule;
  /**
   * What an inactive flag serves: the off-variant with reason DISABLED when the document switched
   * the flag off, else with OUTSIDE_SCHEDULE when no window contains the compile time (the kill
   * switch comes first). An active flag never reads it, so it shares {@link #killed} rather than
   * hold two more results per flag.
   */
  final Evaluation inactive;
  /** Served when no variant applies (e.g. missing bucketing attribute). */
  final Evaluation noVariant;

  final Prerequisite[] prerequisites;
  /** Target key sets, parallel to {@link #targetResults}: the hot loop reads one array. */
  final KeyList[] targetKeys;

  final Evaluation[] targetResults;
  final Rule[] rules;
  /**
   * By condition number: the index that decides the condition with the others of its group (see
   * {@link ValueIndex}), or null; the array is null when the flag has no group.
   */
  final @Nullable ValueIndex @Nullable [] groups;

  final Outcome fallthrough;
  /**
   * The result when nothing depends on the context (disabled, outside its schedule, or no
   * prerequisites, targets or rules and a fixed fallthrough), or null. Valid only while no
   * operator overlay touches the snapshot.
   */
  final @Nullable Evaluation constant;
  /**
   * True when the rules and then the fallthrough alone decide (an active flag without
   * prerequisites or targets whose result depends on the context: a rollout, or rules). Valid only
   * while no operator overlay touches the snapshot.
   */
  final boolean onlyRules;
  /**
   * The fallthrough, when it alone decides (as {@link #onlyRules}, and no rules: a rollout), else
   * null: its own call site stays monomorphic, so the JIT inlines the bucketing there.
   */
  final @Nullable Outcome direct;
  /**
   * True when no condition is tested in more than one place and no attribute read by more than
   * one condition ({@link Rule#memo} and {@link Rule#slots} all -1): the rules need no bookkeeping.
   */
  final boolean plainRules;

  /**
   * The condition of a flag whose one rule has one condition and a fixed result: the commonest
   * targeted flag, {@code country in [...]}, evaluated without the rule loop. Null for any other
   * flag. {@link #soleResult} is what the rule serves.
   */
  final Conditions.@Nullable Condition soleCondition;

  /** What the rule of {@link #soleCondition} serves; null with it. */
  final @Nullable Evaluation soleResult;

  /**
   * The keys of the one segment a {@link #soleCondition} tests membership of, when that segment is
   * a key list alone (no excluded keys, no rules) and the test is not negated: the commonest
   * segment flag. The evaluator looks the context's key up here directly, without going through
   * the condition and the segment. Null for any other flag.
   */
  final @Nullable KeyList soleKeys;

  /** A hash of what the schedules resolved to (active rules, rollout steps), for diffs. */
  final long scheduleState;
  /** The attributes evaluating this flag may read (see {@link Evaluation#attributes()}). */
  final List<String> attributes;

  /** The declared variants: what an operator's override serves. */
  private final List<Variant> variants;

  /**
   * The variant names in declared order, usually the very strings the flag's results hold (so that
   * counters mostly find a result's variant by identity; a result shared with another flag may
   * hold an equal string instead, which counters then compare by value).
   */
  final String[] variantNames;

  /** A 64-bit hash of the key, for exposure de-duplication. */
  final long keyHash;

  /** The document's guardrail, or null. */
  private final dev.flags.@Nullable Guardrail guardrail;

  private final String version;
  private final List<String> tags;
  private final Map<String, Object> metadata;
  private final String owner;
  private final String description;

  /**
   * Compiles the parts of {@code def} that need no other flag; the caller compiles the rest.
   *
   * @param index the flag's position in the snapshot
   * @param def the validated flag
   * @param version the document version, recorded in every result
   * @param outsideSchedule whether the flag's own schedule is closed at compile time
   * @param prerequisites compiled prerequisites
   * @param targets compiled targets
   * @param rules the rules active at compile time
   * @param groups the conditions' value indexes by condition number, or null
   * @param fallthrough the fallthrough outcome
   * @param attributes the attributes evaluating the flag may read
   * @param results the flag's results, shared with other flags where they may be
   */
  CompiledFlag(
      int index,
      FlagDocument.Flag def,
      String version,
      boolean outsideSchedule,
      Prerequisite[] prerequisites,
      Target[] targets,
      Rule[] rules,
      @Nullable ValueIndex @Nullable [] groups,
      Outcome fallthrough,
      List<String> attributes,
      FlagResults results) {
    Variant off = def.variants().get(def.offVariant());
    this.index = index;
    // Interned: a caller names a flag with a literal, which the JVM interns, so the snapshot's
    // lookup by key is decided by reference, without comparing the key's characters.
    this.key = def.key().intern();
    this.type = def.type();
    this.enabled = def.enabled();
    this.version = version;
    this.killed = results.served(off, Reason.KILLED, null, null, KEY_ONLY);
    this.outsideSchedule = outsideSchedule;
    this.inactive = !enabled
        ? results.served(off, Reason.DISABLED, null, null, KEY_ONLY)
        : outsideSchedule
            ? results.served(off, Reason.OUTSIDE_SCHEDULE, null, null, KEY_ONLY)
            : killed;
    this.noVariant = results.noVariant();
    this.attributes = attributes;
    this.prerequisites = prerequisites;
    this.targetKeys = new KeyList[targets.length];
    Evaluation[] byTarget = new Evaluation[targets.length];
    for (int i = 0; i < targets.length; i++) {
      targetKeys[i] = targets[i].keys();
      byTarget[i] = targets[i].result();
    }
    this.targetResults = results.values().share(byTarget);
    this.rules = rules;
    this.groups = groups;
    this.fallthrough = fallthrough;
    this.constant = !enabled || outsideSchedule
        ? inactive
        : prerequisites.length == 0 && targets.length == 0 && rules.length == 0
            ? fallthrough.fixedResult()
            : null;
    this.onlyRules = constant == null && prerequisites.length == 0 && targets.length == 0;
    this.plainRules = plain(rules);
    this.direct = onlyRules && rules.length == 0 ? fallthrough : null;
    // One condition in one rule shares nothing, so it needs none of the loop's bookkeeping.
    boolean oneCondition = rules.length == 1 && rules[0].conditions.length == 1;
    this.soleResult = oneCondition ? rules[0].outcome.fixedResult() : null;
    this.soleCondition = soleResult != null ? rules[0].conditions[0] : null;
    this.soleKeys = soleCondition instanceof Conditions.InSegment s ? s.onlyKeys() : null;
    long state = outsideSchedule ? 1 : 2;
    for (Rule r : rules) {
      state = state * 31 + r.id.hashCode();
      state = state * 31 + r.outcome.resolvedState();
    }
    this.scheduleState = state * 31 + fallthrough.resolvedState();
    this.variants = results.values().share(def.variants());
    this.variantNames = new String[variants.size()];
    for (int i = 0; i < variantNames.length; i++) {
      variantNames[i] = variants.get(i).name();
    }
    this.keyHash = Murmur3x64.ofUtf8(key);
    this.guardrail = def.guardrail();
    this.tags = results.values().share(def.tags());
    this.metadata = def.metadata();
    this.owner = def.owner();
    this.description = def.description();
  }

  private static boolean plain(Rule[] rules) {
    for (Rule r : rules) {
      for (int i = 0; i < r.memo.length; i++) {
        if (r.memo[i] >= 0 || r.slots[i] >= 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** Kills, the kill switch, overrides and schedules come before anything reads attributes. */
  static final Set<Evaluation.Trait> KEY_ONLY = Set.of(Evaluation.Trait.KEY_ONLY);

  /** A result that serves {@code v}, built once when a document is compiled. */
  static Evaluation served(
      Variant v,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisite,
      String version,
      Set<Evaluation.Trait> traits) {
    return served(v, reason, ruleId, prerequisite, version, traits, List.of());
  }

  /** Like the above, for a flag that reads {@code attributes} (kept unless key-only). */
  static Evaluation served(
      Variant v,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisite,
      String version,
      Set<Evaluation.Trait> traits,
      List<String> attributes) {
    return Evaluation.served(
        v.value(),
        v.json(),
        v.name(),
        reason,
        ruleId,
        prerequisite,
        version,
        traits,
        attributesKept(traits, attributes));
  }

  /** The attributes a result keeps: none for a key-only result, which read no attribute. */
  static List<String> attributesKept(Set<Evaluation.Trait> traits, List<String> attributes) {
    return traits.contains(Evaluation.Trait.KEY_ONLY) ? List.of() : attributes;
  }

  /**
   * The flag key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The type shared by the flag's variants.
   *
   * @return the value type
   */
  public ValueType type() {
    return type;
  }

  /**
   * The attributes evaluating this flag may read, besides the key.
   *
   * @return the names, sorted and unmodifiable
   */
  public List<String> attributes() {
    return attributes;
  }

  /**
   * The document's kill switch.
   *
   * @return false when the document switches the flag off
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The document's tags.
   *
   * @return the tags
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * The document's metadata of the flag.
   *
   * @return names to strings, {@code Long}s, {@code Double}s or booleans, in document order
   */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * The document's owner.
   *
   * @return the owner, empty if none
   */
  public String owner() {
    return owner;
  }

  /**
   * The document's description.
   *
   * @return the description, empty if none
   */
  public String description() {
    return description;
  }

  /**
   * The off-variant's name (what DISABLED, KILLED and PREREQUISITE_FAILED serve).
   *
   * @return the name
   */
  public String offVariantName() {
    String v = killed.variant();
    return v == null ? "" : v;
  }

  /**
   * The variant names, in declared order.
   *
   * @return the names
   */
  public List<String> variantNames() {
    return variants.stream().map(Variant::name).toList();
  }

  /**
   * The guardrail the document declares for this flag.
   *
   * @return the guardrail, or null
   */
  public dev.flags.@Nullable Guardrail guardrail() {
    return guardrail;
  }

  /**
   * A 64-bit hash of the flag key (murmur3 of its UTF-8), computed once when compiled.
   *
   * @return the hash
   */
  public long keyHash() {
    return keyHash;
  }

  /**
   * The position of the flag in its snapshot's arrays.
   *
   * @return the index
   */
  public int index() {
    return index;
  }

  /** The index of the variant with this name, or -1. */
  int variantIndex(String name) {
    for (int i = 0; i < variants.size(); i++) {
      if (variants.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The result an operator's override of variant {@code v} serves. */
  Evaluation overrideResult(int v) {
    return served(variants.get(v), Reason.OVERRIDE, null, null, version, KEY_ONLY);
  }

  /** Requires {@code flag} to serve {@code variant}; otherwise {@code failed} is served. */
  record Prerequisite(CompiledFlag flag, String variant, Evaluation failed) {}

  /** Context keys that get a precomputed result. */
  record Target(KeyList keys, Evaluation result) {}

  /**
   * A rule: conditions ANDed, then an outcome. {@code memo[i]} numbers condition {@code i} among
   * the flag's distinct conditions (0 to 63, or -1): a condition that several rules of a flag
   * share is evaluated once per evaluation of the flag. {@code slots[i]} numbers the attribute
   * condition {@code i} reads among the first {@value #SLOTS} distinct attributes the flag's rules
   * read (or -1: a segment test, or a later attribute): each of those is read from the context
   * at most once per evaluation of the flag.
   */
  static final class Rule {
    /** How many distinct attributes per flag are read once per evaluation. */
    static final int SLOTS = 4;

    final String id;
    final Condition[] conditions;
    final int[] memo;
    final int[] slots;
    /** The memo bits of the rule's conditions (meaningful when {@link #allMemoized}). */
    final long required;
    /**
     * True when every condition has a memo bit: once those bits are known, {@link #required}
     * decides the rule without visiting its conditions.
     */
    final boolean allMemoized;

    final Outcome outcome;

    Rule(String id, Condition[] conditions, int[] memo, int[] slots, Outcome outcome) {
      this.id = id;
      this.conditions = conditions;
      this.memo = memo;
      this.slots = slots;
      this.outcome = outcome;
      long bits = 0;
      boolean all = true;
      for (int n : memo) {
        if (n < 0) {
          all = false;
        } else {
          bits |= 1L << n;
        }
      }
      this.required = bits;
      this.allMemoized = all;
    }
  }
}
