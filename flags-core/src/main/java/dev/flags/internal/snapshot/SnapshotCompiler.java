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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a validated {@link FlagDocument} into an immutable {@link Snapshot}: conditions become
 * small final classes, key lists become hash sets, regexes/semvers/times are already parsed, and
 * every result a flag can return is built once here so evaluation allocates nothing.
 */
public final class SnapshotCompiler {
  private SnapshotCompiler() {}

  /**
   * Compiles a document as it stands at {@code now}: flag and rule schedules and rollout steps
   * are resolved for that instant, and the snapshot records the next instant at which they
   * change.
   */
  public static Snapshot compile(FlagDocument doc, Map<String, long[]> fingerprints, Instant now) {
    long nowMillis = now.toEpochMilli();
    Map<String, CompiledSegment> segments = new HashMap<>();
    for (Segment s : doc.segments().values()) {
      Condition[][] rules = new Condition[s.rules().size()][];
      for (int i = 0; i < rules.length; i++) {
        rules[i] = conditions(s.rules().get(i).conditions(), Map.of());
      }
      segments.put(
          s.key(),
          new CompiledSegment(
              s.key(),
              StringSet.of(s.included(), false),
              StringSet.of(s.excluded(), false),
              rules));
    }
    HashMap<String, CompiledFlag> compiled = new HashMap<>(doc.flags().size() * 2);
    Map<String, Integer> indexes = new HashMap<>();
    for (Flag f : doc.flags().values()) {
      indexes.put(f.key(), indexes.size());
    }
    Clock clock = new Clock(nowMillis);
    for (Flag f : doc.flags().values()) {
      compileFlag(f, doc, segments, compiled, indexes, clock);
    }
    CompiledFlag[] byIndex = new CompiledFlag[compiled.size()];
    for (CompiledFlag cf : compiled.values()) {
      byIndex[cf.index] = cf;
    }
    return new Snapshot(doc.version(), true, compiled, byIndex, fingerprints, clock.next);
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

  /** Compiles prerequisites first (the validator has ruled out cycles), then the flag. */
  private static CompiledFlag compileFlag(
      Flag f,
      FlagDocument doc,
      Map<String, CompiledSegment> segments,
      Map<String, CompiledFlag> done,
      Map<String, Integer> indexes,
      Clock clock) {
    CompiledFlag existing = done.get(f.key());
    if (existing != null) {
      return existing;
    }
    String version = doc.version();
    List<Variant> variants = f.variants();
    Variant off = variants.get(f.offVariant());

    CompiledFlag.Prerequisite[] prereqs =
        new CompiledFlag.Prerequisite[f.prerequisites().size()];
    for (int i = 0; i < prereqs.length; i++) {
      FlagDocument.Prerequisite p = f.prerequisites().get(i);
      Flag def = doc.flags().get(p.flag());
      if (def == null) {
        throw new IllegalStateException("unresolved prerequisite " + p.flag());
      }
      CompiledFlag target = compileFlag(def, doc, segments, done, indexes, clock);
      prereqs[i] = new CompiledFlag.Prerequisite(
          target,
          p.variant(),
          CompiledFlag.served(off, Reason.PREREQUISITE_FAILED, null, p.flag(), version, Set.of()));
    }

    // Prerequisites are evaluated before targets, rules and the fallthrough, and may read
    // attributes: after them, only a target or the fallthrough of a flag without rules is decided
    // by the key alone.
    Set<Evaluation.Trait> byKey = prereqs.length == 0 ? CompiledFlag.KEY_ONLY : Set.of();
    CompiledFlag.Target[] targets = new CompiledFlag.Target[f.targets().size()];
    for (int i = 0; i < targets.length; i++) {
      FlagDocument.Target t = f.targets().get(i);
      targets[i] = new CompiledFlag.Target(
          StringSet.of(t.keys(), false),
          CompiledFlag.served(
              variants.get(t.variant()), Reason.TARGET_MATCH, null, null, version, byKey));
    }

    List<CompiledFlag.Rule> rules = new ArrayList<>();
    for (FlagDocument.Rule r : f.rules()) {
      Serve serve = r.serve();
      if (serve != null
          && clock.active(r.schedule())) { // rules outside their schedule are left out
        rules.add(new CompiledFlag.Rule(
            r.id(),
            conditions(r.conditions(), segments),
            outcome(f, serve, Reason.RULE_MATCH, r.id(), version, clock, Set.of())));
      }
    }
    Set<Evaluation.Trait> fallthroughTraits = EnumSet.noneOf(Evaluation.Trait.class);
    if (rules.isEmpty()) {
      fallthroughTraits.addAll(byKey);
    }
    if (f.prerequisites().isEmpty()
        && f.targets().isEmpty()
        && f.rules().isEmpty()
        && f.schedule().isEmpty()
        && f.fallthrough().rollout() == null) {
      fallthroughTraits.add(Evaluation.Trait.STATIC);
    }
    boolean outsideSchedule = !clock.active(f.schedule());
    Integer index = indexes.get(f.key());
    CompiledFlag cf = new CompiledFlag(
        index == null ? done.size() : index,
        f,
        version,
        outsideSchedule,
        prereqs,
        targets,
        rules.toArray(new CompiledFlag.Rule[0]),
        outcome(f, f.fallthrough(), Reason.FALLTHROUGH, null, version, clock, fallthroughTraits));
    done.put(f.key(), cf);
    return cf;
  }

  private static Outcome outcome(
      Flag f,
      Serve serve,
      Reason reason,
      @Nullable String ruleId,
      String version,
      Clock clock,
      Set<Evaluation.Trait> traits) {
    Rollout r = serve.rollout();
    if (r == null) {
      return new FixedOutcome(CompiledFlag.served(
          f.variants().get(serve.variant()), reason, ruleId, null, version, traits));
    }
    Set<Evaluation.Trait> rolled = EnumSet.of(Evaluation.Trait.ROLLOUT);
    String bucketBy = r.bucketBy();
    if (traits.contains(Evaluation.Trait.KEY_ONLY)
        && (bucketBy == null || bucketBy.equals(Context.KEY_ATTRIBUTE))) {
      rolled.add(Evaluation.Trait.KEY_ONLY);
    }
    Evaluation[] results = new Evaluation[r.variants().size()];
    for (int i = 0; i < results.length; i++) {
      results[i] = CompiledFlag.served(
          f.variants().get(r.variants().get(i)), reason, ruleId, null, version, rolled);
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
    return new RolloutOutcome(r.bucketBy(), salt != null ? salt : f.salt(), weights, results);
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
}
