package dev.flags.internal.runtime;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Wakes the client at the next schedule boundary of what it serves (a window opening or closing,
 * a rollout step starting), and at least hourly, so that a clock that jumps is noticed. One task
 * at a time. Not thread-safe; guarded by the client's lock.
 */
final class ScheduleTimer {
  /** The longest sleep: a distant boundary is re-checked at least this often. */
  static final long MAX_DELAY_MILLIS = 3_600_000L;

  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Runnable onBoundary;
  private @Nullable ScheduledFuture<?> task;

  ScheduleTimer(ScheduledExecutorService executor, Clock clock, Runnable onBoundary) {
    this.executor = executor;
    this.clock = clock;
    this.onBoundary = onBoundary;
  }

  /** Replaces the pending wake-up with one at {@code nextMillis} ({@code MAX_VALUE}: none). */
  void schedule(long nextMillis) {
    cancel();
    if (nextMillis == Long.MAX_VALUE) {
      return;
    }
    task = executor.schedule(
        onBoundary, delayMillis(nextMillis, clock.millis()), TimeUnit.MILLISECONDS);
  }

  void cancel() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
    task = null;
  }

  /** How long to sleep until {@code nextMillis}, at most {@link #MAX_DELAY_MILLIS}. */
  static long delayMillis(long nextMillis, long nowMillis) {
    return Math.min(Math.max(0, nextMillis - nowMillis), MAX_DELAY_MILLIS);
  }
}
