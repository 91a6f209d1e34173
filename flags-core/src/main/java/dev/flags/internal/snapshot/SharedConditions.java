package dev.flags.internal.snapshot;

import dev.flags.internal.snapshot.Conditions.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct conditions of one flag while it is compiled: two conditions with the same
 * attribute, operator, values, negation and case rule are one, compiled once (one regex memo
 * table, one hash set) and numbered, so that the evaluator tests it at most once per evaluation
 * however many rules share it. Not thread-safe; one per flag compilation.
 */
final class SharedConditions {
  private final Map<String, CompiledSegment> segments;
  private final Map<String, Integer> numbers = new HashMap<>();
  private final List<Condition> compiled = new ArrayList<>();

  SharedConditions(Map<String, CompiledSegment> segments) {
    this.segments = segments;
  }

  /** The number of this condition among the flag's distinct ones, compiling it if it is new. */
  int number(FlagDocument.Condition c) {
    String key = key(c);
    Integer n = numbers.get(key);
    if (n == null) {
      n = compiled.size();
      compiled.add(c.op().compile(c, segments));
      numbers.put(key, n);
    }
    return n;
  }

  /** The compiled condition with this number. */
  Condition get(int number) {
    return compiled.get(number);
  }

  /**
   * What makes two conditions the same. Values are compared by their text: patterns by their
   * source, versions as written (the values' own {@code toString}), each with its type, so that
   * the string {@code "1"} and the number 1 differ.
   */
  static String key(FlagDocument.Condition c) {
    StringBuilder sb = new StringBuilder()
        .append(c.op())
        .append('\u0000')
        .append(c.attribute())
        .append('\u0000')
        .append(c.negate())
        .append(c.ignoreCase());
    for (Object v : c.values()) {
      sb.append('\u0000').append(v.getClass().getSimpleName()).append(':').append(v);
    }
    return sb.toString();
  }
}
