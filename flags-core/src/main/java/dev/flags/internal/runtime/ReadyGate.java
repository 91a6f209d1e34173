package dev.flags.internal.runtime;

import java.time.Duration;

/**
 * What {@link dev.flags.Flags#awaitReady} waits for: the first served document, or the news that
 * none can come (every source stopped after an error). Thread-safe; no threads of its own.
 */
final class ReadyGate {
  private final Object lock = new Object();
  private boolean ready;
  private boolean hopeless;

  /** A first document is served: every waiter returns true, now and later. */
  void open() {
    synchronized (lock) {
      ready = true;
      lock.notifyAll();
    }
  }

  /** No source can deliver a document any more: waiters return false at once. */
  void giveUp() {
    synchronized (lock) {
      hopeless = true;
      lock.notifyAll();
    }
  }

  /**
   * Waits until the gate opens or is given up, at most {@code timeout}.
   *
   * @return true if a document is served
   */
  boolean await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    synchronized (lock) {
      while (!ready && !hopeless) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(left / 1_000_000, (int) (left % 1_000_000));
      }
      return ready;
    }
  }
}
