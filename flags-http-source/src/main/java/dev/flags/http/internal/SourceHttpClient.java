package dev.flags.http.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP client a source sends with (the caller's, which the caller owns, or one of the
 * source's own) and the source's threads: up to four named daemon threads {@code
 * flags-http-<n>-<m>} (idle ones end after 30 s) that handle every response, and that also run
 * the source's own client. {@link #close()} stops them. Neither client follows redirects: the
 * source does, see {@link Redirects}.
 */
public final class SourceHttpClient {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final int THREADS = 4;

  private final int id;
  private final HttpClient client;
  private final boolean ownClient;
  private final ThreadPoolExecutor executor;

  private SourceHttpClient(
      int id, HttpClient client, boolean ownClient, ThreadPoolExecutor executor) {
    this.id = id;
    this.client = client;
    this.ownClient = ownClient;
    this.executor = executor;
  }

  /**
   * Wraps the caller's client, which {@link #close()} leaves alone.
   *
   * @param client the client
   * @return the wrapper
   * @throws IllegalArgumentException if the client follows redirects
   */
  public static SourceHttpClient callers(HttpClient client) {
    requireNoRedirects(client);
    int id = IDS.incrementAndGet();
    return new SourceHttpClient(id, client, false, newExecutor(id));
  }

  /**
   * Creates the source's own client, which follows no redirects ({@code Redirect.NEVER}) and
   * runs on the source's threads.
   *
   * @param connectTimeout the connect timeout
   * @return the client
   */
  public static SourceHttpClient create(Duration connectTimeout) {
    int id = IDS.incrementAndGet();
    ThreadPoolExecutor executor = newExecutor(id);
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
    return new SourceHttpClient(id, client, true, executor);
  }

  /**
   * Checks that a caller's client follows no redirects: it would send every header, credentials
   * included, to wherever a redirect points.
   *
   * @param client the client
   * @throws IllegalArgumentException if it follows redirects
   */
  public static void requireNoRedirects(HttpClient client) {
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("the HTTP client must not follow redirects but follows "
          + client.followRedirects()
          + ": build it with followRedirects(HttpClient.Redirect.NEVER); the source follows"
          + " redirects itself, without sending credentials to another origin");
    }
  }

  private static ThreadPoolExecutor newExecutor(int id) {
    AtomicInteger n = new AtomicInteger();
    // Tasks queue rather than run on the thread that submits them (a JDK thread); once shut
    // down, they are dropped: the source is closed and nothing waits for them.
    ThreadPoolExecutor executor = new ThreadPoolExecutor(
        THREADS,
        THREADS,
        30,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "flags-http-" + id + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.DiscardPolicy());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * Returns the name of one more thread of the source, beside its pool's: {@code
   * flags-http-<n>-<what>}.
   *
   * @param what what the thread does
   * @return the name
   */
  public String threadName(String what) {
    return "flags-http-" + id + "-" + what;
  }

  /**
   * Returns the client to send with.
   *
   * @return the client
   */
  public HttpClient client() {
    return client;
  }

  /**
   * Returns the source's threads, where responses are handled.
   *
   * @return the executor
   */
  public Executor executor() {
    return executor;
  }

  /** Stops the source's threads and its own client; leaves the caller's client alone. */
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!ownClient) {
      return;
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
