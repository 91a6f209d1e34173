package dev.flags.internal.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One exact count that any number of threads add to on the evaluation path, mostly without an
 * atomic instruction: striped as {@link EvaluationCounters} is (a stripe per thread id, about
 * twice the processors, each on its own cache lines), and each stripe has two counts. The first
 * thread to add to a stripe becomes its owner for good and adds to the stripe's own count with a
 * plain read and write, which is exact because no other thread ever writes it; any other thread
 * whose id picks that stripe adds to its shared count atomically. An owner never changes, and a
 * thread's id is unique among live threads, so a stripe's own count has one writer. An atomic
 * add costs an evaluation several nanoseconds that a plain one does not
 * (ExposureLatencyBenchmark, sample mode: see BENCHMARKS.md). Allocation-free after construction;
 * thread-safe.
 */
public final class StripedCounter {
  /**
   * Longs from one stripe to the next, 128 bytes: the owner's id and count on one cache line, the
   * shared count on the next, and no two stripes on one line or adjacent pair.
   */
  private static final int SPACING = 16;

  /** Offset of the owner's count from the stripe's owner id. */
  private static final int OWNED = 1;

  /** Offset of the shared count, on the stripe's second cache line. */
  private static final int SHARED = 8;

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int STRIPES =
      EvaluationCounters.stripes(Runtime.getRuntime().availableProcessors());

  /** Per stripe: owner thread id (0 for none), the owner's count, and the shared count. */
  private final long[] stripes;

  private final int mask;

  /** A counter at zero, with a stripe count fitted to the machine's processors. */
  public StripedCounter() {
    this(STRIPES);
  }

  StripedCounter(int stripeCount) {
    if (stripeCount < 1 || Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripes must be a power of two: " + stripeCount);
    }
    this.stripes = new long[stripeCount * SPACING];
    this.mask = stripeCount - 1;
  }

  /** Adds one. */
  public void increment() {
    long id = Thread.currentThread().getId();
    int i = ((int) id & mask) * SPACING;
    long owner = (long) LONGS.getOpaque(stripes, i);
    if (owner == id || (owner == 0 && LONGS.compareAndSet(stripes, i, 0L, id))) {
      // The owner alone writes this count: a plain add is exact.
      LONGS.setOpaque(stripes, i + OWNED, (long) LONGS.getOpaque(stripes, i + OWNED) + 1);
    } else {
      LONGS.getAndAdd(stripes, i + SHARED, 1L);
    }
  }

  /**
   * The count: the sum of every stripe's counts, each read whole; adds racing with the read may
   * or may not be in it.
   *
   * @return the count
   */
  public long sum() {
    long n = 0;
    for (int i = 0; i < stripes.length; i += SPACING) {
      n += (long) LONGS.getVolatile(stripes, i + OWNED)
          + (long) LONGS.getVolatile(stripes, i + SHARED);
    }
    return n;
  }
}
