package dev.flags.internal.safety;

/**
 * A sliding window of outcomes: {@code buckets} buckets of {@code bucketMillis} each, the newest
 * at the current time. An outcome is added to the bucket of its time; buckets that fall out of
 * the window are emptied as time moves on, so the totals always cover the current bucket and the
 * {@code buckets - 1} before it. Running totals are kept, so reading them is O(1); a clock that
 * goes back counts into the newest bucket. Fixed memory ({@code 6 * buckets} longs), no
 * allocation after construction. Pure; not thread-safe (its owner locks).
 */
final class GuardrailWindow {
  /** The counters of a bucket and of the totals. */
  static final int CONTROL_CALLS = 0;

  static final int CONTROL_FAILURES = 1;
  static final int CALLS = 2;
  static final int FAILURES = 3;
  static final int TIMED = 4;
  static final int SLOW = 5;
  static final int COUNTERS = 6;

  private final int buckets;
  private final long bucketMillis;
  private final long[] counts;
  private final long[] epochs;
  private final long[] totals = new long[COUNTERS];
  private long latest = Long.MIN_VALUE;

  GuardrailWindow(long windowMillis, int buckets) {
    if (buckets < 1 || windowMillis < buckets) {
      throw new IllegalArgumentException(
          "window " + windowMillis + " ms cannot hold " + buckets + " buckets");
    }
    this.buckets = buckets;
    this.bucketMillis = windowMillis / buckets;
    this.counts = new long[buckets * COUNTERS];
    this.epochs = new long[buckets];
    java.util.Arrays.fill(epochs, Long.MIN_VALUE);
  }

  /**
   * Adds one outcome at {@code nowMillis}.
   *
   * @param control whether the context was served the off-variant
   * @param failed whether the code behind the flag failed
   * @param latencyNanos how long it took, or a negative number when not timed
   * @param slowNanos the latency above which a timed outcome is slow
   */
  void add(long nowMillis, boolean control, boolean failed, long latencyNanos, long slowNanos) {
    int at = advance(nowMillis) * COUNTERS;
    if (control) {
      bump(at, CONTROL_CALLS);
      if (failed) {
        bump(at, CONTROL_FAILURES);
      }
      return;
    }
    bump(at, CALLS);
    if (failed) {
      bump(at, FAILURES);
    }
    if (latencyNanos >= 0) {
      bump(at, TIMED);
      if (latencyNanos > slowNanos) {
        bump(at, SLOW);
      }
    }
  }

  /** Moves the window to cover {@code nowMillis}; returns the bucket to count into. */
  private int advance(long nowMillis) {
    long n = Math.floorDiv(nowMillis, bucketMillis);
    if (latest == Long.MIN_VALUE) {
      latest = n;
    } else if (n > latest) {
      long from = Math.max(latest + 1, n - buckets + 1);
      if (n - latest >= buckets) {
        clearAll();
      } else {
        for (long m = from; m <= n; m++) {
          clear(slot(m));
        }
      }
      latest = n;
    }
    int s = slot(latest);
    epochs[s] = latest;
    return s;
  }

  private int slot(long bucket) {
    return (int) Math.floorMod(bucket, (long) buckets);
  }

  private void clear(int s) {
    int at = s * COUNTERS;
    for (int i = 0; i < COUNTERS; i++) {
      totals[i] -= counts[at + i];
      counts[at + i] = 0;
    }
    epochs[s] = Long.MIN_VALUE;
  }

  private void clearAll() {
    java.util.Arrays.fill(counts, 0);
    java.util.Arrays.fill(totals, 0);
    java.util.Arrays.fill(epochs, Long.MIN_VALUE);
  }

  private void bump(int at, int counter) {
    counts[at + counter]++;
    totals[counter]++;
  }

  /**
   * A total over the window as it stood at the last {@link #add}.
   *
   * @param counter one of the counter constants
   * @return the total
   */
  long total(int counter) {
    return totals[counter];
  }

  /** Empties the window. */
  void reset() {
    clearAll();
    latest = Long.MIN_VALUE;
  }
}
