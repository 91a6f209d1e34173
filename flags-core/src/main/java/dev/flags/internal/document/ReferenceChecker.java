package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks what one flag cannot check alone, its prerequisites across flags: each names another
 * declared flag and one of its declared variants, no flag depends on itself, through a cycle or
 * through a chain deeper than {@link Limit#PREREQUISITE_DEPTH}. Each cycle is reported once, at
 * the flag where the search first enters it; the depth is checked only when there is no cycle.
 * Reads what it needs of each flag from the flag's JSON ({@link #links}), so it also sees flags
 * that failed their own checks.
 */
final class ReferenceChecker {
  /** Where a flag stands in the depth-first search. */
  private enum Mark {
    ON_STACK,
    DONE
  }

  private final Problems problems;

  ReferenceChecker(Problems problems) {
    this.problems = problems;
  }

  /**
   * What the checker reads of one flag: the prerequisites that name a flag, and the names of the
   * variants it declares. Taken from the flag's JSON by {@link #links}, so that a flag's JSON need
   * not be kept until every flag is read.
   */
  static final class Links {
    /** The prerequisites that name a flag by text, or null when there is no prerequisite array. */
    private final @Nullable List<Ref> prerequisites;

    /** The declared variant names in document order, or null when variants is not an object. */
    private final @Nullable List<String> variants;

    private Links(@Nullable List<Ref> prerequisites, @Nullable List<String> variants) {
      this.prerequisites = prerequisites;
      this.variants = variants;
    }
  }

  /**
   * Prerequisite {@code index} of a flag: the flag it names, and the variant it asks for when that
   * is text (null otherwise: FlagReader reports it).
   */
  private record Ref(int index, String flag, @Nullable String variant) {}

  /**
   * What this checker needs of one flag.
   *
   * @param flag the flag's JSON, of any type
   * @return its links
   */
  static Links links(JsonNode flag) {
    JsonNode list = flag.path("prerequisites");
    List<Ref> refs = null;
    if (list.isArray()) {
      refs = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        JsonNode item = list.get(i);
        JsonNode target = item.path("flag");
        if (item.isObject() && target.isTextual()) { // else reported by FlagReader
          JsonNode variant = item.path("variant");
          refs.add(new Ref(i, target.asText(), variant.isTextual() ? variant.asText() : null));
        }
      }
    }
    JsonNode declared = flag.path("variants");
    return new Links(refs, declared.isObject() ? names(ObjectFields.of(declared)) : null);
  }

  /** The field names in order, read by position: no iterator, no array copied twice. */
  private static List<String> names(ObjectFields fields) {
    int n = fields.size();
    if (n <= 2) {
      return n == 0
          ? List.of()
          : n == 1 ? List.of(fields.name(0)) : List.of(fields.name(0), fields.name(1));
    }
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = fields.name(i);
    }
    return Collections.unmodifiableList(Arrays.asList(names));
  }

  /** Checks the prerequisites of every flag in the document's {@code flags} object. */
  void check(JsonNode flags) {
    Map<String, Links> all = new HashMap<>();
    ObjectFields fields = ObjectFields.of(flags);
    for (int f = 0; f < fields.size(); f++) {
      all.put(fields.name(f), links(fields.value(f)));
    }
    check(fields.keySet(), all);
  }

  /**
   * Checks the prerequisites of every flag.
   *
   * @param order the flag keys in document order
   * @param all each flag's links by key
   */
  void check(Iterable<String> order, Map<String, Links> all) {
    Map<String, List<String>> edges = edges(order, all);
    Map<String, Integer> levels = new HashMap<>(); // prerequisite levels below each flag
    if (!cycles(edges, levels)) {
      depth(edges, levels);
    }
  }

  /** Each flag with a prerequisites array, to the flags it refers to that exist and are not it. */
  private Map<String, List<String>> edges(Iterable<String> order, Map<String, Links> all) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (String key : order) {
      Links links = all.get(key);
      List<Ref> refs = links == null ? null : links.prerequisites;
      if (refs == null) {
        continue;
      }
      Path path = Path.FLAGS.key(key).key("prerequisites");
      List<String> targets = new ArrayList<>();
      for (Ref ref : refs) {
        String target = target(all, key, ref, path);
        if (target != null) {
          targets.add(target);
        }
      }
      edges.put(key, targets);
    }
    return edges;
  }

  /** The flag that a prerequisite of {@code from} refers to, if it is one to follow. */
  private @Nullable String target(Map<String, Links> all, String from, Ref ref, Path path) {
    String target = ref.flag();
    if (target.equals(from)) {
      problems.add(path.index(ref.index()).key("flag"), "a flag cannot be its own prerequisite");
      return null;
    }
    Links targetLinks = all.get(target);
    if (targetLinks == null) {
      problems.add(path.index(ref.index()).key("flag"), "unknown flag '" + target + "'");
      return null;
    }
    String variant = ref.variant();
    List<String> declared = targetLinks.variants;
    if (variant != null && declared != null && !declared.contains(variant)) {
      problems.add(
          path.index(ref.index()).key("variant"),
          "'" + variant + "' is not a declared variant of flag '" + target + "' (declared: "
              + String.join(", ", declared) + ")");
    }
    return target;
  }

  /**
   * Finds cycles depth-first from each flag in document order, and the levels below each flag.
   *
   * @return whether there is a cycle
   */
  private boolean cycles(Map<String, List<String>> edges, Map<String, Integer> levels) {
    Map<String, Mark> marks = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (String start : edges.keySet()) {
      if (!marks.containsKey(start)) {
        search(start, edges, marks, levels, reported);
      }
    }
    return !reported.isEmpty();
  }

  /** Iterative, so that a long prerequisite chain cannot overflow the thread stack. */
  private void search(
      String start,
      Map<String, List<String>> edges,
      Map<String, Mark> marks,
      Map<String, Integer> levels,
      Set<String> reported) {
    List<String> stack = new ArrayList<>();
    List<Integer> nextEdge = new ArrayList<>(); // per stack entry, the next edge to follow
    marks.put(start, Mark.ON_STACK);
    stack.add(start);
    nextEdge.add(0);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      String flag = stack.get(top);
      List<String> out = edges.getOrDefault(flag, List.of());
      int i = nextEdge.get(top);
      if (i == out.size()) {
        levels.put(flag, levelsBelow(out, levels));
        marks.put(flag, Mark.DONE);
        stack.remove(top);
        nextEdge.remove(top);
        continue;
      }
      nextEdge.set(top, i + 1);
      String next = out.get(i);
      Mark mark = marks.get(next);
      if (mark == null) {
        marks.put(next, Mark.ON_STACK);
        stack.add(next);
        nextEdge.add(0);
      } else if (mark == Mark.ON_STACK) {
        reportCycle(stack.subList(stack.indexOf(next), stack.size()), reported);
      }
    }
  }

  /** Levels of prerequisites below a flag whose prerequisites are all done. */
  private static int levelsBelow(List<String> out, Map<String, Integer> levels) {
    int l = 0;
    for (String target : out) {
      Integer below = levels.get(target);
      if (below != null) {
        l = Math.max(l, below + 1);
      }
    }
    return l;
  }

  /** Reports the cycle through {@code ring} (first to last, then back), unless already reported. */
  private void reportCycle(List<String> ring, Set<String> reported) {
    List<String> canonical = new ArrayList<>(ring);
    Collections.rotate(canonical, -canonical.indexOf(Collections.min(canonical)));
    if (reported.add(String.join(">", canonical))) {
      List<String> cycle = new ArrayList<>(ring);
      cycle.add(ring.get(0));
      problems.add(
          Path.FLAGS.key(ring.get(0)).key("prerequisites"),
          "prerequisite cycle " + String.join(" -> ", cycle));
    }
  }

  /** Reports the deepest flag whose prerequisites nest beyond the limit (the first, if tied). */
  private void depth(Map<String, List<String>> edges, Map<String, Integer> levels) {
    String deepest = null;
    int most = problems.max(Limit.PREREQUISITE_DEPTH);
    for (String flag : edges.keySet()) {
      int l = levels.getOrDefault(flag, 0);
      if (l > most) {
        deepest = flag;
        most = l;
      }
    }
    if (deepest != null) {
      problems.overLimit(
          Path.FLAGS.key(deepest).key("prerequisites"),
          "prerequisites nest " + most + " levels deep",
          Limit.PREREQUISITE_DEPTH);
    }
  }
}
