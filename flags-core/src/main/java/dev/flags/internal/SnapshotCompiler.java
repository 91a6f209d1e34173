package dev.flags.internal;

import com.google.re2j.Pattern;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.CompiledFlag.Outcome;
import dev.flags.internal.Conditions.Condition;
import dev.flags.internal.FlagDocument.Flag;
import dev.flags.internal.FlagDocument.Rollout;
import dev.flags.internal.FlagDocument.Segment;
import dev.flags.internal.FlagDocument.Serve;
import dev.flags.internal.FlagDocument.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    long[] next = {Long.MAX_VALUE};
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
    return new Snapshot(
        doc.version(), true, compiled, byIndex, doc, fingerprints, now, clock.next, null, null);
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
      HashMap<String, CompiledFlag> done,
      Map<String, Integer> indexes,
      Clock clock) {
    CompiledFlag existing = done.get(f.key());
    if (existing != null) {
      return existing;
    }
    String version = doc.version();
    List<Variant> variants = f.variants();

    CompiledFlag.Prerequisite[] prereqs =
        new CompiledFlag.Prerequisite[f.prerequisites().size()];
    for (int i = 0; i < prereqs.length; i++) {
      FlagDocument.Prerequisite p = f.prerequisites().get(i);
      CompiledFlag target =
          compileFlag(doc.flags().get(p.flag()), doc, segments, done, indexes, clock);
      prereqs[i] = new CompiledFlag.Prerequisite(
          target,
          p.variant(),
          result(
              variants.get(f.offVariant()), Reason.PREREQUISITE_FAILED, null, p.flag(), version));
    }

    StringSet[] targetKeys = new StringSet[f.targets().size()];
    Evaluation[] targetResults = new Evaluation[targetKeys.length];
    for (int i = 0; i < targetKeys.length; i++) {
      FlagDocument.Target t = f.targets().get(i);
      targetKeys[i] = StringSet.of(t.keys(), false);
      targetResults[i] =
          result(variants.get(t.variant()), Reason.TARGET_MATCH, null, null, version);
    }

    List<CompiledFlag.Rule> rules = new ArrayList<>();
    for (FlagDocument.Rule r : f.rules()) {
      if (clock.active(r.schedule())) { // rules outside their schedule are left out
        rules.add(new CompiledFlag.Rule(
            r.id(),
            conditions(r.conditions(), segments),
            outcome(f, r.serve(), Reason.RULE_MATCH, r.id(), version, clock)));
      }
    }
    boolean outsideSchedule = !clock.active(f.schedule());
    String[] variantNames = new String[variants.size()];
    for (int i = 0; i < variantNames.length; i++) {
      variantNames[i] = variants.get(i).name();
    }

    Variant off = variants.get(f.offVariant());
    CompiledFlag cf = new CompiledFlag(
        indexes.get(f.key()),
        f.key(),
        f.type(),
        f.enabled(),
        result(off, Reason.DISABLED, null, null, version),
        result(off, Reason.KILLED, null, null, version),
        outsideSchedule,
        result(off, Reason.OUTSIDE_SCHEDULE, null, null, version),
        variantNames,
        Evaluation.noVariant(version),
        prereqs,
        targetKeys,
        targetResults,
        rules.toArray(new CompiledFlag.Rule[0]),
        outcome(f, f.fallthrough(), Reason.FALLTHROUGH, null, version, clock),
        f.tags(),
        f.owner(),
        f.description());
    long state = outsideSchedule ? 1 : 2;
    for (CompiledFlag.Rule r : cf.rules) {
      state = state * 31 + r.id.hashCode();
      state = state * 31 + r.outcome.weightsHash();
    }
    cf.scheduleState = state * 31 + cf.fallthrough.weightsHash();
    done.put(f.key(), cf);
    return cf;
  }

  private static Outcome outcome(
      Flag f, Serve serve, Reason reason, String ruleId, String version, Clock clock) {
    Rollout r = serve.rollout();
    if (r == null) {
      return Outcome.fixed(
          result(f.variants().get(serve.variant()), reason, ruleId, null, version));
    }
    Evaluation[] results = new Evaluation[r.variants().length];
    for (int i = 0; i < results.length; i++) {
      results[i] = result(f.variants().get(r.variants()[i]), reason, ruleId, null, version);
    }
    int[] weights = r.weights();
    for (FlagDocument.Step step : r.steps()) { // the last step that has started applies
      if (step.at() <= clock.now) {
        weights = step.weights();
      } else {
        clock.boundary(step.at());
      }
    }
    return Outcome.rollout(r.bucketBy(), r.salt() != null ? r.salt() : f.salt(), weights, results);
  }

  static Evaluation result(Variant v, Reason reason, String ruleId, String prereq, String version) {
    return Evaluation.served(v.value(), v.json(), v.name(), reason, ruleId, prereq, version);
  }

  static Condition[] conditions(
      List<FlagDocument.Condition> defs, Map<String, CompiledSegment> segments) {
    Condition[] out = new Condition[defs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = condition(defs.get(i), segments);
    }
    return out;
  }

  private static Condition condition(
      FlagDocument.Condition c, Map<String, CompiledSegment> segments) {
    // Interned: application code passes attribute names as literals, which are interned, so the
    // context lookup usually matches on identity.
    String a = c.attribute() == null ? null : c.attribute().intern();
    boolean neg = c.negate();
    List<Object> v = c.values();
    switch (c.op()) {
      case IN:
      case NOT_IN:
        List<String> strings = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        for (Object o : v) {
          if (o instanceof String) {
            strings.add((String) o);
          } else {
            numbers.add((Double) o);
          }
        }
        double[] nums = new double[numbers.size()];
        for (int i = 0; i < nums.length; i++) {
          nums[i] = numbers.get(i);
        }
        return new Conditions.In(
            a, neg ^ (c.op() == Operator.NOT_IN), StringSet.of(strings, c.ignoreCase()), nums);
      case EQUALS:
        return new Conditions.Equals(a, neg, v.get(0), c.ignoreCase());
      case STARTS_WITH:
        return new Conditions.StringMatch(
            a, neg, Conditions.StringMatch.STARTS, strings(v), c.ignoreCase());
      case ENDS_WITH:
        return new Conditions.StringMatch(
            a, neg, Conditions.StringMatch.ENDS, strings(v), c.ignoreCase());
      case CONTAINS:
        return new Conditions.StringMatch(
            a, neg, Conditions.StringMatch.CONTAINS, strings(v), c.ignoreCase());
      case MATCHES:
        return new Conditions.Matches(a, neg, v.toArray(new Pattern[0]), c.ignoreCase());
      case LT:
        return new Conditions.Compare(a, neg, Conditions.Compare.LT, (Double) v.get(0));
      case LTE:
        return new Conditions.Compare(a, neg, Conditions.Compare.LTE, (Double) v.get(0));
      case GT:
        return new Conditions.Compare(a, neg, Conditions.Compare.GT, (Double) v.get(0));
      case GTE:
        return new Conditions.Compare(a, neg, Conditions.Compare.GTE, (Double) v.get(0));
      case SEMVER_LT:
        return new Conditions.SemVerCompare(a, neg, Conditions.SemVerCompare.LT, (SemVer) v.get(0));
      case SEMVER_LTE:
        return new Conditions.SemVerCompare(
            a, neg, Conditions.SemVerCompare.LTE, (SemVer) v.get(0));
      case SEMVER_EQ:
        return new Conditions.SemVerCompare(a, neg, Conditions.SemVerCompare.EQ, (SemVer) v.get(0));
      case SEMVER_GTE:
        return new Conditions.SemVerCompare(
            a, neg, Conditions.SemVerCompare.GTE, (SemVer) v.get(0));
      case SEMVER_GT:
        return new Conditions.SemVerCompare(a, neg, Conditions.SemVerCompare.GT, (SemVer) v.get(0));
      case BEFORE:
        return new Conditions.TimeCompare(a, neg, true, (Long) v.get(0));
      case AFTER:
        return new Conditions.TimeCompare(a, neg, false, (Long) v.get(0));
      case EXISTS:
        return new Conditions.Exists(a, neg);
      case IN_SEGMENT:
      case NOT_IN_SEGMENT:
        CompiledSegment[] segs = new CompiledSegment[v.size()];
        for (int i = 0; i < segs.length; i++) {
          segs[i] = segments.get((String) v.get(i));
        }
        return new Conditions.InSegment(segs, neg ^ (c.op() == Operator.NOT_IN_SEGMENT));
      default:
        throw new AssertionError(c.op());
    }
  }

  private static String[] strings(List<Object> values) {
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (String) values.get(i);
    }
    return out;
  }
}
