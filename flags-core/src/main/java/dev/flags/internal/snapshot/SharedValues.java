package dev.flags.internal.snapshot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Shares equal values within one compile, so that flags of the same shape hold one instance: the
 * condition numbers of rules ({@code Rule.memo}, {@code Rule.slots}) and the lists of attributes
 * flags read. Ten thousand flags of one shape then hold a handful of these, not tens of
 * thousands. Shared values are never written once compiled. Not thread-safe: one instance per
 * compile.
 */
final class SharedValues {
  private final Map<Key, int[]> arrays = new HashMap<>();
  private final Map<List<String>, List<String>> lists = new HashMap<>();

  /**
   * The shared array equal to {@code a}: the first one seen.
   *
   * @param a an array that nobody writes afterwards
   * @return {@code a} or an equal array seen before
   */
  int[] share(int[] a) {
    Key key = new Key(a);
    int[] found = arrays.putIfAbsent(key, a);
    return found == null ? a : found;
  }

  /**
   * The shared list equal to {@code list}: the first one seen.
   *
   * @param list an unmodifiable list
   * @return {@code list} or an equal list seen before
   */
  List<String> share(List<String> list) {
    List<String> found = lists.putIfAbsent(list, list);
    return found == null ? list : found;
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
