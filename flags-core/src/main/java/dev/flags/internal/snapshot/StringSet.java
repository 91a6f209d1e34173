package dev.flags.internal.snapshot;

import java.util.AbstractList;
import java.util.Collection;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing hash set of strings, for target lists, segment key lists and
 * {@code in} conditions, that is also the immutable list of the strings it was made from, in their
 * order and with any duplicates. {@link #contains(String)} is O(1) and allocates nothing,
 * including in the case-insensitive mode, where the hash folds case character by character
 * instead of building a lower-cased copy of the probe.
 *
 * <p>Being the list too is what lets a validated document and the snapshot compiled from it hold a
 * key list once: the document's readers make its target and segment key lists sets ({@link
 * FlagDocument#keys}), and {@link #of} returns such a set as it is. A client keeps the document in
 * its history besides the snapshot, so each list would otherwise be held twice, once as a list and
 * once as a table of the same strings.
 *
 * <p>Two forms. Up to {@value #BYTE_INDEXED} strings (nearly every list), the table is a {@code
 * byte[]} whose slots hold a string's index in the list plus one (0 for an empty slot): a quarter of
 * a table of references. Longer lists (a segment may hold 100,000 keys) keep a table of the
 * strings themselves beside the list, as a byte cannot number them.
 */
final class StringSet extends AbstractList<String> implements RandomAccess {
  /** The most strings the byte-indexed form numbers: a slot holds an index plus one in a byte. */
  static final int BYTE_INDEXED = 255;

  private static final byte[] NO_SLOTS = new byte[0];
  private static final String[] NO_TABLE = new String[0];
  /** One empty slot: a lookup ends at the first probe. */
  private static final StringSet EMPTY_SENSITIVE =
      new StringSet(NO_TABLE, new byte[1], NO_TABLE, false);

  /** The strings in the order given, duplicates kept: the list. */
  private final String[] keys;
  /**
   * The byte-indexed form's table: by position, 0 or the index in {@link #keys} plus one of the
   * first occurrence of a string hashed there. Empty in the other form.
   */
  private final byte[] slots;
  /** The other form's table: by position, null or a distinct string. Empty in the byte form. */
  private final String[] table;

  private final boolean ignoreCase;

  private StringSet(String[] keys, byte[] slots, String[] table, boolean ignoreCase) {
    this.keys = keys;
    this.slots = slots;
    this.table = table;
    this.ignoreCase = ignoreCase;
  }

  /**
   * The set of {@code values}, which is also their list: {@code values} itself when it is already a
   * set of the same case mode (a document's key list, which the snapshot then shares).
   */
  static StringSet of(Collection<String> values, boolean ignoreCase) {
    if (values instanceof StringSet s && s.ignoreCase == ignoreCase) {
      return s;
    }
    if (values.isEmpty() && !ignoreCase) {
      return EMPTY_SENSITIVE;
    }
    // A set of the other case mode lends its list, which is immutable. Otherwise one copy: the
    // JDK's lists copy into an array without an iterator.
    String[] keys = values instanceof StringSet s ? s.keys : values.toArray(NO_TABLE);
    int n = keys.length;
    int capacity = Integer.highestOneBit(Math.max(2, n * 2 - 1)) << 1;
    int mask = capacity - 1;
    if (n <= BYTE_INDEXED) {
      byte[] slots = new byte[capacity];
      for (int k = 0; k < n; k++) {
        String v = keys[k];
        int i = spread(hash(v, ignoreCase)) & mask;
        int at;
        while ((at = slots[i] & 0xFF) != 0 && !same(keys[at - 1], v, ignoreCase)) {
          i = (i + 1) & mask;
        }
        if (at == 0) { // a duplicate stays numbered by its first occurrence
          slots[i] = (byte) (k + 1);
        }
      }
      return new StringSet(keys, slots, NO_TABLE, ignoreCase);
    }
    String[] table = new String[capacity];
    for (int k = 0; k < n; k++) {
      String v = keys[k];
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
      }
    }
    return new StringSet(keys, NO_SLOTS, table, ignoreCase);
  }

  /**
   * Whether {@code probe} is a member: equal to one of the strings, or equal ignoring case in the
   * case-insensitive mode. O(1), allocation-free.
   */
  boolean contains(String probe) {
    return slot(probe) >= 0;
  }

  /**
   * Membership as {@link #contains(String)} decides it, so that the list's {@code contains} gives
   * the set's answer in O(1). The case-insensitive sets serve {@code in} conditions only, never a
   * document's list, whose sets are all case-sensitive and so agree with a list's {@code equals}.
   */
  @Override
  public boolean contains(@Nullable Object o) {
    return o instanceof String s && slot(s) >= 0;
  }

  /**
   * A number for {@code probe} below {@link #capacity()}, the same for every probe equal to the
   * same member, or -1 when absent: a parallel array indexed by it maps members to values ({@link
   * ValueIndex}). In the byte-indexed form, the index in the list of the member's first
   * occurrence; in the other, its position in the table.
   */
  int slot(String probe) {
    boolean fold = ignoreCase;
    int h = spread(hash(probe, fold));
    byte[] s = slots;
    if (s.length != 0) {
      String[] k = keys;
      int mask = s.length - 1;
      int i = h & mask;
      while (true) {
        int at = s[i] & 0xFF;
        if (at == 0) {
          return -1;
        }
        if (same(k[at - 1], probe, fold)) {
          return at - 1;
        }
        i = (i + 1) & mask;
      }
    }
    String[] t = table;
    int mask = t.length - 1;
    int i = h & mask;
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

  /**
   * The bound of every {@link #slot}: the list's length in the byte-indexed form, the table's in
   * the other.
   */
  int capacity() {
    return slots.length != 0 ? keys.length : table.length;
  }

  /**
   * The number of distinct members (equal ignoring case counting once in the case-insensitive
   * mode). Counted on each call, by a walk of the table: a field for it would make every set, of
   * which a snapshot holds one per target, 40 bytes instead of 32 (with compressed references).
   */
  int distinct() {
    int n = 0;
    for (byte b : slots) {
      if (b != 0) {
        n++;
      }
    }
    for (String v : table) {
      if (v != null) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String get(int index) {
    return keys[index];
  }

  /** The length of the list, duplicates included; {@link #distinct()} counts the members. */
  @Override
  public int size() {
    return keys.length;
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

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
