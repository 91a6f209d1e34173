package dev.flags.internal.document;

import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

/**
 * Holds once, while one document is read, each part that its flags repeat: the variants {@code on}
 * and {@code off}, a condition on {@code country}, a 50/50 rollout. A part read is replaced by an
 * equal one read before it, so that the validated document (which a client keeps in its history)
 * holds one instance where the document repeats it, as the compiled snapshot already does.
 *
 * <p>A small table where a part takes the slot of another with the same slot, as a cache would:
 * sharing is best effort; a part that the document repeats often is pushed out now and then by
 * one that falls in its slot, and held again the next time it comes. The table starts small and
 * doubles, up to {@value #MAX_SLOTS} slots, while more parts than it has slots came in; so a
 * document of a few flags pays for a few slots, and one of thousands for a fixed 32 KiB per kind
 * of part (with compressed references; five kinds). Parts are compared by a hash and an equality
 * that allocate nothing ({@code PartEquality}). Pure: no threads, no I/O; one per reader, not
 * thread-safe.
 *
 * @param <T> the kind of part
 */
final class PartTable<T> {
  static final int MAX_SLOTS = 4096;
  private static final int MIN_SLOTS = 64;

  private final ToIntFunction<T> hash;
  private final BiPredicate<T, T> same;
  private Object[] parts = new Object[MIN_SLOTS];
  private int[] hashes = new int[MIN_SLOTS];
  /** The parts that came in and were not found, since the table last grew. */
  private int misses;

  /**
   * A table for one kind of part.
   *
   * @param hash a hash that agrees with {@code same}
   * @param same whether two parts are the same
   */
  PartTable(ToIntFunction<T> hash, BiPredicate<T, T> same) {
    this.hash = hash;
    this.same = same;
  }

  /**
   * The part held for this one: an equal part seen before and still in its slot, or this part,
   * which is then held.
   *
   * @param part a part just read
   * @return the part to keep
   */
  T share(T part) {
    int h = hash.applyAsInt(part);
    int slot = slot(h, parts.length);
    @SuppressWarnings("unchecked") // only parts of type T are stored
    T held = (T) parts[slot];
    if (held != null && hashes[slot] == h && same.test(held, part)) {
      return held;
    }
    if (++misses > parts.length && parts.length < MAX_SLOTS) {
      grow();
      slot = slot(h, parts.length);
    }
    parts[slot] = part;
    hashes[slot] = h;
    return part;
  }

  /** The number of slots now, for tests. */
  int slots() {
    return parts.length;
  }

  private static int slot(int hash, int slots) {
    return (hash ^ (hash >>> 16)) & (slots - 1);
  }

  private void grow() {
    Object[] oldParts = parts;
    int[] oldHashes = hashes;
    parts = new Object[oldParts.length * 2];
    hashes = new int[oldParts.length * 2];
    for (int i = 0; i < oldParts.length; i++) {
      if (oldParts[i] != null) {
        int slot = slot(oldHashes[i], parts.length);
        parts[slot] = oldParts[i];
        hashes[slot] = oldHashes[i];
      }
    }
    misses = 0;
  }
}
