package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
 * Reads the JSON of the {@code flags} object, so it also sees flags that failed their own checks.
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

  /** Checks the prerequisites of every flag in the document's {@code flags} object. */
  void check(JsonNode flags) {
    Map<String, List<String>> edges = edges(flags);
    Map<String, Integer> levels = new HashMap<>(); // prerequisite levels below each flag
    if (!cycles(edges, levels)) {
      depth(edges, levels);
    }
  }

  /** Each flag with a prerequisites array, to the flags it refers to that exist and are not it. */
  private Map<String, List<String>> edges(JsonNode flags) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    ObjectFields all = ObjectFields.of(flags);
    for (int f = 0; f < all.size(); f++) {
      String key = all.name(f);
      JsonNode list = all.value(f).path("prerequisites");
      if (!list.isArray()) {
        continue;
      }
      Path path = Path.FLAGS.key(key).key("prerequisites");
      List<String> targets = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String target = target(flags, key, list.get(i), path, i);
        if (target != null) {
          targets.add(target);
        }
      }
      edges.put(key, targets);
    }
    return edges;
  }

  /** The flag that prerequisite {@code path[i]} of {@code from} refers to, if it is one to follow. */
  private @Nullable String target(JsonNode flags, String from, JsonNode item, Path path, int i) {
    JsonNode flag = item.path("flag");
    if (!item.isObject() || !flag.isTextual()) {
      return null; // reported by FlagReader
    }
    String target = flag.asText();
    if (target.equals(from)) {
      problems.add(path.index(i).key("flag"), "a flag cannot be its own prerequisite");
      return null;
    }
    JsonNode targetNode = flags.get(target);
    if (targetNode == null) {
      problems.add(path.index(i).key("flag"), "unknown flag '" + target + "'");
      return null;
    }
    JsonNode variant = item.path("variant");
    JsonNode declared = targetNode.path("variants");
    if (variant.isTextual() && declared.isObject() && !declared.has(variant.asText())) {
      Iterable<String> names = declared::fieldNames;
      problems.add(
          path.index(i).key("variant"),
          "'" + variant.asText() + "' is not a declared variant of flag '" + target
              + "' (declared: " + String.join(", ", names) + ")");
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
