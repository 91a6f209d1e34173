package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a client owns: its scheduler (schedule boundaries), one scheduler per source that
 * polls (so that one source's slow I/O delays no other work) and one dispatcher per listener.
 * Named {@code <client>-<role>-<n>}, daemons, stopped by {@link #shutdown}. Thread-safe.
 */
final class ClientThreads {
  private final String client;
  private final AtomicInteger count = new AtomicInteger();
  private final ScheduledThreadPoolExecutor scheduler;
  private final Listeners<ChangeEvent> changeListeners;
  private final Listeners<Status> statusListeners;
  private final List<ScheduledThreadPoolExecutor> sourceSchedulers = new CopyOnWriteArrayList<>();

  ClientThreads(String client) {
    this.client = client;
    this.scheduler = scheduler("scheduler");
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

  /** A new single-thread scheduler for one source, stopped with the others. */
  ScheduledThreadPoolExecutor sourceScheduler() {
    ScheduledThreadPoolExecutor s = scheduler("source");
    sourceSchedulers.add(s);
    return s;
  }

  private ScheduledThreadPoolExecutor scheduler(String role) {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, factory(role));
    s.setRemoveOnCancelPolicy(true);
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return s;
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
    for (ScheduledThreadPoolExecutor s : sourceSchedulers) {
      s.shutdownNow();
    }
    changeListeners.shutdown();
    statusListeners.shutdown();
    long deadline = System.nanoTime() + waitNanos;
    try {
      scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      for (ScheduledThreadPoolExecutor s : sourceSchedulers) {
        s.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      changeListeners.awaitTermination(deadline);
      statusListeners.awaitTermination(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
