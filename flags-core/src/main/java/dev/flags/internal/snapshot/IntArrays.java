package dev.flags.internal.snapshot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Shares equal {@code int} arrays within one compile: the rules of many flags have the same
 * condition numbers ({@code Rule.memo}, {@code Rule.slots}), so ten thousand flags of the same
 * shape hold a handful of arrays, not forty thousand. The arrays are never written once compiled.
 * Not thread-safe: one instance per compile.
 */
final class IntArrays {
  private final Map<Key, int[]> seen = new HashMap<>();

  /**
   * The shared array equal to {@code a}: the first one seen.
   *
   * @param a an array that nobody writes afterwards
   * @return {@code a} or an equal array seen before
   */
  int[] share(int[] a) {
    Key key = new Key(a);
    int[] found = seen.putIfAbsent(key, a);
    return found == null ? a : found;
  }

  /** An array compared by its contents. */
  private static final class Key {
    private final int[] a;
    private final int hash;

    Key(int[] a) {
      this.a = a;
      this.hash = Arrays.hashCode(a);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && Arrays.equals(a, k.a);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
