package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import dev.flags.internal.snapshot.FlagDocument.Rule;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Step;
import dev.flags.internal.snapshot.FlagDocument.Window;
import dev.flags.internal.snapshot.PartEquality;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads rules (of flags and of segments) and what a flag serves: a fixed variant or a rollout,
 * with its progressive-rollout steps, and schedule windows. What it returns is complete: weights
 * sum to 100%, steps are in ascending time, windows are not empty. Variant references are resolved
 * against the flag's {@link DeclaredVariants}.
 */
final class RuleReader {
  private static final List<String> RULE_FIELDS =
      List.of("id", "description", "conditions", "variant", "rollout", "schedule");
  private static final List<String> SEGMENT_RULE_FIELDS =
      List.of("id", "description", "conditions");
  private static final List<String> ROLLOUT_FIELDS =
      List.of("bucketBy", "salt", "variants", "steps");
  private static final List<String> WEIGHTED_FIELDS = List.of("variant", "weight");
  private static final List<String> STEP_FIELDS = List.of("at", "weights");
  private static final List<String> WINDOW_FIELDS = List.of("from", "until");

  private final Problems problems;
  private final ConditionReader conditions;
  /** The rule ids of the list being read; a list of rules holds no other list of rules. */
  private final FirstIndex ruleIds = new FirstIndex();
  /** The variants of the rollout being read; a rollout holds no other rollout. */
  private final FirstIndex rolloutVariants = new FirstIndex();

  private final ListGatherer<Rule> ruleList = new ListGatherer<>();
  private final ListGatherer<Condition> conditionList = new ListGatherer<>();
  private final ListGatherer<Integer> intList = new ListGatherer<>();
  /** The document's rules and ways of serving, each held once where its flags repeat it. */
  private final PartTable<Rule> sharedRules =
      new PartTable<>(PartEquality::hash, PartEquality::sameRule);

  private final PartTable<Serve> sharedServes =
      new PartTable<>(PartEquality::hash, PartEquality::sameServe);

  RuleReader(Problems problems, ConditionReader conditions) {
    this.problems = problems;
    this.conditions = conditions;
  }

  /** The optional {@code rules} of a flag; each serves one of {@code variants}. */
  List<Rule> flagRules(JsonNode flag, Path path, DeclaredVariants variants) {
    return rules(flag, path, variants);
  }

  /** The optional {@code rules} of a segment: conditions only. */
  List<Rule> segmentRules(JsonNode segment, Path path) {
    return rules(segment, path, null);
  }

  /** {@code variants} is null for the rules of a segment. */
  private List<Rule> rules(JsonNode owner, Path ownerPath, @Nullable DeclaredVariants variants) {
    JsonNode list = owner.get("rules");
    if (list == null) {
      return List.of();
    }
    Path path = ownerPath.key("rules");
    if (!problems.array(list, path, "must be an array")) {
      return List.of();
    }
    int n = list.size();
    if (problems.exceeds(n, Limit.RULES_PER_FLAG)) {
      if (variants != null) {
        problems.overLimit(path, "flag has " + n + " rules", Limit.RULES_PER_FLAG);
      } else {
        problems.overLimit(
            path,
            "segment has " + n + " rules",
            Limit.RULES_PER_FLAG,
            ", which also bounds segment rules");
      }
    }
    ListGatherer<Rule> rules = ruleList.start();
    FirstIndex ids = ruleIds.clear();
    for (int i = 0; i < n; i++) {
      Rule rule = rule(list.get(i), path.index(i), variants, ids, i);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules.finish();
  }

  private @Nullable Rule rule(
      JsonNode node, Path path, @Nullable DeclaredVariants variants, FirstIndex ids, int index) {
    if (!problems.object(node, path, "rule must be an object")) {
      return null;
    }
    int mark = problems.count();
    boolean flagRule = variants != null;
    problems.unknownFields(node, path, flagRule ? RULE_FIELDS : SEGMENT_RULE_FIELDS);
    problems.optionalString(node, path, "description");
    String id = id(node, path, ids, index);
    List<Condition> conditions = conditions(node, path, flagRule);
    Serve serve = null;
    List<Window> schedule = List.of();
    if (variants != null) {
      serve = serve(node, path, variants);
      schedule = schedule(node, path);
    }
    if (problems.addedSince(mark) || id == null) {
      return null;
    }
    return sharedRules.share(new Rule(id, conditions, serve, schedule));
  }

  /** The rule's id, unique among the rules of its flag or segment. */
  private @Nullable String id(JsonNode rule, Path path, FirstIndex ids, int index) {
    JsonNode node =
        problems.required(rule, path, "id", "rules need an id so reasons can name them");
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      problems.mismatch(node, path.key("id"), "must be a string");
      return null;
    }
    String id = node.asText();
    problems.name(id, "rule id", path, "id");
    int other = ids.putIfAbsent(id, index);
    if (other >= 0) {
      problems.add(path.key("id"), "duplicate rule id '" + id + "' (also rules[" + other + "])");
    }
    return id;
  }

  private List<Condition> conditions(JsonNode rule, Path rulePath, boolean flagRule) {
    JsonNode list = problems.required(rule, rulePath, "conditions");
    if (list == null) {
      return List.of();
    }
    Path path = rulePath.key("conditions");
    if (!problems.nonEmptyArray(list, path, "must be a non-empty array of conditions")) {
      return List.of();
    }
    ListGatherer<Condition> out = conditionList.start();
    for (int i = 0; i < list.size(); i++) {
      Condition c = conditions.read(list.get(i), path.index(i), flagRule);
      if (c != null) {
        out.add(c);
      }
    }
    return out.finish();
  }

  /**
   * What {@code node} serves: {@code {"variant": ...}} or {@code {"rollout": {...}}}, as fields of
   * {@code node} (a rule or a fallthrough).
   *
   * @return the serve, or null after reporting (or when the flag declares no usable variant)
   */
  @Nullable
  Serve serve(JsonNode node, Path path, DeclaredVariants variants) {
    JsonNode variant = node.get("variant");
    JsonNode rollout = node.get("rollout");
    if (variant == null && rollout == null) {
      problems.add(path, "must serve either \"variant\" or \"rollout\"");
      return null;
    }
    if (variant != null && rollout != null) {
      problems.add(path, "must serve either \"variant\" or \"rollout\", not both");
      return null;
    }
    if (variant != null) {
      int i = variants.any() ? variants.ref(variant, path, "variant", problems) : -1;
      return i < 0 ? null : sharedServes.share(new Serve(i, null));
    }
    Rollout r = rollout(rollout, path.key("rollout"), variants);
    return r == null ? null : sharedServes.share(new Serve(-1, r));
  }

  /**
   * The weights of a rollout as they are read; a rollout with a problem is dropped whole. One per
   * reader, {@link #start started} for each rollout.
   */
  private static final class Allocation {
    int[] variants = new int[4];
    int[] weights = new int[4];
    int size;
    boolean weightsOk;

    Allocation start(int size) {
      if (size > variants.length) {
        variants = new int[size];
        weights = new int[size];
      } else {
        Arrays.fill(variants, 0, size, 0);
        Arrays.fill(weights, 0, size, 0);
      }
      this.size = size;
      weightsOk = true;
      return this;
    }

    long sum() {
      long sum = 0;
      for (int i = 0; i < size; i++) {
        sum += weights[i];
      }
      return sum;
    }
  }

  private final Allocation allocation = new Allocation();

  /** Boxed weights and variant indexes seen, by a hash of their value (see {@link #box}). */
  private final Integer[] boxes = new Integer[64];

  @Nullable
  Rollout rollout(JsonNode node, Path path, DeclaredVariants declared) {
    if (!problems.object(node, path, "must be an object {\"variants\": [...]}")) {
      return null;
    }
    int mark = problems.count();
    problems.unknownFields(node, path, ROLLOUT_FIELDS);
    String bucketBy = optionalNonEmpty(node, path, "bucketBy");
    if ("key".equals(bucketBy)) {
      bucketBy = null; // the default, spelled out
    }
    String salt = optionalNonEmpty(node, path, "salt");
    JsonNode list = problems.required(node, path, "variants");
    if (list == null) {
      return null;
    }
    Path vpath = path.key("variants");
    if (!problems.nonEmptyArray(
        list, vpath, "must be a non-empty array of {\"variant\": ..., \"weight\": ...}")) {
      return null;
    }
    Allocation a = allocation.start(list.size());
    FirstIndex seen = rolloutVariants.clear();
    for (int i = 0; i < list.size(); i++) {
      weighted(list.get(i), vpath.index(i), i, declared, a, seen);
    }
    if (a.weightsOk) {
      long sum = a.sum();
      if (sum != Problems.TOTAL_WEIGHT) {
        problems.add(path, "weights sum to " + percent(sum) + ", expected 100%");
      }
    }
    List<Step> steps = steps(node, path, list.size(), a.weightsOk ? a.weights[0] : -1);
    if (problems.addedSince(mark)) {
      return null;
    }
    return new Rollout(bucketBy, salt, ints(a.variants, a.size), ints(a.weights, a.size), steps);
  }

  private @Nullable String optionalNonEmpty(JsonNode owner, Path path, String field) {
    JsonNode v = owner.get(field);
    return v == null ? null : problems.nonEmptyString(v, path.key(field));
  }

  /** One {"variant": ..., "weight": ...} of a rollout, at position {@code i}. */
  private void weighted(
      JsonNode item, Path path, int i, DeclaredVariants declared, Allocation a, FirstIndex seen) {
    if (!problems.object(item, path, "must be an object {\"variant\": ..., \"weight\": ...}")) {
      a.weightsOk = false;
      return;
    }
    problems.unknownFields(item, path, WEIGHTED_FIELDS);
    JsonNode variant = problems.required(item, path, "variant");
    if (variant != null && declared.any()) {
      a.variants[i] = declared.ref(variant, path, "variant", problems);
      if (variant.isTextual() && seen.putIfAbsent(variant.asText(), i) >= 0) {
        problems.add(
            path.key("variant"),
            "variant '" + variant.asText() + "' is listed twice in this rollout");
      }
    }
    JsonNode weight = problems.required(item, path, "weight", Problems.WEIGHT_UNIT);
    int w = weight == null ? -1 : problems.weight(weight, path.key("weight"), Problems.WEIGHT_UNIT);
    if (w < 0) {
      a.weightsOk = false;
    } else {
      a.weights[i] = w;
    }
  }

  /**
   * The optional {@code steps} of a progressive rollout: in ascending time, each with a full
   * weights array in the order of the rollout's variants. The first variant's weight may only
   * grow, so users who got it keep it.
   *
   * @param firstWeight the rollout's own weight of its first variant, or -1 if it has a problem
   */
  private List<Step> steps(JsonNode rollout, Path rolloutPath, int variantCount, int firstWeight) {
    JsonNode list = rollout.get("steps");
    if (list == null) {
      return List.of();
    }
    Path path = rolloutPath.key("steps");
    if (!problems.nonEmptyArray(
        list, path, "must be a non-empty array of {\"at\": ..., \"weights\": [...]}")) {
      return List.of();
    }
    List<Step> steps = new ArrayList<>();
    long lastAt = Long.MIN_VALUE;
    int lastFirst = firstWeight;
    for (int i = 0; i < list.size(); i++) {
      Path p = path.index(i);
      JsonNode item = list.get(i);
      if (!problems.object(item, p, "must be an object {\"at\": ..., \"weights\": [...]}")) {
        continue;
      }
      problems.unknownFields(item, p, STEP_FIELDS);
      Long at = stepTime(item, p, lastAt);
      List<Integer> weights = stepWeights(item, p, variantCount);
      if (weights != null) {
        int first = weights.get(0);
        if (lastFirst >= 0 && first < lastFirst) {
          problems.add(
              p.key("weights").index(0),
              "the first variant's weight must not decrease from one step to the next ("
                  + percent(lastFirst) + " then " + percent(first)
                  + "): a progressive rollout only adds users");
        }
        lastFirst = first;
      }
      if (at != null) {
        lastAt = at;
        if (weights != null) {
          steps.add(new Step(at, weights));
        }
      }
    }
    return List.copyOf(steps);
  }

  /** A step's {@code at}, reported if not after {@code lastAt}; null if missing or invalid. */
  private @Nullable Long stepTime(JsonNode step, Path path, long lastAt) {
    JsonNode node = problems.required(step, path, "at");
    if (node == null) {
      return null;
    }
    Long at = problems.time(node, path.key("at"));
    if (at != null && at <= lastAt) {
      problems.add(path.key("at"), "steps must be in ascending time order");
    }
    return at;
  }

  /** A step's {@code weights}: one per rollout variant, summing to 100%; null after reporting. */
  private @Nullable List<Integer> stepWeights(JsonNode step, Path stepPath, int variantCount) {
    JsonNode list = problems.required(step, stepPath, "weights");
    if (list == null) {
      return null;
    }
    Path path = stepPath.key("weights");
    if (!problems.expect(
        list.isArray() && list.size() == variantCount,
        list,
        path,
        "must be an array of " + variantCount + " weights, one per rollout variant in order")) {
      return null;
    }
    List<Integer> weights = new ArrayList<>(variantCount);
    boolean ok = true;
    long sum = 0;
    for (int k = 0; k < variantCount; k++) {
      int w = problems.weight(list.get(k), path.index(k), null);
      ok &= w >= 0;
      sum += w;
      weights.add(w);
    }
    if (!ok) {
      return null;
    }
    if (sum != Problems.TOTAL_WEIGHT) {
      problems.add(path, "weights sum to " + percent(sum) + ", expected 100%");
      return null;
    }
    return weights;
  }

  /**
   * The optional {@code schedule} of a flag or rule: {@code [{"from": time, "until": time}, ...]},
   * active within any window.
   */
  List<Window> schedule(JsonNode owner, Path ownerPath) {
    JsonNode list = owner.get("schedule");
    if (list == null) {
      return List.of();
    }
    Path path = ownerPath.key("schedule");
    if (!problems.nonEmptyArray(
        list, path, "must be a non-empty array of {\"from\": ..., \"until\": ...} windows")) {
      return List.of();
    }
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Window w = window(list.get(i), path.index(i));
      if (w != null) {
        windows.add(w);
      }
    }
    return List.copyOf(windows);
  }

  private @Nullable Window window(JsonNode item, Path path) {
    if (!problems.object(item, path, "must be an object {\"from\": ..., \"until\": ...}")) {
      return null;
    }
    problems.unknownFields(item, path, WINDOW_FIELDS);
    JsonNode f = item.get("from");
    JsonNode u = item.get("until");
    if (f == null && u == null) {
      problems.add(path, "a window needs \"from\", \"until\" or both");
      return null;
    }
    Long from = f == null ? Long.valueOf(Long.MIN_VALUE) : problems.time(f, path.key("from"));
    Long until = u == null ? Long.valueOf(Long.MAX_VALUE) : problems.time(u, path.key("until"));
    if (from == null || until == null) {
      return null;
    }
    if (from >= until) {
      problems.add(path, "\"from\" must be before \"until\"");
      return null;
    }
    return new Window(from, until);
  }

  private List<Integer> ints(int[] a, int size) {
    ListGatherer<Integer> out = intList.start();
    for (int i = 0; i < size; i++) {
      out.add(box(a[i]));
    }
    return out.finish();
  }

  /**
   * The boxed value, shared with earlier rollouts of the document that had the same one while it
   * is still in its slot (a small table where a value takes the place of another with the same
   * slot): the weights of a document's rollouts repeat (50000, 25000...), and {@link
   * Integer#valueOf} shares only small values.
   */
  private Integer box(int value) {
    int slot = (value ^ (value >>> 7)) & (boxes.length - 1);
    Integer boxed = boxes[slot];
    if (boxed == null || boxed != value) {
      boxed = value;
      boxes[slot] = boxed;
    }
    return boxed;
  }

  /** Thousandths of a percent as a percentage: 99500 is {@code 99.5%}. */
  static String percent(long thousandths) {
    return BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString() + "%";
  }
}
