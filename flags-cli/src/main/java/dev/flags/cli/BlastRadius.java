package dev.flags.cli;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.internal.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How many contexts of a sample would see a different value of each flag after a change: every
 * flag of either document is evaluated for every context against both snapshots, by the real
 * evaluator, and the values (as JSON; a missing flag or no variant is the caller's default) are
 * compared. Variants renamed with the same value, or another reason for the same value, are not
 * changes an application sees, and are not counted.
 */
final class BlastRadius {
  private BlastRadius() {}

  /**
   * One context whose value changed.
   *
   * @param context the context
   * @param before the old value as JSON, or null for the caller's default
   * @param after the new value as JSON, or null for the caller's default
   */
  record Example(
      Context context, @Nullable String before, @Nullable String after) {}

  /**
   * How many contexts go from one old value to one new value.
   *
   * @param before the old value as JSON, or null for the caller's default
   * @param after the new value as JSON, or null for the caller's default
   * @param count how many contexts
   */
  record Transition(@Nullable String before, @Nullable String after, int count) {}

  /**
   * The changes of one flag.
   *
   * @param flag the flag key
   * @param changed how many contexts see a different value
   * @param transitions each change of value, most frequent first
   * @param examples the first contexts that changed, in sample order
   */
  record FlagImpact(
      String flag, int changed, List<Transition> transitions, List<Example> examples) {}

  /**
   * The whole result.
   *
   * @param contexts how many contexts were evaluated
   * @param impacts the flags some context sees differently, by flag key
   * @param unchanged the flags no context sees differently
   */
  record Result(int contexts, List<FlagImpact> impacts, List<String> unchanged) {
    boolean anyChange() {
      return !impacts.isEmpty();
    }
  }

  static Result of(Snapshot before, Snapshot after, List<Context> contexts, int examples) {
    TreeSet<String> flags = new TreeSet<>(before.flags().keySet());
    flags.addAll(after.flags().keySet());
    List<FlagImpact> impacts = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (String flag : flags) {
      int changed = 0;
      Map<String, Transition> transitions = new TreeMap<>();
      List<Example> shown = new ArrayList<>();
      for (Context c : contexts) {
        String a = value(before, flag, c);
        String b = value(after, flag, c);
        if (!Objects.equals(a, b)) {
          changed++;
          transitions.merge(
              text(a) + " -> " + text(b),
              new Transition(a, b, 1),
              (x, y) -> new Transition(x.before(), x.after(), x.count() + 1));
          if (shown.size() < examples) {
            shown.add(new Example(c, a, b));
          }
        }
      }
      if (changed == 0) {
        unchanged.add(flag);
      } else {
        impacts.add(new FlagImpact(flag, changed, byCount(transitions), shown));
      }
    }
    return new Result(contexts.size(), impacts, unchanged);
  }

  private static @Nullable String value(Snapshot s, String flag, Context c) {
    Evaluation e = Eval.evaluate(s, flag, c);
    return e.valueAsJson();
  }

  /** A value as shown: its JSON, or {@link Render#CALLERS_DEFAULT}. */
  static String text(@Nullable String json) {
    return json == null ? Render.CALLERS_DEFAULT : json;
  }

  /** Most frequent first; ties in the map's order (by text). */
  private static List<Transition> byCount(Map<String, Transition> transitions) {
    List<Transition> sorted = new ArrayList<>(transitions.values());
    sorted.sort((x, y) -> Integer.compare(y.count(), x.count())); // a stable sort
    return sorted;
  }
}
