package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.GuardrailTrip;
import dev.flags.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a client owns: its scheduler (schedule boundaries), one scheduler per source that
 * polls (so that one source's slow I/O delays no other work), one dispatcher per listener and
 * workers such as the exposure delivery thread.
 * Named {@code <client>-<role>-<n>}, daemons, stopped by {@link #shutdown}. Thread-safe.
 */
final class ClientThreads {
  private final String client;
  private final AtomicInteger count = new AtomicInteger();
  private final ScheduledThreadPoolExecutor scheduler;
  private final Listeners<ChangeEvent> changeListeners;
  private final Listeners<Status> statusListeners;
  private final Listeners<GuardrailTrip> guardrailListeners;
  private final List<ThreadPoolExecutor> workers = new CopyOnWriteArrayList<>();
  private final List<ScheduledThreadPoolExecutor> sourceSchedulers = new CopyOnWriteArrayList<>();

  ClientThreads(String client) {
    this.client = client;
    this.scheduler = scheduler("scheduler");
    this.changeListeners = new Listeners<>("change-listener", this);
    this.statusListeners = new Listeners<>("status-listener", this);
    this.guardrailListeners = new Listeners<>("guardrail-listener", this);
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

  Listeners<GuardrailTrip> guardrailListeners() {
    return guardrailListeners;
  }

  /**
   * Runs {@code loop} on a thread of its own ({@code <client>-<role>-<n>}) until {@link
   * #shutdown} interrupts it; the loop must end when its thread is interrupted.
   */
  void startWorker(String role, Runnable loop) {
    ThreadPoolExecutor w = new ThreadPoolExecutor(
        1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory(role));
    workers.add(w);
    w.execute(loop);
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
    guardrailListeners.shutdown();
    for (ThreadPoolExecutor w : workers) {
      w.shutdownNow();
    }
    long deadline = System.nanoTime() + waitNanos;
    try {
      scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      for (ScheduledThreadPoolExecutor s : sourceSchedulers) {
        s.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      changeListeners.awaitTermination(deadline);
      statusListeners.awaitTermination(deadline);
      guardrailListeners.awaitTermination(deadline);
      for (ThreadPoolExecutor w : workers) {
        w.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
