package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.Conditions.Condition;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a validated {@link FlagDocument} into an immutable {@link Snapshot}: conditions become
 * small final classes, key lists become hash sets, regexes/semvers/times are already parsed, and
 * every result a flag can return is built once here so evaluation allocates nothing.
 */
public final class SnapshotCompiler {
  private static final CompiledFlag[] NO_REQUIRED = {};
  private static final CompiledFlag.Rule[] NO_RULES = {};
  private static final CompiledFlag.Prerequisite[] NO_PREREQUISITES =
      new CompiledFlag.Prerequisite[0];

  // The trait sets results are built with. A result reads its traits and keeps none of them, so
  // each combination is made once, not once per flag.
  private static final Set<Evaluation.Trait> STATIC = Set.of(Evaluation.Trait.STATIC);
  private static final Set<Evaluation.Trait> KEY_ONLY_STATIC =
      Set.of(Evaluation.Trait.KEY_ONLY, Evaluation.Trait.STATIC);
  private static final Set<Evaluation.Trait> ROLLOUT = Set.of(Evaluation.Trait.ROLLOUT);
  private static final Set<Evaluation.Trait> ROLLOUT_KEY_ONLY =
      Set.of(Evaluation.Trait.ROLLOUT, Evaluation.Trait.KEY_ONLY);

  private SnapshotCompiler() {}

  /**
   * Compiles a document as it stands at {@code now}: flag and rule schedules and rollout steps
   * are resolved for that instant, and the snapshot records the next instant at which they
   * change.
   */
  public static Snapshot compile(FlagDocument doc, Instant now) {
    long nowMillis = now.toEpochMilli();
    Map<String, CompiledSegment> segments = new HashMap<>();
    for (Segment s : doc.segments().values()) {
      Condition[][] rules = new Condition[s.rules().size()][];
      for (int i = 0; i < rules.length; i++) {
        rules[i] = conditions(s.rules().get(i).conditions(), Map.of());
      }
      segments.put(
          s.key(),
          new CompiledSegment(s.key(), KeyList.of(s.included()), KeyList.of(s.excluded()), rules));
    }
    HashMap<String, CompiledFlag> compiled = new HashMap<>(doc.flags().size() * 2);
    KeyIndex indexes = new KeyIndex(doc.flags().keySet());
    Clock clock = new Clock(nowMillis);
    SharedValues values = new SharedValues();
    Scratch scratch = new Scratch(segments, values);
    for (Flag f : doc.flags().values()) {
      compileFlag(f, doc, segments, compiled, indexes, clock, values, scratch);
    }
    CompiledFlag[] byIndex = new CompiledFlag[compiled.size()];
    for (CompiledFlag cf : compiled.values()) {
      byIndex[cf.index] = cf;
    }
    return new Snapshot(doc.version(), true, compiled, byIndex, doc.flags(), clock.next);
  }

  /** The compile instant and the earliest schedule boundary after it seen so far. */
  private static final class Clock {
    final long now;
    long next = Long.MAX_VALUE;

    Clock(long now) {
      this.now = now;
    }

    /** Whether any window contains now (no windows: always active); tracks the next edge. */
    boolean active(List<FlagDocument.Window> windows) {
      if (windows.isEmpty()) {
        return true;
      }
      boolean active = false;
      for (FlagDocument.Window w : windows) {
        active |= w.contains(now);
        boundary(w.from());
        boundary(w.until());
      }
      return active;
    }

    void boundary(long t) {
      if (t > now && t < next) {
        next = t;
      }
    }
  }

  /**
   * The working lists of one compile, emptied for each flag: a flag's rules, condition numbers,
   * attribute names (slotted, gathered, read), distinct conditions and each rule's memo bits and
   * slots are gathered here rather than in lists made per flag. A flag uses them only after its
   * prerequisites are compiled, so the recursion into prerequisites never finds them in use.
   */
  private static final class Scratch {
    final SharedConditions shared;
    final List<FlagDocument.Rule> active = new ArrayList<>();
    final List<int[]> numbers = new ArrayList<>();
    final List<String> slotted = new ArrayList<>(CompiledFlag.Rule.SLOTS);
    final List<CompiledFlag.Rule> rules = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> read = new ArrayList<>();

    private int[] memo = new int[8];
    private int[] slots = new int[8];

    Scratch(Map<String, CompiledSegment> segments, SharedValues values) {
      this.shared = new SharedConditions(segments, values);
    }

    /** Empties what the last flag's rules left, for the next flag's. */
    void startRules() {
      shared.clear();
      active.clear();
      numbers.clear();
      slotted.clear();
      rules.clear();
    }

    /** A rule's memo bits are written here, then shared at their length. */
    int[] memo(int length) {
      memo = atLeast(memo, length);
      return memo;
    }

    /** A rule's attribute slots are written here, then shared at their length. */
    int[] slots(int length) {
      slots = atLeast(slots, length);
      return slots;
    }

    private static int[] atLeast(int[] a, int length) {
      return a.length >= length ? a : new int[length];
    }
  }

  /** Compiles prerequisites first (the validator has ruled out cycles), then the flag. */
  private static CompiledFlag compileFlag(
      Flag f,
      FlagDocument doc,
      Map<String, CompiledSegment> segments,
      Map<String, CompiledFlag> done,
      KeyIndex indexes,
      Clock clock,
      SharedValues values,
      Scratch scratch) {
    CompiledFlag existing = done.get(f.key());
    if (existing != null) {
      return existing;
    }
    String version = doc.version();
    List<Variant> variants = f.variants();
    Variant off = variants.get(f.offVariant());

    CompiledFlag[] required = f.prerequisites().isEmpty()
        ? NO_REQUIRED
        : new CompiledFlag[f.prerequisites().size()];
    for (int i = 0; i < required.length; i++) {
      Flag def = doc.flags().get(f.prerequisites().get(i).flag());
      if (def == null) {
        throw new IllegalStateException(
            "unresolved prerequisite " + f.prerequisites().get(i));
      }
      required[i] = compileFlag(def, doc, segments, done, indexes, clock, values, scratch);
    }
    List<String> attributes = values.shareAttributes(attributes(f, doc, required, scratch.names));
    FlagResults results =
        new FlagResults(values, version, attributes, f.metadata().isEmpty()); // see SharedValues
    CompiledFlag.Prerequisite[] prereqs =
        required.length == 0 ? NO_PREREQUISITES : new CompiledFlag.Prerequisite[required.length];
    for (int i = 0; i < prereqs.length; i++) {
      FlagDocument.Prerequisite p = f.prerequisites().get(i);
      prereqs[i] = new CompiledFlag.Prerequisite(
          required[i],
          p.variant(),
          results.served(off, Reason.PREREQUISITE_FAILED, null, p.flag(), Set.of()));
    }

    // Prerequisites are evaluated before targets, rules and the fallthrough, and may read
    // attributes: after them, only a target or the fallthrough of a flag without rules is decided
    // by the key alone.
    Set<Evaluation.Trait> byKey = prereqs.length == 0 ? CompiledFlag.KEY_ONLY : Set.of();
    CompiledFlag.Target[] targets = new CompiledFlag.Target[f.targets().size()];
    for (int i = 0; i < targets.length; i++) {
      FlagDocument.Target t = f.targets().get(i);
      targets[i] = new CompiledFlag.Target(
          KeyList.of(t.keys()),
          results.served(variants.get(t.variant()), Reason.TARGET_MATCH, null, null, byKey));
    }

    // Rules outside their schedule are left out. Each active rule's conditions are numbered once
    // among the flag's distinct conditions; the numbers then give the memo bits and the slots.
    scratch.startRules();
    SharedConditions shared = scratch.shared;
    List<FlagDocument.Rule> active = scratch.active;
    List<int[]> numbers = scratch.numbers;
    for (int k = 0; k < f.rules().size(); k++) { // indexed: no iterator per flag
      FlagDocument.Rule r = f.rules().get(k);
      if (r.serve() != null && clock.active(r.schedule())) {
        List<FlagDocument.Condition> defs = r.conditions();
        int[] n = new int[defs.size()];
        for (int i = 0; i < n.length; i++) {
          n[i] = shared.number(defs.get(i));
        }
        active.add(r);
        numbers.add(n);
      }
    }
    Set<String> reused = reusedAttributes(shared, scratch.read);
    Set<Integer> repeated = repeatedConditions(numbers);
    @Nullable ValueIndex[] groups = ValueIndex.of(shared);
    List<String> slotted = scratch.slotted;
    List<CompiledFlag.Rule> rules = scratch.rules;
    for (int k = 0; k < active.size(); k++) {
      FlagDocument.Rule r = active.get(k);
      int[] n = numbers.get(k);
      Condition[] conditions = new Condition[n.length];
      int[] memo = scratch.memo(n.length);
      int[] slots = scratch.slots(n.length);
      for (int i = 0; i < n.length; i++) {
        conditions[i] = shared.get(n[i]);
        // Only a condition that more than one place tests, or that a group's lookup decides, is
        // worth remembering.
        memo[i] = n[i] < Long.SIZE
                && (repeated.contains(n[i]) || (groups != null && groups[n[i]] != null))
            ? n[i]
            : -1;
        slots[i] = slot(conditions[i], slotted, reused);
      }
      rules.add(values.share(new CompiledFlag.Rule(
          r.id(),
          values.share(conditions),
          values.share(memo, n.length),
          values.share(slots, n.length),
          outcome(
              f,
              Objects.requireNonNull(r.serve()),
              Reason.RULE_MATCH,
              r.id(),
              clock,
              Set.of(),
              results))));
    }
    boolean keyOnly = rules.isEmpty() && !byKey.isEmpty();
    boolean isStatic = f.prerequisites().isEmpty()
        && f.targets().isEmpty()
        && f.rules().isEmpty()
        && f.schedule().isEmpty()
        && f.fallthrough().rollout() == null;
    Set<Evaluation.Trait> fallthroughTraits = isStatic
        ? (keyOnly ? KEY_ONLY_STATIC : STATIC)
        : (keyOnly ? CompiledFlag.KEY_ONLY : Set.of());
    boolean outsideSchedule = !clock.active(f.schedule());
    int index = indexes.positionOf(f.key());
    CompiledFlag cf = new CompiledFlag(
        index < 0 ? done.size() : index,
        f,
        version,
        outsideSchedule,
        prereqs,
        targets,
        rules.isEmpty()
            ? NO_RULES
            : values.share(rules.toArray(new CompiledFlag.Rule[rules.size()])),
        groups,
        outcome(f, f.fallthrough(), Reason.FALLTHROUGH, null, clock, fallthroughTraits, results),
        attributes,
        results);
    done.put(cf.key, cf);
    return cf;
  }

  private static Outcome outcome(
      Flag f,
      Serve serve,
      Reason reason,
      @Nullable String ruleId,
      Clock clock,
      Set<Evaluation.Trait> traits,
      FlagResults results) {
    Rollout r = serve.rollout();
    if (r == null) {
      return results
          .values()
          .fixed(results.served(f.variants().get(serve.variant()), reason, ruleId, null, traits));
    }
    String bucketBy = r.bucketBy();
    Set<Evaluation.Trait> rolled = traits.contains(Evaluation.Trait.KEY_ONLY)
            && (bucketBy == null || bucketBy.equals(Context.KEY_ATTRIBUTE))
        ? ROLLOUT_KEY_ONLY
        : ROLLOUT;
    Evaluation[] served = new Evaluation[r.variants().size()];
    for (int i = 0; i < served.length; i++) {
      served[i] =
          results.served(f.variants().get(r.variants().get(i)), reason, ruleId, null, rolled);
    }
    List<Integer> weights = r.weights();
    for (FlagDocument.Step step : r.steps()) { // the last step that has started applies
      if (step.at() <= clock.now) {
        weights = step.weights();
      } else {
        clock.boundary(step.at());
      }
    }
    String salt = r.salt();
    return new RolloutOutcome(
        r.bucketBy(), salt != null ? salt : f.salt(), weights, results.values().share(served));
  }

  /**
   * The attributes evaluating {@code f} may read, besides the key: its rules' conditions (and the
   * rules of the segments they test), its rollouts' bucketBy, its prerequisites' attributes.
   * Gathered in {@code names}, which is returned: the caller shares a copy ({@link
   * SharedValues#shareAttributes}), made only when no flag before had the same attributes.
   */
  private static List<String> attributes(
      Flag f, FlagDocument doc, CompiledFlag[] prerequisites, List<String> names) {
    // Gathered with repeats, then sorted and de-duplicated once: no tree of names per flag.
    names.clear();
    for (CompiledFlag p : prerequisites) {
      names.addAll(p.attributes);
    }
    // Indexed loops: the lists are the document's, and an iterator each would be made per flag.
    List<FlagDocument.Rule> rules = f.rules();
    for (int i = 0; i < rules.size(); i++) {
      List<FlagDocument.Condition> conditions = rules.get(i).conditions();
      for (int j = 0; j < conditions.size(); j++) {
        FlagDocument.Condition c = conditions.get(j);
        String attribute = c.attribute();
        if (attribute != null) {
          names.add(attribute);
        }
        if (c.op().testsSegments()) {
          for (int k = 0; k < c.values().size(); k++) {
            segmentAttributes(doc.segments().get(String.valueOf(c.values().get(k))), names);
          }
        }
      }
      bucketBy(rules.get(i).serve(), names);
    }
    bucketBy(f.fallthrough(), names);
    if (names.isEmpty()) {
      return names;
    }
    names.sort(null); // in place
    // Interned, as the compiled conditions' names are: a caller that copies these attributes into
    // a context (the OpenFeature provider's mapper) finds them in its own context by reference
    // when its keys are literals, and the rules then find them in the built context the same way.
    int n = 0;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if ((n == 0 || !names.get(n - 1).equals(name)) && !name.equals(Context.KEY_ATTRIBUTE)) {
        names.set(n++, name.intern());
      }
    }
    names.subList(n, names.size()).clear();
    return names;
  }

  /** Adds the attributes the rules of segment {@code s} read (none if {@code s} is null). */
  private static void segmentAttributes(@Nullable Segment s, List<String> names) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.rules().size(); i++) {
      List<FlagDocument.Condition> conditions = s.rules().get(i).conditions();
      for (int j = 0; j < conditions.size(); j++) {
        String a = conditions.get(j).attribute();
        if (a != null) {
          names.add(a);
        }
      }
    }
  }

  private static void bucketBy(@Nullable Serve serve, List<String> names) {
    Rollout r = serve == null ? null : serve.rollout();
    String bucketBy = r == null ? null : r.bucketBy();
    if (bucketBy != null) {
      names.add(bucketBy);
    }
  }

  static Condition[] conditions(
      List<FlagDocument.Condition> defs, Map<String, CompiledSegment> segments) {
    Condition[] out = new Condition[defs.size()];
    for (int i = 0; i < out.length; i++) {
      FlagDocument.Condition c = defs.get(i);
      out[i] = c.op().compile(c, segments);
    }
    return out;
  }

  /**
   * The attributes that more than one distinct condition (by number) of the active rules reads: only
   * those gain from a slot (an attribute read once is read directly, without the slot's
   * bookkeeping).
   */
  private static Set<String> reusedAttributes(SharedConditions shared, List<String> read) {
    // Every numbered condition belongs to an active rule: numbers are handed out for those only.
    // A flag reads few attributes, so a list scan finds them; most flags reuse none.
    read.clear();
    Set<String> reused = Set.of();
    for (int n = 0; n < shared.size(); n++) {
      if (shared.get(n) instanceof Conditions.AttributeCondition a) {
        if (!read.contains(a.attribute)) {
          read.add(a.attribute);
        } else if (!reused.contains(a.attribute)) {
          if (reused.isEmpty()) {
            reused = new HashSet<>();
          }
          reused.add(a.attribute);
        }
      }
    }
    return reused;
  }

  /** The condition numbers that occur more than once among the rules' conditions. */
  static Set<Integer> repeatedConditions(List<int[]> numbers) {
    int count = 0;
    for (int[] n : numbers) {
      for (int c : n) {
        count = Math.max(count, c + 1);
      }
    }
    boolean[] seen = new boolean[count];
    Set<Integer> repeated = Set.of();
    for (int[] n : numbers) {
      for (int c : n) {
        if (!seen[c]) {
          seen[c] = true;
        } else if (!repeated.contains(c)) {
          if (repeated.isEmpty()) {
            repeated = new HashSet<>(); // most flags repeat no condition: no set for them
          }
          repeated.add(c);
        }
      }
    }
    return repeated;
  }

  /**
   * The slot of the attribute {@code c} reads among {@code slotted} (the flag's attributes read
   * once per evaluation, in order of first use), adding it while there is room; -1 for a segment
   * test, an attribute not in {@code reused}, or when the slots are taken.
   */
  static int slot(Condition c, List<String> slotted, Set<String> reused) {
    if (!(c instanceof Conditions.AttributeCondition a) || !reused.contains(a.attribute)) {
      return -1;
    }
    int i = slotted.indexOf(a.attribute);
    if (i < 0 && slotted.size() < CompiledFlag.Rule.SLOTS) {
      slotted.add(a.attribute);
      i = slotted.size() - 1;
    }
    return i;
  }
}
