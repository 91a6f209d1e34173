package dev.flags.internal.document;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where each name was first seen among the items of one list (rule ids of a flag, variants of a
 * rollout), to report a repeat with the place of its first use. Lists are short, so up to {@link
 * #SCANNED} names are kept in an array and found by a scan, with no map per list; beyond that, in a
 * hash map, so a long hostile list still costs linear time. Not thread-safe; a reader keeps one
 * per kind of list and {@link #clear clears} it before each list.
 */
final class FirstIndex {
  /** The most names found by a scan. */
  static final int SCANNED = 8;

  private final String[] names = new String[SCANNED];
  private final int[] indexes = new int[SCANNED];
  private int size;
  private @Nullable Map<String, Integer> large;

  /**
   * Forgets every name, for the next list.
   *
   * @return this
   */
  FirstIndex clear() {
    Arrays.fill(names, 0, size, null);
    size = 0;
    large = null;
    return this;
  }

  /**
   * Records {@code name} at {@code index} unless it was seen before.
   *
   * @param name the name
   * @param index the item's position
   * @return the position of its first use, or -1 if this is its first
   */
  int putIfAbsent(String name, int index) {
    Map<String, Integer> map = large;
    if (map != null) {
      Integer other = map.putIfAbsent(name, index);
      return other == null ? -1 : other;
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return indexes[i];
      }
    }
    if (size < SCANNED) {
      names[size] = name;
      indexes[size++] = index;
      return -1;
    }
    map = new HashMap<>();
    for (int i = 0; i < size; i++) {
      map.put(names[i], indexes[i]);
    }
    map.put(name, index);
    large = map;
    return -1;
  }
}
