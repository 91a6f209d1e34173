package dev.flags.http.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Delays between attempts to open the notification stream. The n-th attempt in a row that fails
 * (or whose stream ends before it was healthy long enough) waits a uniformly random time between 0
 * and {@code min(max, initial * 2^(n-1))} (full jitter); a stream that stayed open for the healthy
 * period resets the count. The server's reconnection time (the stream's {@code retry} field, or
 * {@code Retry-After} on an error) is honoured as a lower bound, up to {@code max}. Pure: times
 * come from the caller; not thread-safe.
 */
public final class ReconnectBackoff {
  private final Duration initial;
  private final Duration max;
  private final Duration healthy;
  private final DoubleSupplier random;
  private int failures;
  /** When the open stream was opened (nanoTime), or null while none is open. */
  private @Nullable Long openedAt;

  /**
   * The delays.
   *
   * @param initial the first cap
   * @param max the largest cap, and the most a server may ask for
   * @param healthy how long a stream stays open to reset the count
   * @param random values in [0, 1)
   */
  public ReconnectBackoff(Duration initial, Duration max, Duration healthy, DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.healthy = healthy;
    this.random = random;
  }

  /**
   * Records that a stream opened.
   *
   * @param nanos when, from {@link System#nanoTime()}
   */
  public void opened(long nanos) {
    openedAt = nanos;
  }

  /**
   * Records that an attempt failed, or that the open stream ended, and returns the delay before
   * the next attempt.
   *
   * @param nanos when, from {@link System#nanoTime()}
   * @param serverDelay the reconnection time the server asked for, or null
   * @return the delay
   */
  public Duration next(long nanos, @Nullable Duration serverDelay) {
    Long opened = openedAt;
    openedAt = null;
    if (opened != null && nanos - opened >= healthy.toNanos()) {
      failures = 0;
    }
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    long cap = initial.toNanos();
    for (int i = 1; i < failures && cap < max.toNanos(); i++) {
      cap *= 2;
    }
    cap = Math.min(cap, max.toNanos());
    Duration delay = Duration.ofNanos((long) (random.getAsDouble() * cap));
    if (serverDelay == null) {
      return delay;
    }
    Duration asked = serverDelay.compareTo(max) > 0 ? max : serverDelay;
    return asked.compareTo(delay) > 0 ? asked : delay;
  }

  /**
   * Returns the attempts in a row that failed or did not stay open long enough.
   *
   * @return the count, 0 before any
   */
  public int failuresInARow() {
    return failures;
  }
}
