package dev.flags.cli;

import dev.flags.Context;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Synthetic contexts for a blast radius, drawn from what the documents test: keys {@code user-1}
 * to {@code user-N}, plus every key the documents name (in targets, segment lists and conditions
 * on {@code key}); for each attribute a condition mentions, a value from those the conditions
 * compare with, one just beside them, or none (missing). Attributes rollouts bucket by also get
 * many distinct values, so that per-organisation rollouts spread. Deterministic for a seed.
 */
final class ContextSamples {
  /** At most this many named keys are added to the generated ones. */
  static final int MAX_NAMED_KEYS = 10_000;

  /** Distinct synthetic values of a bucketing attribute. */
  private static final int BUCKETING_VALUES = 1_000;

  private final Map<String, Set<Object>> values = new TreeMap<>();
  private final Set<String> bucketing = new TreeSet<>();
  private final Set<String> namedKeys = new TreeSet<>();
  /** Per attribute, in name order: its candidate values. */
  private final Map<String, List<Object>> candidates = new TreeMap<>();

  private ContextSamples() {}

  /** What a sample is, and its contexts. */
  record Sample(String description, List<Context> contexts) {}

  /** {@code n} generated contexts and the named keys of both documents. */
  static Sample generate(FlagDocument before, FlagDocument after, int n, long seed) {
    ContextSamples s = new ContextSamples();
    s.collect(before);
    s.collect(after);
    for (String name : s.attributeNames()) {
      s.candidates.put(name, List.copyOf(s.values.getOrDefault(name, Set.of())));
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Context> contexts = new ArrayList<>(n + s.namedKeys.size());
    for (int i = 1; i <= n; i++) {
      contexts.add(s.context("user-" + i, random));
    }
    int named = 0;
    for (String key : s.namedKeys) {
      if (named == MAX_NAMED_KEYS) {
        break;
      }
      if (!isGenerated(key, n)) {
        contexts.add(s.context(key, random));
        named++;
      }
    }
    String description = String.format(
        Locale.ROOT,
        "%,d generated contexts (keys user-1 to user-%d, seed %d)%s; attributes from the"
            + " documents' conditions: %s",
        n,
        n,
        seed,
        named == 0 ? "" : String.format(Locale.ROOT, " and %,d keys the documents name", named),
        s.values.isEmpty() && s.bucketing.isEmpty()
            ? "none"
            : String.join(", ", s.attributeNames()));
    return new Sample(description, contexts);
  }

  private static boolean isGenerated(String key, int n) {
    if (!key.startsWith("user-")) {
      return false;
    }
    String digits = key.substring(5);
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int i = Integer.parseInt(digits);
    return i >= 1 && i <= n && digits.equals(Integer.toString(i));
  }

  private Set<String> attributeNames() {
    Set<String> names = new TreeSet<>(values.keySet());
    names.addAll(bucketing);
    return names;
  }

  private Context context(String key, SplittableRandom random) {
    Context.Builder b = Context.newBuilder(key);
    for (Map.Entry<String, List<Object>> e : candidates.entrySet()) {
      String name = e.getKey();
      List<Object> values = e.getValue();
      boolean buckets = bucketing.contains(name);
      int pick = random.nextInt(values.size() + 1 + (buckets ? 1 : 0));
      if (pick < values.size()) {
        set(b, name, values.get(pick));
      } else if (buckets && pick == values.size()) {
        b.set(name, name + "-" + random.nextInt(BUCKETING_VALUES));
      } // else: missing
    }
    return b.build();
  }

  private static void set(Context.Builder b, String name, Object value) {
    if (value instanceof String s) {
      b.set(name, s);
    } else if (value instanceof Double d) {
      b.set(name, d.doubleValue());
    } else if (value instanceof Boolean v) {
      b.set(name, v.booleanValue());
    }
  }

  private void collect(FlagDocument doc) {
    for (Flag f : doc.flags().values()) {
      for (FlagDocument.Target t : f.targets()) {
        namedKeys.addAll(t.keys());
      }
      for (FlagDocument.Rule r : f.rules()) {
        conditions(r.conditions());
        FlagDocument.Serve serve = r.serve();
        if (serve != null) {
          rollout(serve.rollout());
        }
      }
      rollout(f.fallthrough().rollout());
    }
    for (Segment s : doc.segments().values()) {
      namedKeys.addAll(s.included());
      namedKeys.addAll(s.excluded());
      for (FlagDocument.Rule r : s.rules()) {
        conditions(r.conditions());
      }
    }
  }

  private void rollout(@Nullable Rollout r) {
    if (r != null && r.bucketBy() != null) {
      bucketing.add(r.bucketBy());
    }
  }

  private void conditions(List<Condition> conditions) {
    for (Condition c : conditions) {
      String attribute = c.attribute();
      if (attribute == null) {
        continue; // a segment condition: the segments' own rules are collected
      }
      if (attribute.equals(Context.KEY_ATTRIBUTE)) {
        for (Object v : c.values()) {
          if (v instanceof String s) {
            namedKeys.add(s);
          }
        }
        continue;
      }
      Set<Object> set = values.computeIfAbsent(attribute, k -> new LinkedHashSet<>());
      for (Object v : c.values()) {
        set.addAll(near(c, v));
      }
      if (c.values().isEmpty()) {
        set.add("x"); // exists
      }
    }
  }

  /** Values that match an operand, and values just beside it. */
  private static List<Object> near(Condition c, Object v) {
    return switch (c.op()) {
      case IN, NOT_IN, EQUALS -> List.of(v);
      case STARTS_WITH -> List.of(v + "x");
      case ENDS_WITH -> List.of("x" + v);
      case CONTAINS -> List.of("x" + v + "x");
      case LT, LTE, GT, GTE -> {
        double d = (Double) v;
        yield List.of(d - 1, d, d + 1);
      }
      case SEMVER_LT, SEMVER_LTE, SEMVER_EQ, SEMVER_GTE, SEMVER_GT ->
        List.of(v.toString(), "0.0.1", "999.0.0");
      case BEFORE, AFTER -> {
        double t = (Long) v;
        yield List.of(t - 86_400_000, t + 86_400_000); // a day either side, as epoch millis
      }
      default -> List.of(); // matches: no value is derived from a regex
    };
  }
}
