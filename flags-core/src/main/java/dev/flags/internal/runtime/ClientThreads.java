package dev.flags.internal.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names a client's threads {@code <client>-<role>-<n>} and makes them daemons. Thread-safe. */
final class ClientThreads {
  private final String client;
  private final AtomicInteger count = new AtomicInteger();

  ClientThreads(String client) {
    this.client = client;
  }

  ThreadFactory factory(String role) {
    return r -> {
      Thread t = new Thread(r, client + "-" + role + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
