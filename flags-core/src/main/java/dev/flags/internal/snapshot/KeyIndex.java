package dev.flags.internal.snapshot;

import java.util.Collection;

/**
 * The position of each of a set of distinct keys in the order they were given: an open-addressed
 * table of two arrays, without an entry or a boxed position per key (the compiler looks up where
 * each flag stands in its document, and a map of them was a tenth of a megabyte per 1,000 flags
 * made and dropped per load). Pure; immutable once built.
 */
final class KeyIndex {
  private final String[] keys;
  private final int[] positions;
  private final int mask;

  /**
   * The positions of {@code keys}.
   *
   * @param keys distinct keys, in order: the first is at position 0
   */
  KeyIndex(Collection<String> keys) {
    int capacity = Integer.highestOneBit(Math.max(2, keys.size() * 2 - 1)) << 1;
    this.keys = new String[capacity];
    this.positions = new int[capacity];
    this.mask = capacity - 1;
    int position = 0;
    for (String key : keys) {
      int i = start(key);
      while (this.keys[i] != null) {
        if (this.keys[i].equals(key)) {
          throw new IllegalArgumentException("key given twice: " + key);
        }
        i = (i + 1) & mask;
      }
      this.keys[i] = key;
      this.positions[i] = position++;
    }
  }

  /**
   * Where {@code key} was given.
   *
   * @param key a key
   * @return its position, or -1 if it was not given
   */
  int positionOf(String key) {
    for (int i = start(key); ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k.equals(key)) {
        return positions[i];
      }
    }
  }

  private int start(String key) {
    int h = key.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
