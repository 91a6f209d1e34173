package dev.flags.http.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client a source sends with: the caller's, which the caller owns, or one of the
 * source's own, whose I/O runs on up to four named daemon threads {@code flags-http-<n>-<m>}
 * (idle ones end after 30 s) that {@link #close()} stops.
 */
public final class SourceHttpClient {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final HttpClient client;
  private final @Nullable ExecutorService ownExecutor;

  private SourceHttpClient(HttpClient client, @Nullable ExecutorService ownExecutor) {
    this.client = client;
    this.ownExecutor = ownExecutor;
  }

  /**
   * Wraps the caller's client, which {@link #close()} leaves alone.
   *
   * @param client the client
   * @return the wrapper
   */
  public static SourceHttpClient callers(HttpClient client) {
    return new SourceHttpClient(client, null);
  }

  /**
   * Creates the source's own client, which follows redirects ({@code Redirect.NORMAL}).
   *
   * @param connectTimeout the connect timeout
   * @return the client
   */
  public static SourceHttpClient create(Duration connectTimeout) {
    int id = IDS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(
        0,
        4,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "flags-http-" + id + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.CallerRunsPolicy());
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .executor(executor)
        .build();
    return new SourceHttpClient(client, executor);
  }

  /**
   * Returns the client to send with.
   *
   * @return the client
   */
  public HttpClient client() {
    return client;
  }

  /** Stops the source's own client and its threads; leaves the caller's client alone. */
  public void close() {
    ExecutorService executor = ownExecutor;
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // HttpClient is AutoCloseable from Java 21 on; on 17 its selector thread ends once the client
    // is unreachable.
    Object o = client;
    if (o instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
  }
}
