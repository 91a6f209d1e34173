package dev.flags.internal.safety;

import dev.flags.Evaluation;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * A bounded queue of candidate exposures from any number of evaluating threads to one delivery
 * thread, lock-free and allocation-free: each slot is a set of preallocated fields and a sequence
 * number (the bounded-buffer design of D. Vyukov). {@link #offer} never waits: when the queue is
 * full it returns false at once, and the caller counts a drop. Pure; thread-safe for many
 * producers and one consumer.
 */
final class ExposureQueue {
  private final int mask;
  private final AtomicLongArray sequences;
  private final String[] flagKeys;
  private final @Nullable Evaluation[] results;
  private final String[] contextKeys;
  private final long[] hashes;
  private final AtomicLong tail = new AtomicLong();
  private long head; // the consumer's alone

  ExposureQueue(int capacity) {
    if (capacity < 2 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "capacity must be a power of two, at least 2: " + capacity);
    }
    this.mask = capacity - 1;
    this.sequences = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      sequences.set(i, i);
    }
    this.flagKeys = new String[capacity];
    this.results = new Evaluation[capacity];
    this.contextKeys = new String[capacity];
    this.hashes = new long[capacity];
  }

  int capacity() {
    return mask + 1;
  }

  /**
   * Adds a candidate, or returns false at once when the queue is full.
   *
   * @return whether it was added
   */
  boolean offer(String flagKey, Evaluation result, String contextKey, long hash) {
    long pos = tail.get();
    while (true) {
      int i = (int) pos & mask;
      long seq = sequences.get(i);
      long dif = seq - pos;
      if (dif == 0) {
        if (tail.compareAndSet(pos, pos + 1)) {
          flagKeys[i] = flagKey;
          results[i] = result;
          contextKeys[i] = contextKey;
          hashes[i] = hash;
          sequences.set(i, pos + 1); // publishes the fields to the consumer
          return true;
        }
        pos = tail.get();
      } else if (dif < 0) {
        return false; // full: the consumer has not freed this slot yet
      } else {
        pos = tail.get();
      }
    }
  }

  /** What the consumer reads from the head slot; valid until the next {@link #poll}. */
  interface Reader {
    void read(String flagKey, Evaluation result, String contextKey, long hash);
  }

  /**
   * Hands the oldest candidate to {@code reader} and frees its slot. Consumer thread only.
   *
   * @return false when the queue is empty
   */
  boolean poll(Reader reader) {
    int i = (int) head & mask;
    if (sequences.get(i) != head + 1) {
      return false;
    }
    String flagKey = flagKeys[i];
    Evaluation result = results[i];
    String contextKey = contextKeys[i];
    long hash = hashes[i];
    flagKeys[i] = "";
    results[i] = null;
    contextKeys[i] = "";
    sequences.set(i, head + mask + 1); // frees the slot for the producer one lap later
    head++;
    if (result != null) {
      reader.read(flagKey, result, contextKey, hash);
    }
    return true;
  }

  /** How many candidates the queue holds, as the consumer sees it (offers in flight included). */
  int size() {
    return (int) (tail.get() - head);
  }

  /** Whether the queue looks empty to the consumer. */
  boolean isEmpty() {
    return sequences.get((int) head & mask) != head + 1;
  }
}
