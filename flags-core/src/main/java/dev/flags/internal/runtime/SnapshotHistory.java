package dev.flags.internal.runtime;

import dev.flags.internal.snapshot.FlagDocument;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The accepted documents, newest last and at most {@code capacity} of them, with which one is
 * served and whether a rollback pinned it. Decides rollbacks and unpins; the caller compiles and
 * serves what it returns. Pure: no threads, no I/O. Not thread-safe; guarded by the client's lock.
 *
 * <p>While pinned, newly accepted documents are recorded (and become {@link #latest()}) but the
 * pinned one stays {@link #served()} until {@link #unpin()} or an explicit load.
 */
final class SnapshotHistory {
  /**
   * An accepted document: what history and rollback keep (compiled again when served again).
   *
   * @param document the validated document
   * @param source the layer that delivered it
   * @param loadedAt when it was accepted
   * @param summary what it changed, for {@code history()}
   */
  record Entry(FlagDocument document, String source, Instant loadedAt, String summary) {
    String version() {
      return document.version();
    }
  }

  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private @Nullable Entry latest;
  private @Nullable Entry served;
  private boolean pinned;

  SnapshotHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("history size must be at least 1 but was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Records a newly accepted document as the latest, dropping the oldest beyond capacity. */
  void add(Entry e) {
    entries.addLast(e);
    while (entries.size() > capacity) {
      entries.removeFirst();
    }
    latest = e;
  }

  /** Marks an entry as the one served (after the caller compiled and published it). */
  void serve(Entry e) {
    served = e;
  }

  /** The latest accepted entry, or null before the first. */
  @Nullable
  Entry latest() {
    return latest;
  }

  /** The served entry, or null before the first. */
  @Nullable
  Entry served() {
    return served;
  }

  boolean isPinned() {
    return pinned;
  }

  /**
   * Releases the pin for an explicit load, which always serves what it loads.
   *
   * @return true if there was a pin to release
   */
  boolean releaseForExplicitLoad() {
    boolean was = pinned;
    pinned = false;
    return was;
  }

  /**
   * The entry a rollback goes to: the one accepted before the served one. Pins it.
   *
   * @throws IllegalStateException if history holds no earlier entry
   */
  @SuppressWarnings("ReferenceEquality") // entries are told apart by identity, see below
  Entry rollback() {
    List<Entry> list = new ArrayList<>(entries);
    int at = -1;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == served) { // by identity: two entries may hold equal documents
        at = i;
      }
    }
    if (at <= 0) {
      throw new IllegalStateException("no earlier snapshot to roll back to (history holds "
          + list.size()
          + " of at most "
          + capacity
          + ")");
    }
    return pin(list.get(at - 1));
  }

  /**
   * The most recent entry with this version. Pins it.
   *
   * @throws IllegalArgumentException if history has no such version
   */
  Entry rollbackTo(String version) {
    Entry target = null;
    for (Entry e : entries) {
      if (e.version().equals(version)) {
        target = e;
      }
    }
    if (target == null) {
      throw new IllegalArgumentException(
          "version '" + version + "' is not in the history " + versions());
    }
    return pin(target);
  }

  private Entry pin(Entry target) {
    pinned = true;
    served = target;
    return target;
  }

  /**
   * Releases a pin: the latest entry is served again.
   *
   * @return the latest entry, or null if there was no pin (nothing changes)
   */
  @Nullable
  Entry unpin() {
    Entry l = latest;
    if (!pinned || l == null) {
      return null;
    }
    pinned = false;
    served = l;
    return l;
  }

  /** The entries, newest first. */
  List<Entry> newestFirst() {
    List<Entry> out = new ArrayList<>(entries.size());
    Iterator<Entry> it = entries.descendingIterator();
    while (it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  private List<String> versions() {
    List<String> v = new ArrayList<>();
    for (Entry e : entries) {
      v.add(e.version());
    }
    return v;
  }
}
