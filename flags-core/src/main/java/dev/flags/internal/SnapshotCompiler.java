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

  public static Snapshot compile(FlagDocument doc, Instant loadedAt) {
    Map<String, CompiledSegment> segments = new HashMap<>();
    for (Segment s : doc.segments().values()) {
      Condition[][] rules = new Condition[s.rules().size()][];
      for (int i = 0; i < rules.length; i++) {
        rules[i] = conditions(s.rules().get(i).conditions(), Map.of());
      }
      segments.put(s.key(), new CompiledSegment(s.key(), StringSet.of(s.included(), false),
          StringSet.of(s.excluded(), false), rules));
    }
    HashMap<String, CompiledFlag> compiled = new HashMap<>(doc.flags().size() * 2);
    for (Flag f : doc.flags().values()) {
      compileFlag(f, doc, segments, compiled);
    }
    return new Snapshot(doc.version(), true, compiled, doc, loadedAt);
  }

  /** Compiles prerequisites first (the validator has ruled out cycles), then the flag. */
  private static CompiledFlag compileFlag(Flag f, FlagDocument doc,
      Map<String, CompiledSegment> segments, HashMap<String, CompiledFlag> done) {
    CompiledFlag existing = done.get(f.key());
    if (existing != null) {
      return existing;
    }
    String version = doc.version();
    List<Variant> variants = f.variants();

    CompiledFlag.Prerequisite[] prereqs = new CompiledFlag.Prerequisite[f.prerequisites().size()];
    for (int i = 0; i < prereqs.length; i++) {
      FlagDocument.Prerequisite p = f.prerequisites().get(i);
      CompiledFlag target = compileFlag(doc.flags().get(p.flag()), doc, segments, done);
      prereqs[i] = new CompiledFlag.Prerequisite(target, p.variant(),
          result(variants.get(f.offVariant()), Reason.PREREQUISITE_FAILED, null, p.flag(),
              version));
    }

    StringSet[] targetKeys = new StringSet[f.targets().size()];
    Evaluation[] targetResults = new Evaluation[targetKeys.length];
    for (int i = 0; i < targetKeys.length; i++) {
      FlagDocument.Target t = f.targets().get(i);
      targetKeys[i] = StringSet.of(t.keys(), false);
      targetResults[i] = result(variants.get(t.variant()), Reason.TARGET_MATCH, null, null,
          version);
    }

    CompiledFlag.Rule[] rules = new CompiledFlag.Rule[f.rules().size()];
    for (int i = 0; i < rules.length; i++) {
      FlagDocument.Rule r = f.rules().get(i);
      rules[i] = new CompiledFlag.Rule(r.id(), conditions(r.conditions(), segments),
          outcome(f, r.serve(), Reason.RULE_MATCH, r.id(), version));
    }

    CompiledFlag cf = new CompiledFlag(
        f.key(),
        f.type(),
        f.enabled(),
        result(variants.get(f.offVariant()), Reason.DISABLED, null, null, version),
        Evaluation.noVariant(version),
        prereqs,
        targetKeys,
        targetResults,
        rules,
        outcome(f, f.fallthrough(), Reason.FALLTHROUGH, null, version),
        f.tags(),
        f.owner(),
        f.description());
    done.put(f.key(), cf);
    return cf;
  }

  private static Outcome outcome(Flag f, Serve serve, Reason reason, String ruleId,
      String version) {
    Rollout r = serve.rollout();
    if (r == null) {
      return Outcome.fixed(result(f.variants().get(serve.variant()), reason, ruleId, null,
          version));
    }
    Evaluation[] results = new Evaluation[r.variants().length];
    for (int i = 0; i < results.length; i++) {
      results[i] = result(f.variants().get(r.variants()[i]), reason, ruleId, null, version);
    }
    return Outcome.rollout(r.bucketBy(), r.salt() != null ? r.salt() : f.salt(), r.weights(),
        results);
  }

  private static Evaluation result(Variant v, Reason reason, String ruleId, String prereq,
      String version) {
    return Evaluation.served(v.value(), v.json(), v.name(), reason, ruleId, prereq, version);
  }

  static Condition[] conditions(List<FlagDocument.Condition> defs,
      Map<String, CompiledSegment> segments) {
    Condition[] out = new Condition[defs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = condition(defs.get(i), segments);
    }
    return out;
  }

  private static Condition condition(FlagDocument.Condition c,
      Map<String, CompiledSegment> segments) {
    String a = c.attribute();
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
        return new Conditions.In(a, neg ^ (c.op() == Operator.NOT_IN),
            StringSet.of(strings, c.ignoreCase()), nums);
      case EQUALS:
        return new Conditions.Equals(a, neg, v.get(0), c.ignoreCase());
      case STARTS_WITH:
        return new Conditions.StringMatch(a, neg, Conditions.StringMatch.STARTS, strings(v),
            c.ignoreCase());
      case ENDS_WITH:
        return new Conditions.StringMatch(a, neg, Conditions.StringMatch.ENDS, strings(v),
            c.ignoreCase());
      case CONTAINS:
        return new Conditions.StringMatch(a, neg, Conditions.StringMatch.CONTAINS, strings(v),
            c.ignoreCase());
      case MATCHES:
        return new Conditions.Matches(a, neg, v.toArray(new Pattern[0]));
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
        return new Conditions.SemVerCompare(a, neg, Conditions.SemVerCompare.LTE,
            (SemVer) v.get(0));
      case SEMVER_EQ:
        return new Conditions.SemVerCompare(a, neg, Conditions.SemVerCompare.EQ, (SemVer) v.get(0));
      case SEMVER_GTE:
        return new Conditions.SemVerCompare(a, neg, Conditions.SemVerCompare.GTE,
            (SemVer) v.get(0));
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
