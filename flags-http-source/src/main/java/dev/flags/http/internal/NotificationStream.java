package dev.flags.http.internal;

import dev.flags.http.internal.StreamBody.Chunk;
import dev.flags.http.internal.StreamOpener.Opened;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a notification stream open on a thread of its own, and says what it brings: opened, an
 * event, down (and why). A stream is dead when no byte arrives within the read timeout; after a
 * failure or an end the thread waits as {@link ReconnectBackoff} says and opens it again, sending
 * the last event ID. Nothing the server sends stops the thread: only {@link #close()} does.
 * Thread-safe.
 */
public final class NotificationStream {
  /** How long {@link #close()} waits for the thread to end. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** What the stream says, called on its thread. */
  public interface Listener {
    /** The stream opened: events may have been missed while it was closed. */
    void opened();

    /** An event arrived. */
    void event();

    /**
     * The stream failed to open, or ended.
     *
     * @param reason why, for status and logs
     * @param failuresInARow attempts in a row that failed or did not stay open long enough
     * @param retryIn the wait before the next attempt
     */
    void down(String reason, int failuresInARow, Duration retryIn);
  }

  private final StreamOpener opener;
  private final ReconnectBackoff backoff;
  private final NotificationStats stats;
  private final Duration readTimeout;
  private final int maxLineBytes;
  private final String threadName;
  private final Object lock = new Object();
  // Guarded by lock.
  private @Nullable Thread thread;
  private boolean closed;

  // Only the stream's thread uses these.
  private String lastEventId = "";
  /** The stream's reconnection time (its {@code retry} field), kept across connections. */
  private @Nullable Duration streamRetry;
  /** The {@code Retry-After} of the last refused attempt, or null. */
  private @Nullable Duration retryAfter;

  /**
   * A stream, not started.
   *
   * @param opener opens it
   * @param backoff the delays between attempts
   * @param stats where its counters go
   * @param readTimeout the longest silence of an open stream
   * @param maxLineBytes the longest line accepted
   * @param threadName the name of its thread
   */
  public NotificationStream(
      StreamOpener opener,
      ReconnectBackoff backoff,
      NotificationStats stats,
      Duration readTimeout,
      int maxLineBytes,
      String threadName) {
    this.opener = opener;
    this.backoff = backoff;
    this.stats = stats;
    this.readTimeout = readTimeout;
    this.maxLineBytes = maxLineBytes;
    this.threadName = threadName;
  }

  /**
   * Starts the thread, a daemon. Ignored once started or closed.
   *
   * @param clock the times recorded in the statistics
   * @param listener what is told of the stream
   */
  public void start(Clock clock, Listener listener) {
    synchronized (lock) {
      if (closed || thread != null) {
        return;
      }
      Thread t = new Thread(() -> run(clock, listener), threadName);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  /**
   * Stops the thread: closes the open stream or cancels the attempt in flight, and waits up to
   * {@link #CLOSE_WAIT} for the thread to end (unless called from it). Idempotent.
   */
  public void close() {
    Thread t;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
    }
    if (t == null) {
      return;
    }
    t.interrupt();
    if (t != Thread.currentThread()) {
      try {
        t.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void run(Clock clock, Listener listener) {
    try {
      while (!isClosed()) {
        String reason;
        try {
          reason = attempt(clock, listener);
        } catch (RuntimeException e) {
          // A bug, or a listener that threw: reported like any failure, and retried.
          reason = "unexpected " + Fetcher.describe(e);
        }
        stats.disconnected();
        if (isClosed()) {
          return;
        }
        Duration delay = backoff.next(System.nanoTime(), serverDelay());
        try {
          listener.down(reason, backoff.failuresInARow(), delay);
        } catch (RuntimeException e) {
          // What the source does with the news failed (its client closing, say): the stream's
          // own state is intact, and the next attempt goes on.
        }
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
      }
    } catch (InterruptedException e) {
      // close(): the thread ends.
    }
  }

  /** The longer of the server's reconnection time and its last {@code Retry-After}, or null. */
  private @Nullable Duration serverDelay() {
    Duration a = streamRetry;
    Duration b = retryAfter;
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** One attempt: opens the stream and reads it until it ends; returns why it ended. */
  private String attempt(Clock clock, Listener listener) throws InterruptedException {
    stats.attempt();
    retryAfter = null;
    Opened opened = opener.open(lastEventId);
    if (opened instanceof Opened.Refused refused) {
      retryAfter = RetryAfter.parse(refused.retryAfter(), clock.instant());
      return refused.reason();
    }
    StreamBody body = ((Opened.Stream) opened).body();
    try {
      backoff.opened(System.nanoTime());
      stats.connected(clock.instant());
      listener.opened();
      return read(body, clock, listener);
    } finally {
      body.cancel();
    }
  }

  private String read(StreamBody body, Clock clock, Listener listener) throws InterruptedException {
    SseParser parser = new SseParser(maxLineBytes, lastEventId);
    SseParser.Listener events = new SseParser.Listener() {
      @Override
      public void event(String type, String id) {
        stats.event(id, clock.instant());
        listener.event();
      }

      @Override
      public void retry(long millis) {
        streamRetry = Duration.ofMillis(millis);
      }

      @Override
      public void comment() {
        // A heartbeat: its bytes have reset the read timeout.
      }
    };
    while (true) {
      Chunk chunk = body.next(readTimeout.toNanos());
      if (chunk == null) {
        return "no data for " + readTimeout
            + " (the read timeout; the server must send heartbeats more often)";
      } else if (chunk instanceof Chunk.End) {
        return "the server closed the stream";
      } else if (chunk instanceof Chunk.Failed failed) {
        return Fetcher.describe(failed.error());
      }
      try {
        for (ByteBuffer b : ((Chunk.Bytes) chunk).buffers()) {
          parser.feed(b, events);
        }
      } catch (SseException e) {
        return e.reason();
      } finally {
        lastEventId = parser.lastEventId();
      }
    }
  }
}
