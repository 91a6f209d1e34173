package dev.flags.cli;

import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import dev.flags.internal.snapshot.FlagDocument.Rule;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What changed inside a flag or a segment, part by part, as short lines: {@code enabled: true ->
 * false}, {@code targets: on +carol -bob}, {@code rollout weights, rule oceania: on 50% -> 60%,
 * off 50% -> 40%}. {@link dev.flags.internal.snapshot.SnapshotDiff} names the parts that changed;
 * this says how, from the two validated documents.
 */
final class DiffParts {
  /** Keys listed per change before {@code ... and N more}. */
  private static final int KEYS_SHOWN = 5;

  private final Instant at;

  private DiffParts(Instant at) {
    this.at = at;
  }

  /** The lines describing how {@code before} became {@code after}, in the format's field order. */
  static List<String> flag(Flag before, Flag after, Set<String> parts, Instant at) {
    return new DiffParts(at).flagLines(before, after, parts);
  }

  private List<String> flagLines(Flag a, Flag b, Set<String> parts) {
    List<String> lines = new ArrayList<>();
    for (String part : parts) {
      switch (part) {
        case "enabled" ->
          lines.add(
              b.enabled()
                  ? "enabled: false -> true: switched back on"
                  : "enabled: true -> false: killed, every context gets the off-variant "
                      + variant(b, b.offVariant()));
        case "variants" -> lines.add("variants: " + variants(a, b));
        case "offVariant" ->
          lines.add(
              "offVariant: " + variant(a, a.offVariant()) + " -> " + variant(b, b.offVariant()));
        case "targets" -> lines.add("targets: " + targets(a, b));
        case "rules" -> {
          String rules = rules(a, b);
          if (!rules.isEmpty()) {
            lines.add("rules: " + rules);
          }
        }
        case "fallthrough" -> {
          String x = serve(a, a.fallthrough());
          String y = serve(b, b.fallthrough());
          if (!x.equals(y)) {
            lines.add("fallthrough: " + x + " -> " + y);
          }
        }
        case "salt" ->
          lines.add("salt: " + Render.quote(a.salt()) + " -> " + Render.quote(b.salt())
              + " (reshuffles the rollouts that use it)");
        case "prerequisites" ->
          lines.add("prerequisites: " + prerequisites(a) + " -> " + prerequisites(b));
        case "schedule" ->
          lines.add("schedule: " + schedule(a.schedule()) + " -> " + schedule(b.schedule()));
        case "tags" -> lines.add("tags: " + keys(new TreeSet<>(a.tags()), new TreeSet<>(b.tags())));
        case "owner" ->
          lines.add("owner: " + Render.quote(a.owner()) + " -> " + Render.quote(b.owner()));
        default -> lines.add(part + " changed");
      }
    }
    lines.addAll(weights(a, b));
    return lines;
  }

  /** The rollouts whose weights (as they apply now) changed, rule by rule. */
  private List<String> weights(Flag a, Flag b) {
    List<String> lines = new ArrayList<>();
    Map<String, Rule> before = byId(a.rules());
    for (Rule r : b.rules()) {
      Rule old = before.get(r.id());
      if (old != null && old.serve() != null && r.serve() != null) {
        String w = weights(a, old.serve(), b, Objects.requireNonNull(r.serve()));
        if (w != null) {
          lines.add("rollout weights, rule " + r.id() + ": " + w);
        }
      }
    }
    String w = weights(a, a.fallthrough(), b, b.fallthrough());
    if (w != null) {
      lines.add("rollout weights, fallthrough: " + w);
    }
    return lines;
  }

  /** {@code on 50% -> 60%, off 50% -> 40%}, or null when not two rollouts of the same variants. */
  private @Nullable String weights(Flag fa, @Nullable Serve a, Flag fb, Serve b) {
    Rollout x = a == null ? null : a.rollout();
    Rollout y = b.rollout();
    if (x == null || y == null) {
      return null;
    }
    List<String> xs = names(fa, x);
    if (!xs.equals(names(fb, y))) {
      return null;
    }
    List<Integer> wx = current(x);
    List<Integer> wy = current(y);
    if (wx.equals(wy)) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      String from = RolloutPick.percent(wx.get(i));
      String to = RolloutPick.percent(wy.get(i));
      parts.add(xs.get(i) + " " + (from.equals(to) ? from : from + " -> " + to));
    }
    return String.join(", ", parts);
  }

  /** The weights that apply at the instant: the last step begun, or the rollout's own. */
  private List<Integer> current(Rollout r) {
    List<Integer> weights = r.weights();
    for (FlagDocument.Step s : r.steps()) {
      if (s.at() <= at.toEpochMilli()) {
        weights = s.weights();
      }
    }
    return weights;
  }

  private static List<String> names(Flag f, Rollout r) {
    List<String> names = new ArrayList<>();
    for (int v : r.variants()) {
      names.add(variant(f, v));
    }
    return names;
  }

  private static String variants(Flag a, Flag b) {
    Map<String, String> x = new LinkedHashMap<>();
    for (Variant v : a.variants()) {
      x.put(v.name(), v.json());
    }
    List<String> parts = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Variant v : b.variants()) {
      seen.add(v.name());
      String old = x.get(v.name());
      if (old == null) {
        parts.add("+" + v.name() + "=" + v.json());
      } else if (!old.equals(v.json())) {
        parts.add(v.name() + " " + old + " -> " + v.json());
      }
    }
    for (String name : x.keySet()) {
      if (!seen.contains(name)) {
        parts.add("-" + name);
      }
    }
    return parts.isEmpty() ? "order changed" : String.join(", ", parts);
  }

  private static String targets(Flag a, Flag b) {
    Map<String, Set<String>> x = targetKeys(a);
    Map<String, Set<String>> y = targetKeys(b);
    Set<String> names = new TreeSet<>(x.keySet());
    names.addAll(y.keySet());
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      Set<String> before = x.getOrDefault(name, Set.of());
      Set<String> after = y.getOrDefault(name, Set.of());
      if (!before.equals(after)) {
        parts.add(name + " " + keys(before, after));
      }
    }
    return parts.isEmpty() ? "order changed" : String.join("; ", parts);
  }

  private static Map<String, Set<String>> targetKeys(Flag f) {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (FlagDocument.Target t : f.targets()) {
      keys.computeIfAbsent(variant(f, t.variant()), k -> new TreeSet<>()).addAll(t.keys());
    }
    return keys;
  }

  /** {@code +carol +dave -bob}, at most {@link #KEYS_SHOWN} of each, then a count. */
  static String keys(Set<String> before, Set<String> after) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String k : after) {
      if (!before.contains(k)) {
        added.add(k);
      }
    }
    for (String k : before) {
      if (!after.contains(k)) {
        removed.add(k);
      }
    }
    List<String> parts = new ArrayList<>();
    list(parts, "+", added);
    list(parts, "-", removed);
    return String.join(" ", parts);
  }

  private static void list(List<String> parts, String sign, List<String> keys) {
    for (int i = 0; i < keys.size() && i < KEYS_SHOWN; i++) {
      parts.add(sign + keys.get(i));
    }
    if (keys.size() > KEYS_SHOWN) {
      parts.add("(" + sign + (keys.size() - KEYS_SHOWN) + " more)");
    }
  }

  /** Rules added, removed, changed (and how), and a new order. */
  private static String rules(Flag a, Flag b) {
    Map<String, Rule> x = byId(a.rules());
    Map<String, Rule> y = byId(b.rules());
    List<String> parts = new ArrayList<>();
    for (Rule r : b.rules()) {
      Rule old = x.get(r.id());
      if (old == null) {
        parts.add("+" + r.id());
        continue;
      }
      List<String> how = new ArrayList<>();
      if (!conditions(old.conditions()).equals(conditions(r.conditions()))) {
        how.add("conditions");
      }
      if (!serveText(a, old.serve()).equals(serveText(b, r.serve()))) {
        how.add(sameButWeights(a, old, b, r) ? "rollout weights" : "what it serves");
      }
      if (!old.schedule().equals(r.schedule())) {
        how.add("schedule");
      }
      if (!how.isEmpty()) {
        parts.add(r.id() + " (" + String.join(", ", how) + ")");
      }
    }
    for (Rule r : a.rules()) {
      if (!y.containsKey(r.id())) {
        parts.add("-" + r.id());
      }
    }
    List<String> orderA = new ArrayList<>(x.keySet());
    orderA.retainAll(y.keySet());
    List<String> orderB = new ArrayList<>(y.keySet());
    orderB.retainAll(x.keySet());
    if (!orderA.equals(orderB)) {
      parts.add("order " + String.join(", ", orderA) + " -> " + String.join(", ", orderB));
    }
    return String.join(", ", parts);
  }

  private static boolean sameButWeights(Flag fa, Rule a, Flag fb, Rule b) {
    Serve x = a.serve();
    Serve y = b.serve();
    Rollout rx = x == null ? null : x.rollout();
    Rollout ry = y == null ? null : y.rollout();
    return rx != null
        && ry != null
        && names(fa, rx).equals(names(fb, ry))
        && Objects.equals(rx.bucketBy(), ry.bucketBy())
        && Objects.equals(rx.salt(), ry.salt());
  }

  private static Map<String, Rule> byId(List<Rule> rules) {
    Map<String, Rule> map = new LinkedHashMap<>();
    for (Rule r : rules) {
      map.put(r.id(), r);
    }
    return map;
  }

  private static String conditions(List<Condition> conditions) {
    List<String> parts = new ArrayList<>();
    for (Condition c : conditions) {
      parts.add(AttributeText.condition(c));
    }
    return String.join(" and ", parts);
  }

  private static String serveText(Flag f, @Nullable Serve s) {
    return s == null ? "" : serve(f, s);
  }

  /** {@code on}, or {@code rollout on 50%, off 50% by orgId, salt "s"}. */
  private static String serve(Flag f, Serve s) {
    Rollout r = s.rollout();
    if (r == null) {
      return variant(f, s.variant());
    }
    List<String> parts = new ArrayList<>();
    List<String> names = names(f, r);
    for (int i = 0; i < names.size(); i++) {
      parts.add(names.get(i) + " " + RolloutPick.percent(r.weights().get(i)));
    }
    return "rollout " + String.join(", ", parts)
        + (r.bucketBy() == null ? "" : " by " + r.bucketBy())
        + (r.salt() == null ? "" : ", salt " + Render.quote(Objects.requireNonNull(r.salt())))
        + (r.steps().isEmpty()
            ? ""
            : ", " + r.steps().size() + (r.steps().size() == 1 ? " step" : " steps"));
  }

  private static String prerequisites(Flag f) {
    List<String> parts = new ArrayList<>();
    for (FlagDocument.Prerequisite p : f.prerequisites()) {
      parts.add(p.flag() + "=" + p.variant());
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String schedule(List<FlagDocument.Window> windows) {
    return windows.isEmpty() ? "always" : ExplainText.windows(windows);
  }

  private static String variant(Flag f, int index) {
    return f.variants().get(index).name();
  }

  /** How a segment changed: its lists and its rules. */
  static List<String> segment(Segment a, Segment b) {
    List<String> lines = new ArrayList<>();
    if (!new TreeSet<>(a.included()).equals(new TreeSet<>(b.included()))) {
      lines.add("included: " + keys(new TreeSet<>(a.included()), new TreeSet<>(b.included())));
    }
    if (!new TreeSet<>(a.excluded()).equals(new TreeSet<>(b.excluded()))) {
      lines.add("excluded: " + keys(new TreeSet<>(a.excluded()), new TreeSet<>(b.excluded())));
    }
    Map<String, String> x = segmentRules(a);
    Map<String, String> y = segmentRules(b);
    if (!x.equals(y)) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, String> e : y.entrySet()) {
        String old = x.get(e.getKey());
        if (old == null) {
          parts.add("+" + e.getKey());
        } else if (!old.equals(e.getValue())) {
          parts.add(e.getKey() + " (conditions)");
        }
      }
      for (String id : x.keySet()) {
        if (!y.containsKey(id)) {
          parts.add("-" + id);
        }
      }
      lines.add("rules: " + (parts.isEmpty() ? "order changed" : String.join(", ", parts)));
    }
    if (!a.description().equals(b.description())) {
      lines.add("description changed");
    }
    return lines;
  }

  private static Map<String, String> segmentRules(Segment s) {
    Map<String, String> rules = new LinkedHashMap<>();
    for (Rule r : s.rules()) {
      rules.put(r.id(), conditions(r.conditions()));
    }
    return rules;
  }
}
