package dev.flags.http.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Delays between polls. After a success: the poll interval plus a random jitter, so a fleet
 * spreads out. After transient failures: exponential backoff with full jitter (a uniformly random
 * delay between 0 and {@code min(max, initial * 2^(failures-1))}), never shorter than the
 * server's {@code Retry-After} up to a cap (any intermediary can send one). After failures an
 * operator must fix (401, 403, 404): a long, fixed delay. While push notifications are up, the
 * interval after a success is the longer backstop interval, with its own jitter.
 */
public final class Backoff {
  private final Duration interval;
  private final Duration jitter;
  private final Duration initial;
  private final Duration max;
  private final Duration operatorErrorDelay;
  private final Duration maxRetryAfter;
  private final DoubleSupplier random;
  private final Duration backstop;
  private final Duration backstopJitter;
  private volatile boolean notified;

  /** Delays for a source without notifications: the interval always applies. */
  public Backoff(
      Duration interval,
      Duration jitter,
      Duration initial,
      Duration max,
      Duration operatorErrorDelay,
      Duration maxRetryAfter,
      DoubleSupplier random) {
    this(
        interval,
        jitter,
        initial,
        max,
        operatorErrorDelay,
        maxRetryAfter,
        random,
        interval,
        jitter);
  }

  /**
   * Delays for a source with notifications: the backstop interval and jitter apply after a success
   * while they are up (see {@link #notifications}).
   */
  public Backoff(
      Duration interval,
      Duration jitter,
      Duration initial,
      Duration max,
      Duration operatorErrorDelay,
      Duration maxRetryAfter,
      DoubleSupplier random,
      Duration backstop,
      Duration backstopJitter) {
    this.interval = interval;
    this.jitter = jitter;
    this.initial = initial;
    this.max = max;
    this.operatorErrorDelay = operatorErrorDelay;
    this.maxRetryAfter = maxRetryAfter;
    this.random = random;
    this.backstop = backstop;
    this.backstopJitter = backstopJitter;
  }

  /**
   * Records whether push notifications are up: while they are, a success is followed by the
   * backstop interval.
   *
   * @param up whether they are up
   */
  public void notifications(boolean up) {
    notified = up;
  }

  /**
   * The delay before the next poll after a successful one: the backstop interval plus its jitter
   * while notifications are up, else {@link #pollInterval()}.
   */
  public Duration afterSuccess() {
    return notified
        ? backstop.plusNanos((long) (random.getAsDouble() * backstopJitter.toNanos()))
        : pollInterval();
  }

  /** The poll interval plus a random jitter, whether notifications are up or not. */
  public Duration pollInterval() {
    return interval.plusNanos((long) (random.getAsDouble() * jitter.toNanos()));
  }

  /**
   * The delay after the {@code failures}-th consecutive transient failure.
   *
   * @param retryAfter the server's Retry-After, or null; honoured up to the cap given at
   *     construction
   */
  public Duration afterFailure(int failures, @Nullable Duration retryAfter) {
    long cap = initial.toNanos();
    for (int i = 1; i < failures && cap < max.toNanos(); i++) {
      cap *= 2;
    }
    cap = Math.min(cap, max.toNanos());
    Duration backoff = Duration.ofNanos((long) (random.getAsDouble() * cap));
    if (retryAfter == null) {
      return backoff;
    }
    Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    return asked.compareTo(backoff) > 0 ? asked : backoff;
  }

  /** The delay after an error an operator must fix (401, 403, 404). */
  public Duration afterOperatorError() {
    return operatorErrorDelay.plusNanos((long) (random.getAsDouble() * jitter.toNanos()));
  }
}
