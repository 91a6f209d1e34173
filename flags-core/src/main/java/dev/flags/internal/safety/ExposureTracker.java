package dev.flags.internal.safety;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.ExposureTap;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCell;
import dev.flags.internal.snapshot.StripedCounter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>When the listener falls behind and an offer finds the queue full, the tracker sheds: the
 * evaluating thread counts the exposure dropped, marks the tracker shedding and swaps the
 * client's snapshot for its twin without the tap ({@link ExposureGate}), so that later
 * evaluations take exactly the path they take with exposures off. Once the delivery thread has
 * drained the queue to half, it swaps the snapshot back. While shedding, exposures are neither
 * recorded nor counted one by one: {@link #dropped()} counts the evaluations that reached the
 * tracker and could not be queued, {@link #sheds()} and {@link #shedMillis()} how often and how
 * long it shed. A dropped exposure is not remembered, so the context's next evaluation once the
 * tap is back offers it again.
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
  private final Clock clock;
  private final int reopenAt;
  private final StripedCounter dropped = new StripedCounter();
  private final LongAdder delivered = new LongAdder();
  private final AtomicLong sheds = new AtomicLong();
  private final AtomicLong shedMillis = new AtomicLong();
  private final long[] filter;
  /** Whether a miss wrote to the filter since it was last emptied. */
  private volatile boolean written;

  private volatile @Nullable Thread consumer;
  private volatile boolean sleeping;
  /**
   * When the tracker began shedding (the clock's millis), or {@link #NOT_SHEDDING}. Set by an
   * evaluating thread whose offer found the queue full, cleared only by the delivery thread once
   * the queue is down to {@link #reopenAt}. While it is set, an evaluation that still reaches the
   * tracker (the swap to the twin not yet seen, or a pinned snapshot) drops its exposure before
   * anything else, without the hash, the filter or the queue's sequence and tail, which the
   * delivery thread writes.
   */
  private volatile long shedSince = NOT_SHEDDING;

  private static final long NOT_SHEDDING = Long.MIN_VALUE;
  private static final VarHandle SHED_SINCE;

  static {
    try {
      SHED_SINCE =
          MethodHandles.lookup().findVarHandle(ExposureTracker.class, "shedSince", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The snapshot served now, its twin without the tap and the client's field; null before. */
  private volatile @Nullable ExposureGate gate;

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
    this.reopenAt = queueCapacity / 2;
    this.clock = clock;
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
    if (shedSince != NOT_SHEDDING) {
      shed(); // without hashing or reading the queue: see shedSince
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
   * Offers a new exposure to the queue, or begins to shed. Apart from {@link #exposed} so that
   * the code a de-duplication hit runs stays short.
   *
   * @return whether it was queued
   */
  private boolean offer(String flagKey, Evaluation result, String contextKey, long h) {
    if (queue.offer(flagKey, result, contextKey, h)) {
      wakeConsumer();
      return true;
    }
    if (SHED_SINCE.compareAndSet(this, NOT_SHEDDING, clock.millis())) {
      sheds.incrementAndGet();
    }
    shed();
    // A delivery thread that drained the queue before the mark was set ends it on waking.
    wakeConsumer();
    return false;
  }

  /** Counts a dropped exposure and serves the twin without the tap, if not done yet. */
  private void shed() {
    dropped.increment();
    ExposureGate g = gate;
    if (g != null) {
      g.close();
    }
  }

  /**
   * Publishes {@code next} in the client's field and keeps its twin without the tap, for when the
   * queue is full. Called by the client's controller for every snapshot it publishes, under its
   * lock; while the tracker sheds, the next evaluation that reaches it swaps in the new twin.
   *
   * @param next the snapshot to serve, with this tracker as its tap
   * @param cell the client's field
   */
  public void serve(Snapshot next, SnapshotCell cell) {
    gate = next.exposures() == this ? ExposureGate.of(cell, next) : null;
    cell.set(next);
  }

  /**
   * On the delivery thread: ends shedding once the queue is down to {@link #reopenAt}, and serves
   * the snapshot with the tap whenever the tracker is not shedding (an evaluation that swapped in
   * the twin just as shedding ended is undone here).
   */
  private void reviewShedding() {
    long since = shedSince;
    if (since != NOT_SHEDDING
        && queue.size() <= reopenAt
        && SHED_SINCE.compareAndSet(this, since, NOT_SHEDDING)) {
      shedMillis.addAndGet(Math.max(0, clock.millis() - since));
      since = NOT_SHEDDING;
    }
    ExposureGate g = gate;
    if (since == NOT_SHEDDING && g != null) {
      g.reopen();
    }
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
        if (shedSince != NOT_SHEDDING) {
          reviewShedding();
        }
      }
      reviewShedding();
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
   * Evaluations that reached the tracker and whose exposure was dropped because the queue was
   * full: refused offers, and evaluations in the moment before the swap to the twin is seen.
   *
   * @return the count
   */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * How many times the tracker began to shed.
   *
   * @return the count
   */
  public long sheds() {
    return sheds.get();
  }

  /**
   * How long the tracker has shed, in the clock's milliseconds, the current spell included.
   *
   * @return the total
   */
  public long shedMillis() {
    while (true) {
      long ended = shedMillis.get();
      long since = shedSince;
      if (shedMillis.get() == ended) {
        return ended + (since == NOT_SHEDDING ? 0 : Math.max(0, clock.millis() - since));
      }
    }
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
