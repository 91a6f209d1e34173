package dev.flags.internal.snapshot;

import java.util.Collection;
import java.util.List;

/**
 * An immutable open-addressing hash set of strings, for {@code in} conditions, the value groups of
 * rules, overrides and the index of a long {@link KeyList}. {@link #contains} is O(1) and
 * allocates nothing, including in the case-insensitive mode, where the hash folds case character
 * by character instead of building a lower-cased copy of the probe.
 */
final class StringSet {
  private static final StringSet EMPTY_SENSITIVE = new StringSet(new String[1], 0, false);

  private final String[] table;
  private final int mask;
  private final int size;
  private final boolean ignoreCase;

  private StringSet(String[] table, int size, boolean ignoreCase) {
    this.table = table;
    this.mask = table.length - 1;
    this.size = size;
    this.ignoreCase = ignoreCase;
  }

  static StringSet of(Collection<String> values, boolean ignoreCase) {
    if (values.isEmpty() && !ignoreCase) {
      return EMPTY_SENSITIVE;
    }
    int capacity = capacityFor(values.size());
    String[] table = new String[capacity];
    int mask = capacity - 1;
    int size = 0;
    // Indexed when the values are a list (they are, from a document): no iterator per set.
    List<String> list = values instanceof List<String> l ? l : List.copyOf(values);
    for (int k = 0, n = list.size(); k < n; k++) {
      String v = list.get(k);
      int i = spread(hash(v, ignoreCase)) & mask;
      boolean dup = false;
      while (table[i] != null) {
        if (same(table[i], v, ignoreCase)) {
          dup = true;
          break;
        }
        i = (i + 1) & mask;
      }
      if (!dup) {
        table[i] = v;
        size++;
      }
    }
    return new StringSet(table, size, ignoreCase);
  }

  boolean contains(String probe) {
    return slot(probe) >= 0;
  }

  /**
   * Where {@code probe} sits in the table (below {@link #capacity()}), or -1 when absent: a
   * parallel array indexed by it maps members to values ({@link ValueIndex}).
   */
  int slot(String probe) {
    String[] t = table;
    boolean fold = ignoreCase;
    int h = hash(probe, fold);
    int i = spread(h) & mask;
    while (true) {
      String v = t[i];
      if (v == null) {
        return -1;
      }
      if (same(v, probe, fold)) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** The table's length: every {@link #slot} is below it. */
  int capacity() {
    return table.length;
  }

  int size() {
    return size;
  }

  /**
   * Case-sensitive: the same reference, or equal cached hashes before the contents (comparing two
   * strings' contents costs several nanoseconds; most probes of a neighbour differ).
   */
  // Reference equality first on purpose: equals() follows whenever the references differ.
  @SuppressWarnings("ReferenceEquality")
  private static boolean same(String a, String b, boolean ignoreCase) {
    return ignoreCase
        ? a.equalsIgnoreCase(b)
        : a == b || (a.hashCode() == b.hashCode() && a.equals(b));
  }

  /**
   * The case-sensitive comparison above, for {@link KeyList} (kept apart so that this set's lookup
   * stays the one its rule path was measured with).
   */
  // Reference equality first on purpose: equals() follows whenever the references differ.
  @SuppressWarnings("ReferenceEquality")
  static boolean same(String a, String b) {
    return a == b || (a.hashCode() == b.hashCode() && a.equals(b));
  }

  /**
   * The table size for {@code n} strings: a power of two at least twice {@code n}, so that the
   * table is at most half full and a probe ends within a few slots. Also {@link KeyList}'s.
   */
  static int capacityFor(int n) {
    return Integer.highestOneBit(Math.max(2, n * 2 - 1)) << 1;
  }

  private static int hash(String s, boolean ignoreCase) {
    if (!ignoreCase) {
      return s.hashCode(); // cached by String
    }
    int h = 0;
    for (int i = 0; i < s.length(); ) {
      // The same folding String.equalsIgnoreCase applies, so equal-ignoring-case strings collide.
      // By code point: equalsIgnoreCase folds a surrogate pair as one supplementary character.
      int cp = s.codePointAt(i);
      h = 31 * h + Character.toLowerCase(Character.toUpperCase(cp));
      i += Character.charCount(cp);
    }
    return h;
  }

  /** Spreads a string hash over the table's low bits; also {@link KeyList}'s. */
  static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
