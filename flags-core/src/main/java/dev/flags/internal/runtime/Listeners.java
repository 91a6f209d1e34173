package dev.flags.internal.runtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners, each on its own daemon thread with a bounded queue, so a slow or
 * failing listener delays and breaks no other and never the caller. A listener that falls more
 * than {@value #QUEUE} events behind loses events, with a warning. Thread-safe.
 *
 * @param <T> the event type
 */
final class Listeners<T> {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.listener");
  private static final int QUEUE = 1_024;

  private final String kind;
  private final ClientThreads threads;
  private final CopyOnWriteArrayList<Dispatcher<T>> dispatchers = new CopyOnWriteArrayList<>();

  Listeners(String kind, ClientThreads threads) {
    this.kind = kind;
    this.threads = threads;
  }

  /** Adds a listener; {@code identity} is what {@link #remove} is given to take it out again. */
  void add(Object identity, Consumer<T> listener) {
    dispatchers.add(new Dispatcher<>(kind, identity, listener, threads));
  }

  /**
   * Removes the first listener added with {@code identity} and stops its thread; events still
   * queued for it are dropped.
   *
   * @return true if there was one
   */
  boolean remove(Object identity) {
    for (Dispatcher<T> d : dispatchers) {
      if (d.identity == identity && dispatchers.remove(d)) {
        d.executor.shutdownNow();
        return true;
      }
    }
    return false;
  }

  void submit(T event) {
    for (Dispatcher<T> d : dispatchers) {
      d.submit(event);
    }
  }

  /** Stops every listener thread; events still queued are dropped. */
  void shutdown() {
    for (Dispatcher<T> d : dispatchers) {
      d.executor.shutdownNow();
    }
  }

  /** Waits for the listener threads to end, until {@code deadline} ({@link System#nanoTime}). */
  void awaitTermination(long deadline) throws InterruptedException {
    for (Dispatcher<T> d : dispatchers) {
      d.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  private static final class Dispatcher<T> {
    final ThreadPoolExecutor executor;
    final Object identity;
    private final String kind;
    private final Consumer<T> target;

    Dispatcher(String kind, Object identity, Consumer<T> target, ClientThreads threads) {
      this.kind = kind;
      this.identity = identity;
      this.target = target;
      this.executor = new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          threads.factory(kind),
          (r, ex) -> LOG.warn("{} {} is not keeping up: event dropped", kind, target));
    }

    void submit(T event) {
      if (executor.isShutdown()) {
        return;
      }
      executor.execute(() -> {
        try {
          target.accept(event);
        } catch (RuntimeException e) {
          LOG.warn("{} threw {} (ignored)", kind, e.toString());
          LOG.debug("{} threw", kind, e);
        }
      });
    }
  }
}
