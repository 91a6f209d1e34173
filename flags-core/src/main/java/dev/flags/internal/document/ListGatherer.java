package dev.flags.internal.document;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Gathers the elements of one list after another while a document is read, handing each out as
 * an unmodifiable list of its exact size: the growing list a reader fills is made once per reader,
 * not once per list it reads (a flag has a dozen: variants, targets and their keys, rules, their
 * conditions and values, rollout weights). Not thread-safe, and not reentrant: a reader has one
 * per kind of list, and reads no list of a kind while another of that kind is open.
 *
 * @param <T> the element type; elements are never null
 */
final class ListGatherer<T> {
  /**
   * The longest list handed out with one copy: {@code List.of} of an array copies it once, where
   * {@code List.copyOf} of a growing list copies it twice on JDK 17 ({@code toArray}, then the
   * null check's copy). Longer lists are rare (a flag's many targets) and take the two copies.
   */
  static final int EXACT = 16;

  private Object[] items = new Object[EXACT];
  private int size;
  /** By length, from 3 to {@link #EXACT}: the arrays {@code List.of} copies; made when needed. */
  private final Object[][] exact = new Object[EXACT + 1][];

  /**
   * Starts a list, dropping what an unfinished one had gathered.
   *
   * @return this gatherer
   */
  ListGatherer<T> start() {
    Arrays.fill(items, 0, size, null);
    size = 0;
    return this;
  }

  /**
   * Adds the next element.
   *
   * @param item the element, not null
   */
  void add(T item) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = Objects.requireNonNull(item);
  }

  /** Returns the number of elements gathered since {@link #start()}. */
  int size() {
    return size;
  }

  /**
   * Ends the list.
   *
   * @return the elements gathered since {@link #start()}, in order, as an unmodifiable list of
   *     their number; the gatherer is empty again and keeps no reference to them
   */
  @SuppressWarnings("unchecked") // only T was added
  List<T> finish() {
    int n = size;
    List<T> out;
    if (n == 0) {
      out = List.of();
    } else if (n == 1) {
      out = List.of((T) items[0]);
    } else if (n == 2) {
      out = List.of((T) items[0], (T) items[1]);
    } else if (n <= EXACT) {
      Object[] e = exactArray(n);
      System.arraycopy(items, 0, e, 0, n);
      out = List.of((T[]) e);
      Arrays.fill(e, null);
    } else {
      out = List.of((T[]) Arrays.copyOf(items, n));
    }
    start();
    return out;
  }

  private Object[] exactArray(int n) {
    Object[] e = exact[n];
    if (e == null) {
      e = new Object[n];
      exact[n] = e;
    }
    return e;
  }
}
