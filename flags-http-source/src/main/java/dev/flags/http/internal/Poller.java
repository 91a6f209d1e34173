package dev.flags.http.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs polls on a scheduler it is given: at most one at a time, each scheduled when the previous
 * one has finished, after the delay that one chose. What a request produced is handled on the
 * executor given at construction, whichever thread completed it. {@link #pollNow()} during a poll
 * runs one more right after it, however often it is called; {@link #pollWithin} moves the next
 * poll earlier, or runs one more within its delay after the poll in flight. {@link #close()}
 * cancels the next poll and the request in flight, whose result is then dropped, and waits
 * (bounded) for a result being handled. Thread-safe.
 *
 * @param <T> what a poll's request produces
 */
public final class Poller<T> {
  /** How long {@link #close()} waits for a result being handled. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** What each poll does, given to {@link #start}. */
  private record Cycle<T>(
      Supplier<CompletableFuture<T>> send,
      Function<? super T, Duration> onResult,
      Function<Throwable, Duration> onFailure) {}

  private final Executor handlers;
  private final Object lock = new Object();
  // Guarded by lock.
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable Cycle<T> cycle;
  private @Nullable ScheduledFuture<?> next;
  private @Nullable CompletableFuture<T> inFlight;
  private @Nullable Duration nextDelay;
  private boolean polling;
  /** The thread handling a result, or null. */
  private @Nullable Thread handling;

  /** Asked for during a poll: the longest wait before one more poll after it, or null. */
  private @Nullable Duration pollAgain;

  private boolean closed;

  /**
   * A poller that handles results on this executor.
   *
   * @param handlers where results are handled
   */
  public Poller(Executor handlers) {
    this.handlers = handlers;
  }

  /**
   * Starts polling: the first poll runs at once. Ignored once closed.
   *
   * @param scheduler where polls run
   * @param send starts a poll's request; cancelling the future it returns must abort the request
   * @param onResult handles what a request produced and returns the delay before the next poll
   * @param onFailure handles a poll that failed unexpectedly ({@code send} or {@code onResult}
   *     threw, or the request's future failed) and returns the delay before the next poll
   */
  public void start(
      ScheduledExecutorService scheduler,
      Supplier<CompletableFuture<T>> send,
      Function<? super T, Duration> onResult,
      Function<Throwable, Duration> onFailure) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      this.scheduler = scheduler;
      this.cycle = new Cycle<>(send, onResult, onFailure);
    }
    schedule(Duration.ZERO);
  }

  /** Polls at once, or right after the poll in flight. Ignored before start and once closed. */
  public void pollNow() {
    pollWithin(Duration.ZERO);
  }

  /**
   * Polls within this delay: the next poll moves earlier if it is due later (one due sooner
   * stays); during a poll, one more runs within this delay after it ends (a request in flight may
   * have been answered before what prompted the call). However often it is called, the soonest
   * request wins and one poll serves them all. Ignored before start and once closed.
   *
   * @param delay the longest wait, zero for at once
   */
  public void pollWithin(Duration delay) {
    synchronized (lock) {
      if (closed || cycle == null) {
        return;
      }
      if (polling) {
        Duration again = pollAgain;
        pollAgain = again == null || delay.compareTo(again) < 0 ? delay : again;
        return;
      }
      ScheduledFuture<?> n = next;
      if (n != null && !n.isDone() && n.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos()) {
        return; // due sooner already, or starting now
      }
      schedule(delay);
    }
  }

  /**
   * Returns the delay chosen before the next poll. It is set after a poll has finished, so it
   * follows whatever that poll recorded.
   *
   * @return the delay, or null before the first poll is scheduled
   */
  public @Nullable Duration nextDelay() {
    synchronized (lock) {
      return nextDelay;
    }
  }

  /**
   * Returns whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Stops polling: cancels the next poll and the request in flight, and waits up to {@link
   * #CLOSE_WAIT} for a result being handled (a document being delivered, a cache file being
   * written), unless called from that handling itself. Idempotent.
   *
   * @return true if this call closed the poller, false if it was closed already
   */
  public boolean close() {
    CompletableFuture<T> f;
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
      ScheduledFuture<?> n = next;
      if (n != null) {
        n.cancel(false);
      }
      f = inFlight;
      scheduler = null;
      cycle = null;
    }
    if (f != null) {
      f.cancel(true);
    }
    awaitHandling();
    return true;
  }

  private void awaitHandling() {
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    synchronized (lock) {
      Thread h = handling;
      while (h != null && h != Thread.currentThread()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        h = handling;
      }
    }
  }

  private void schedule(Duration delay) {
    synchronized (lock) {
      ScheduledExecutorService s = scheduler;
      if (closed || s == null) {
        return;
      }
      ScheduledFuture<?> n = next;
      if (n != null) {
        n.cancel(false);
      }
      nextDelay = delay;
      next = s.schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void poll() {
    Cycle<T> c;
    synchronized (lock) {
      c = cycle;
      if (closed || c == null || polling) {
        return;
      }
      polling = true;
    }
    CompletableFuture<T> f;
    try {
      f = c.send().get();
    } catch (RuntimeException e) {
      finish(c.onFailure().apply(e));
      return;
    }
    synchronized (lock) {
      inFlight = f;
      if (closed) {
        f.cancel(true);
      }
    }
    // The action catches what a poll can throw: the returned stage has nothing more to report.
    CompletableFuture<?> unused =
        f.whenCompleteAsync((result, error) -> handle(c, result, error), handlers);
  }

  private void handle(Cycle<T> c, T result, @Nullable Throwable error) {
    synchronized (lock) {
      if (closed) {
        polling = false; // ended by close(): nothing to report, nothing to schedule
        inFlight = null;
        return;
      }
      handling = Thread.currentThread();
    }
    Duration delay;
    try {
      delay = error != null ? c.onFailure().apply(unwrap(error)) : c.onResult().apply(result);
    } catch (RuntimeException e) {
      // One bad poll never stops the loop.
      delay = c.onFailure().apply(e);
    } finally {
      synchronized (lock) {
        handling = null;
        lock.notifyAll();
      }
    }
    finish(delay);
  }

  private void finish(Duration delay) {
    synchronized (lock) {
      polling = false;
      inFlight = null;
      Duration again = pollAgain;
      pollAgain = null;
      schedule(again != null && again.compareTo(delay) < 0 ? again : delay);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error.getCause();
    return error instanceof CompletionException && cause != null ? cause : error;
  }
}
