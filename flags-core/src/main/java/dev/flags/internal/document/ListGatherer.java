package dev.flags.internal.document;

import java.util.ArrayList;
import java.util.List;

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
  private final ArrayList<T> items = new ArrayList<>();

  /**
   * Starts a list, dropping what an unfinished one had gathered.
   *
   * @return this gatherer
   */
  ListGatherer<T> start() {
    items.clear();
    return this;
  }

  /**
   * Adds the next element.
   *
   * @param item the element, not null
   */
  void add(T item) {
    items.add(item);
  }

  /** Returns the number of elements gathered since {@link #start()}. */
  int size() {
    return items.size();
  }

  /**
   * Ends the list.
   *
   * @return the elements gathered since {@link #start()}, in order, as an unmodifiable list of
   *     their number; the gatherer is empty again and keeps no reference to them
   */
  List<T> finish() {
    List<T> out = List.copyOf(items);
    items.clear();
    return out;
  }
}
