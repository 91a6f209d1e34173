package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.Status;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a client owns: the scheduler (sources' polls and schedule boundaries) and one
 * dispatcher per listener. Named {@code <client>-<role>-<n>}, daemons, stopped by {@link
 * #shutdown}. Thread-safe.
 */
final class ClientThreads {
  private final String client;
  private final AtomicInteger count = new AtomicInteger();
  private final ScheduledThreadPoolExecutor scheduler;
  private final Listeners<ChangeEvent> changeListeners;
  private final Listeners<Status> statusListeners;

  ClientThreads(String client) {
    this.client = client;
    this.scheduler = new ScheduledThreadPoolExecutor(1, factory("scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.changeListeners = new Listeners<>("change-listener", this);
    this.statusListeners = new Listeners<>("status-listener", this);
  }

  ThreadFactory factory(String role) {
    return r -> {
      Thread t = new Thread(r, client + "-" + role + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  ScheduledThreadPoolExecutor scheduler() {
    return scheduler;
  }

  Listeners<ChangeEvent> changeListeners() {
    return changeListeners;
  }

  Listeners<Status> statusListeners() {
    return statusListeners;
  }

  /**
   * Stops every thread and waits for them at most {@code waitNanos}: queued listener events and
   * scheduled tasks are dropped.
   */
  void shutdown(long waitNanos) {
    scheduler.shutdownNow();
    changeListeners.shutdown();
    statusListeners.shutdown();
    long deadline = System.nanoTime() + waitNanos;
    try {
      scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      changeListeners.awaitTermination(deadline);
      statusListeners.awaitTermination(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
