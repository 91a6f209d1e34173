package dev.flags.internal.snapshot;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * A list of context keys as a document holds it (a target's keys, a segment's included or excluded
 * keys), which is also the set the compiled snapshot looks keys up in. A client keeps the validated
 * document in its history besides the snapshot; with one object for both, each list is held once
 * instead of once as the document's list and once more as a table of the same strings.
 *
 * <p>The list is immutable, in document order, duplicates kept, and equal to any list of the same
 * strings. {@link #contains(String)} is O(1) and allocates nothing. Up to {@value #BYTE_INDEXED}
 * keys (nearly every list) the index is a {@code byte[]} open-addressing table whose slots hold a
 * key's position in the list plus one (0 for an empty slot), a quarter of a table of references.
 * Longer lists (a segment may hold 100,000 keys) are indexed by a {@link StringSet} of the same
 * strings. Case-sensitive, as keys are. Pure: no threads, no I/O.
 *
 * <p>A class of its own rather than a form of {@link StringSet}: the {@code in} conditions and the
 * value groups of rules look their values up through {@link StringSet}, whose lookup stays one
 * small loop that the JIT inlines into the rule path (a set with both forms measured 1 to 1.5 ns
 * slower on the one-rule fallthrough row).
 */
final class KeyList extends AbstractList<String> implements RandomAccess {
  /** The most keys the byte-indexed table numbers: a slot holds a position plus one in a byte. */
  static final int BYTE_INDEXED = 255;

  private static final KeyList EMPTY = new KeyList(new String[0], new byte[1], null);

  /** The keys in document order, duplicates kept: the list. */
  private final String[] keys;

  /**
   * Up to {@link #BYTE_INDEXED} keys: by position, 0 or the position in {@link #keys} plus one of
   * the first occurrence of a key hashed there; null for a longer list.
   */
  private final byte @Nullable [] slots;

  /** A longer list's index; null when {@link #slots} is the index. */
  private final @Nullable StringSet large;

  private KeyList(String[] keys, byte @Nullable [] slots, @Nullable StringSet large) {
    this.keys = keys;
    this.slots = slots;
    this.large = large;
  }

  /**
   * The key list of {@code keys}: {@code keys} itself when it is one already (a document's list,
   * which the compiled snapshot then shares), else an indexed copy.
   *
   * @param keys the keys, in document order
   * @return an immutable list equal to {@code keys}
   */
  static KeyList of(List<String> keys) {
    if (keys instanceof KeyList k) {
      return k;
    }
    if (keys.isEmpty()) {
      return EMPTY;
    }
    String[] copy = keys.toArray(new String[0]); // the JDK's lists copy without an iterator
    int n = copy.length;
    if (n > BYTE_INDEXED) {
      return new KeyList(copy, null, StringSet.of(keys, false));
    }
    byte[] slots = new byte[StringSet.capacityFor(n)];
    int mask = slots.length - 1;
    for (int k = 0; k < n; k++) {
      String v = copy[k];
      int i = StringSet.spread(v.hashCode()) & mask;
      int at;
      while ((at = slots[i] & 0xFF) != 0 && !StringSet.same(copy[at - 1], v)) {
        i = (i + 1) & mask;
      }
      if (at == 0) { // a duplicate stays numbered by its first occurrence
        slots[i] = (byte) (k + 1);
      }
    }
    return new KeyList(copy, slots, null);
  }

  /**
   * Whether {@code key} is in the list. O(1), allocation-free.
   *
   * @param key a context key
   * @return true if an equal key is in the list
   */
  boolean contains(String key) {
    byte[] s = slots;
    if (s == null) {
      StringSet l = large;
      return l != null && l.contains(key);
    }
    String[] k = keys;
    int mask = s.length - 1;
    int i = StringSet.spread(key.hashCode()) & mask;
    while (true) {
      int at = s[i] & 0xFF;
      if (at == 0) {
        return false;
      }
      if (StringSet.same(k[at - 1], key)) {
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  /** The list's {@code contains}, answered by the index in O(1). */
  @Override
  public boolean contains(@Nullable Object o) {
    return o instanceof String s && contains(s);
  }

  @Override
  public String get(int index) {
    return keys[index];
  }

  /** The length of the list, duplicates included. */
  @Override
  public int size() {
    return keys.length;
  }
}
