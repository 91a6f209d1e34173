package dev.flags.http.internal;

import dev.flags.http.HttpFlagSource;
import dev.flags.spi.SourceContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * A source's push notifications, put together: the stream on its own thread ({@link
 * NotificationStream}, opened by a {@link StreamOpener} on the source's HTTP client, waiting as a
 * {@link ReconnectBackoff} says), its counters, and what the source does with it ({@link
 * NotifyThenFetch}). Started with the source, closed with it. Thread-safe.
 */
public final class Notifications {
  private final NotificationStats stats = new NotificationStats();
  private final NotificationStream stream;
  private final String name;
  private final Duration delay;
  private final DoubleSupplier random;

  /**
   * The notifications of one source, not started.
   *
   * @param client the source's HTTP client, whose thread names this stream's thread follows
   * @param uri the stream's URL
   * @param headers the caller's headers
   * @param sensitive lower-case names of the caller's headers that are credentials
   * @param readTimeout the longest silence of an open stream
   * @param initialBackoff the first reconnection delay cap
   * @param maxBackoff the largest reconnection delay cap
   * @param delay the longest random delay before the fetch an event asks for
   * @param random values in [0, 1)
   */
  public Notifications(
      SourceHttpClient client,
      URI uri,
      Map<String, String> headers,
      Set<String> sensitive,
      Duration readTimeout,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration delay,
      DoubleSupplier random) {
    this.name = Uris.redact(uri);
    this.delay = delay;
    this.random = random;
    this.stream = new NotificationStream(
        new StreamOpener(client.client(), uri, headers, sensitive, readTimeout),
        new ReconnectBackoff(
            initialBackoff, maxBackoff, HttpFlagSource.NOTIFICATION_HEALTHY_PERIOD, random),
        stats,
        readTimeout,
        HttpFlagSource.MAX_NOTIFICATION_LINE_BYTES,
        client.threadName("notifications"));
  }

  /**
   * Starts the stream's thread.
   *
   * @param context the source's client
   * @param poller the source's polls, asked for a fetch after each event
   * @param backoff the source's delays, told whether the stream is up
   */
  public void start(SourceContext context, Poller<?> poller, Backoff backoff) {
    stream.start(
        context.clock(), new NotifyThenFetch(poller, backoff, context, name, delay, random));
  }

  /**
   * Returns the stream's counters.
   *
   * @return the snapshot
   */
  public NotificationStats.Counts counts() {
    return stats.counts();
  }

  /** Stops the stream's thread (see {@link NotificationStream#close()}). Idempotent. */
  public void close() {
    stream.close();
  }
}
