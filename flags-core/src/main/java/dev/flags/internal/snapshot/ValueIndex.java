package dev.flags.internal.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One lookup for a flag's equality conditions on one attribute. The conditions of a flag that
 * test the same attribute with {@code equals} or {@code in} over strings (case-sensitive, not
 * negated) form a group; the index maps each value to the bits (condition numbers) of the group's
 * conditions that the value satisfies, so ten rules on {@code plan} cost one hash lookup instead of
 * ten comparisons. The evaluator records the whole group's results in its memo bits at once.
 * Immutable.
 */
final class ValueIndex {
  /** The bits of every condition in the group. */
  final long mask;

  private final StringSet values;
  /** By slot of {@link #values}: the bits of the conditions the value there satisfies. */
  private final long[] bits;

  private ValueIndex(long mask, Map<String, Long> bitsByValue) {
    this.mask = mask;
    // Interned like the conditions' own values, so that a literal is found by reference.
    this.values = StringSet.of(Operator.canonical(new ArrayList<>(bitsByValue.keySet())), false);
    this.bits = new long[values.capacity()];
    for (Map.Entry<String, Long> e : bitsByValue.entrySet()) {
      bits[values.slot(e.getKey())] = e.getValue();
    }
  }

  /**
   * The bits of the group's conditions that hold for an attribute value: a string's own, any
   * element's for a list, none for a missing value or another type (as each condition alone).
   */
  long hits(@Nullable Object value) {
    if (value instanceof String s) {
      return lookup(s);
    }
    long hits = 0;
    if (value instanceof List<?> list) {
      for (int i = 0, n = list.size(); i < n; i++) {
        if (list.get(i) instanceof String s) {
          hits |= lookup(s);
        }
      }
    }
    return hits;
  }

  private long lookup(String value) {
    int slot = values.slot(value);
    return slot < 0 ? 0 : bits[slot];
  }

  /**
   * The groups among a flag's distinct conditions (numbers below 64 only, the memo's width): an
   * array by condition number holding each grouped condition's index, or null when no attribute
   * has two or more such conditions.
   */
  static @Nullable ValueIndex @Nullable [] of(SharedConditions shared) {
    if (!anyGroup(shared)) {
      return null; // the common case: no map, nothing allocated
    }
    Map<String, List<Integer>> byAttribute = new LinkedHashMap<>();
    for (int n = 0; n < Math.min(shared.size(), Long.SIZE); n++) {
      FlagDocument.Condition c = shared.definition(n);
      String attribute = c.attribute();
      if (attribute != null && eligible(c)) {
        byAttribute.computeIfAbsent(attribute, a -> new ArrayList<>()).add(n);
      }
    }
    @Nullable ValueIndex[] groups = null;
    for (List<Integer> members : byAttribute.values()) {
      if (members.size() < 2) {
        continue;
      }
      long mask = 0;
      Map<String, Long> bitsByValue = new HashMap<>();
      for (int n : members) {
        mask |= 1L << n;
        for (Object v : shared.definition(n).values()) {
          bitsByValue.merge((String) v, 1L << n, (a, b) -> a | b);
        }
      }
      ValueIndex index = new ValueIndex(mask, bitsByValue);
      if (groups == null) {
        groups = new ValueIndex[Math.min(shared.size(), Long.SIZE)];
      }
      for (int n : members) {
        groups[n] = index;
      }
    }
    return groups;
  }

  /** Whether two eligible conditions test the same attribute: a scan of at most 64 conditions. */
  private static boolean anyGroup(SharedConditions shared) {
    int n = Math.min(shared.size(), Long.SIZE);
    for (int i = 0; i < n; i++) {
      FlagDocument.Condition a = shared.definition(i);
      String attribute = a.attribute();
      if (attribute == null || !eligible(a)) {
        continue;
      }
      for (int j = i + 1; j < n; j++) {
        FlagDocument.Condition b = shared.definition(j);
        if (attribute.equals(b.attribute()) && eligible(b)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Case-sensitive, not negated {@code equals} or {@code in} whose values are all strings. */
  private static boolean eligible(FlagDocument.Condition c) {
    if (c.negate() || c.ignoreCase() || c.values().isEmpty()) {
      return false;
    }
    if (c.op() != Operator.EQUALS && c.op() != Operator.IN) {
      return false;
    }
    for (Object v : c.values()) {
      if (!(v instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
