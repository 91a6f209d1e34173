package dev.flags.internal.safety;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.ExposureTap;
import dev.flags.internal.snapshot.StripedCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exposure events: the first time a context key sees a flag's variant within the period, the
 * listener hears of it, on the delivery thread.
 *
 * <p>The evaluating thread ({@link #exposed}) hashes the exposure into a {@code long} (the
 * context's cached key hash, the flag's key hash and the variant's string hash) and looks it up
 * in a fixed-size filter of recently queued hashes ({@link #place}: two slots per place, at most
 * 512 KiB so that it stays in cache): a hit, the common case, returns at once without allocating
 * or locking. A miss offers the candidate to a bounded lock-free queue and, once it is queued,
 * writes the hash into the filter. The delivery thread ({@link #run}) takes candidates off the
 * queue, asks the Caffeine cache ({@link ExposureDedup}, bounded by size and period) whether the
 * exposure is new, and if so delivers it. The filter only ever suppresses true repeats: it is
 * emptied (in place) every second or period, whichever is shorter, and the cache decides.
 *
 * <p>When the listener falls behind and the queue is full, the evaluating threads shed the work:
 * until the delivery thread takes a candidate off, every evaluation that would be looked up is
 * counted dropped and does nothing else (no hash, no filter, no queue), which costs less than a
 * de-duplication hit, so evaluation costs no more while the listener is behind than while it
 * keeps up. The count is of evaluations whose exposure went unrecorded, repeats of one exposure
 * included; a dropped exposure is not remembered, so the context's next evaluation once there is
 * room offers it again.
 */
public final class ExposureTracker extends ExposureTap implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.listener");
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** What delivers an exposure: the runtime builds the public value and calls the listener. */
  @FunctionalInterface
  public interface Sink {
    /** Delivers one exposure; may throw, which is logged. */
    void deliver(String flagKey, String variant, String contextKey, Reason reason, String version);
  }

  private final ExposureQueue queue;
  private final ExposureDedup dedup;
  private final Sink sink;
  private final long filterIntervalNanos;
  private final StripedCounter dropped = new StripedCounter();
  private final LongAdder delivered = new LongAdder();
  private final long[] filter;
  /** Whether a miss wrote to the filter since it was last emptied. */
  private volatile boolean written;

  private volatile @Nullable Thread consumer;
  private volatile boolean sleeping;
  /**
   * Set by an evaluating thread whose offer found the queue full, cleared by the consumer after
   * each poll: while it is set, an evaluation's exposure is dropped before anything else, without
   * the hash, the filter or the queue's sequence and tail, which the consumer writes
   * (ExposureLatencyBenchmark: see BENCHMARKS.md, "Exposures: shedding while the queue is full").
   */
  private volatile boolean full;

  private long nextRotation;

  /**
   * A tracker.
   *
   * @param maxEntries the most exposures the cache remembers
   * @param period how long an exposure is remembered
   * @param queueCapacity the queue's capacity, a power of two
   * @param filterSize the filter's size, a power of two, at least 2
   * @param clock the client's clock (the cache's time and the exposures' time)
   * @param sink where new exposures go
   */
  public ExposureTracker(
      long maxEntries, Duration period, int queueCapacity, int filterSize, Clock clock, Sink sink) {
    if (filterSize < 2 || Integer.bitCount(filterSize) != 1) {
      throw new IllegalArgumentException(
          "filter size must be a power of two, at least 2: " + filterSize);
    }
    this.queue = new ExposureQueue(queueCapacity);
    this.dedup = new ExposureDedup(maxEntries, period, clock);
    this.sink = sink;
    this.filterIntervalNanos = Math.min(period.toNanos(), TimeUnit.SECONDS.toNanos(1));
    this.filter = new long[filterSize];
  }

  /** {@link Context#keyHash()} of the empty key. */
  private static final long EMPTY_KEY_HASH = Context.EMPTY.keyHash();

  /** The largest filter: 2^16 hashes, 512 KiB, which stays in a core's L2 cache. */
  static final int MAX_FILTER = 1 << 16;

  /**
   * The filter size for {@code maxEntries}: the power of two at or above it, from 16 to {@link
   * #MAX_FILTER}. The filter only spares the queue repeats of recently seen exposures, the cache
   * decides; a filter larger than the cache a core has made every lookup a memory access (a
   * million entries took 8 MiB, read at a random place on every evaluation).
   *
   * @param maxEntries the most exposures the de-duplication cache remembers
   * @return the filter's size in hashes
   */
  public static int filterSizeFor(long maxEntries) {
    long n = Math.max(16, Math.min(MAX_FILTER, maxEntries));
    return (int) Long.highestOneBit(n - 1) << 1;
  }

  @Override
  public void exposed(CompiledFlag flag, Evaluation result, Context context) {
    String variant = result.variant();
    if (variant == null) {
      return;
    }
    // The cached key hash first: only a key with the empty key's hash can be empty, so the common
    // case never reads the key's characters (another cache line per context, and contexts are
    // many).
    long keyHash = context.keyHash();
    String key = context.key();
    if (keyHash == EMPTY_KEY_HASH && key.isEmpty()) {
      return; // an anonymous context has nothing to de-duplicate by
    }
    if (full) {
      dropped.increment(); // shed without hashing or reading the queue: see full
      return;
    }
    long h = hash(keyHash, flag.keyHash(), variant.hashCode());
    int slot = place(filter, h);
    if (slot < 0) {
      return; // seen within the filter's interval
    }
    if (offer(flag.key(), result, key, h)) {
      filter[slot] = h;
      if (!written) {
        written = true;
      }
    }
  }

  /**
   * Offers a new exposure to the queue, or counts it dropped. Apart from {@link #exposed} so that
   * the path the JIT inlines into every evaluation stays short: while the queue is full, this is
   * not reached.
   *
   * @return whether it was queued
   */
  private boolean offer(String flagKey, Evaluation result, String contextKey, long h) {
    if (queue.offer(flagKey, result, contextKey, h)) {
      wakeConsumer();
      return true;
    }
    // Marked full, then tried once more: a poll that freed a slot before the mark was set is
    // seen by the second offer, and one after it clears the mark, so it never outlives room.
    full = true;
    if (queue.offer(flagKey, result, contextKey, h)) {
      full = false;
      wakeConsumer();
      return true;
    }
    dropped.increment();
    return false;
  }

  private void wakeConsumer() {
    if (sleeping) {
      Thread c = consumer;
      if (c != null) {
        LockSupport.unpark(c);
      }
    }
  }

  /**
   * Looks {@code h} up in the filter: two slots per hash, side by side in one cache line, so two
   * exposures that meet at the same place both stay. The caller writes {@code h} into the slot
   * returned once the exposure is queued. Racy on purpose: a lost write only costs a queue offer,
   * and the cache still decides.
   *
   * @return -1 when {@code h} is there, else the slot to write it to: an empty one first, else
   *     the one a bit of the hash picks
   */
  static int place(long[] filter, long h) {
    int i = (int) (h ^ (h >>> 29)) & (filter.length - 2);
    long first = filter[i];
    long second = filter[i + 1];
    if (first == h || second == h) {
      return -1;
    }
    return first == 0 ? i : second == 0 ? i + 1 : i + (int) ((h >>> 43) & 1);
  }

  /** Mixes the three hashes into one, never 0 (the filter's empty slot). */
  static long hash(long contextKeyHash, long flagKeyHash, int variantHash) {
    long h = contextKeyHash * 0x9E3779B97F4A7C15L + flagKeyHash;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + variantHash;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }

  /** The delivery loop: runs until its thread is interrupted. */
  @Override
  public void run() {
    consumer = Thread.currentThread();
    nextRotation = System.nanoTime() + filterIntervalNanos;
    ExposureQueue.Reader reader = this::deliver;
    while (!Thread.currentThread().isInterrupted()) {
      boolean any = false;
      for (int n = 0; n < 1024 && queue.poll(reader); n++) {
        any = true;
        if (full) {
          full = false; // a slot is free
        }
      }
      if (System.nanoTime() - nextRotation >= 0) {
        if (written) {
          // Emptied in place: no garbage. A write racing with this only keeps one hash that was
          // just seen, which the cache still remembers.
          written = false;
          Arrays.fill(filter, 0);
        }
        nextRotation = System.nanoTime() + filterIntervalNanos;
      }
      if (!any) {
        sleeping = true;
        if (queue.isEmpty()) {
          LockSupport.parkNanos(this, Math.min(IDLE_PARK_NANOS, filterIntervalNanos));
        }
        sleeping = false;
      }
    }
  }

  private void deliver(String flagKey, Evaluation result, String contextKey, long hash) {
    if (!dedup.firstSeen(hash)) {
      return;
    }
    String variant = result.variant();
    if (variant == null) {
      return;
    }
    try {
      sink.deliver(flagKey, variant, contextKey, result.reason(), result.version());
      delivered.increment();
    } catch (RuntimeException e) {
      LOG.warn("exposure listener threw {} (ignored)", e.toString());
      LOG.debug("exposure listener threw", e);
    }
  }

  /**
   * Evaluations whose exposure was dropped because the queue was full, repeats included.
   *
   * @return the count
   */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * Exposures delivered to the listener (without throwing).
   *
   * @return the count
   */
  public long delivered() {
    return delivered.sum();
  }

  /**
   * Exposures the cache remembers now (runs its pending maintenance first): for measurements.
   *
   * @return the count
   */
  public long remembered() {
    return dedup.size();
  }
}
