package dev.flags.http;

import dev.flags.ErrorInfo;
import dev.flags.http.internal.Backoff;
import dev.flags.http.internal.BodyReader;
import dev.flags.http.internal.CacheFile;
import dev.flags.http.internal.RetryAfter;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a flag document from any HTTP server, CDN or object store.
 *
 * <pre>{@code
 * HttpFlagSource remote = HttpFlagSource.newBuilder(URI.create("https://cdn.example.com/flags.json"))
 *     .pollInterval(Duration.ofSeconds(20))
 *     .header("Authorization", "Bearer " + token)
 *     .cacheFile(Path.of("/var/cache/myapp/flags.json"))
 *     .build();
 * Flags flags = Flags.newBuilder().source(remote).build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Cheap for the server:</b> conditional GETs ({@code If-None-Match} with the last ETag,
 *       else {@code If-Modified-Since}); a {@code 304} costs no parse and no swap, and so does a
 *       {@code 200} whose body is the document already served (servers without validators).
 *       Accepts gzip. Polls are spread by a random jitter.
 *   <li><b>Safe for the service:</b> network errors, timeouts, {@code 429} and {@code 5xx} retry
 *       with capped exponential backoff and full jitter, honouring {@code Retry-After}; {@code
 *       401}, {@code 403} and {@code 404} wait a long delay (default 5 minutes) and show as
 *       {@code ERROR}. A body over the size limit, a wrong content type, a truncated body or an
 *       invalid document is rejected and the last good flags keep serving. One bad poll never
 *       stops the loop.
 *   <li><b>Last-known-good cache:</b> every accepted document is written atomically to the cache
 *       file. At start, the cached document serves at once (status {@code STALE}) and its ETag is
 *       sent with the first request, so a {@code 304} confirms it. A corrupt cache file is
 *       ignored with a warning.
 * </ul>
 *
 * <p>Polling runs on the client's scheduler; HTTP I/O on this source's own named daemon threads,
 * stopped by {@link #close()}. Header values (e.g. tokens) are never logged. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpFlagSource implements FlagSource {
  /** The default poll interval. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(20);
  /** The shortest poll interval accepted: shorter intervals are refused at build time. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
  /** The default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The default timeout for a whole request, body included. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** The default largest accepted body: 32 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
  /** The default first retry delay cap after a transient failure. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  /** The default largest retry delay after transient failures. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
  /** The default delay after 401, 403 or 404. */
  public static final Duration DEFAULT_OPERATOR_ERROR_DELAY = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.source.http");
  private static final AtomicInteger IDS = new AtomicInteger();

  private final URI uri;
  private final Map<String, String> headers;
  private final Duration requestTimeout;
  private final long maxBodyBytes;
  private final boolean anyContentType;
  private final @Nullable CacheFile cache;
  private final Backoff backoff;
  private final HttpClient http;
  private final @Nullable ExecutorService ownExecutor;
  private final String name;

  private final Object lock = new Object();
  // Guarded by lock.
  private @Nullable SourceContext context;
  private @Nullable ScheduledFuture<?> next;
  private @Nullable CompletableFuture<?> inFlight;
  private boolean polling;
  private boolean pollAgain;
  private boolean closed;
  private @Nullable String etag;
  private @Nullable String lastModified;
  /** Why the document whose ETag we send was rejected, or null if it was not. */
  private @Nullable String rejection;
  /** SHA-256 and version of the last accepted document (from the server or the cache file). */
  private @Nullable String acceptedSha256;

  private @Nullable String acceptedVersion;
  /** SHA-256 of the last rejected document. */
  private @Nullable String rejectedSha256;
  /** True from serving the cache file at start until the server first answers well. */
  private boolean servingCache;

  private long requests;
  private long notModified;
  private long documents;
  private long failures;
  private int consecutiveFailures;
  private long bytesReceived;
  private java.time.@Nullable Instant lastSuccess;
  private @Nullable ErrorInfo lastError;
  private @Nullable Duration nextDelay;

  private HttpFlagSource(Builder b) {
    this.uri = b.uri;
    this.headers = Map.copyOf(b.headers);
    this.requestTimeout = b.requestTimeout;
    this.maxBodyBytes = b.maxBodyBytes;
    this.anyContentType = b.anyContentType;
    this.cache = b.cacheFile == null ? null : new CacheFile(b.cacheFile);
    Duration jitter = b.jitter != null ? b.jitter : b.pollInterval.dividedBy(10);
    this.backoff = new Backoff(
        b.pollInterval, jitter, b.initialBackoff, b.maxBackoff, b.operatorErrorDelay, b.random);
    this.name = "http:" + redact(b.uri);
    if (b.httpClient != null) {
      this.http = b.httpClient;
      this.ownExecutor = null;
    } else {
      int id = IDS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor ex = new ThreadPoolExecutor(
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
      this.ownExecutor = ex;
      this.http = HttpClient.newBuilder()
          .connectTimeout(b.connectTimeout)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .executor(ex)
          .build();
    }
  }

  /**
   * A builder for a source polling this URL.
   *
   * @param uri an {@code http} or {@code https} URL
   * @return the builder
   * @throws IllegalArgumentException if the URL is not http(s)
   */
  public static Builder newBuilder(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL must be http or https but was " + redact(uri));
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URL must name a host but was " + redact(uri));
    }
    return new Builder(uri);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(SourceContext context) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      this.context = context;
    }
    loadCache(context);
    schedule(Duration.ZERO);
  }

  /** Polls now instead of at the next scheduled time (e.g. after an emergency change). */
  public void pollNow() {
    refresh();
  }

  @Override
  public void refresh() {
    synchronized (lock) {
      if (closed || context == null) {
        return;
      }
      if (polling) {
        pollAgain = true; // run again as soon as the current poll ends
        return;
      }
    }
    schedule(Duration.ZERO);
  }

  /** @return a snapshot of this source's counters */
  public HttpSourceStats stats() {
    synchronized (lock) {
      return new HttpSourceStats(
          requests,
          notModified,
          documents,
          failures,
          consecutiveFailures,
          bytesReceived,
          lastSuccess,
          lastError,
          nextDelay,
          etag);
    }
  }

  private void loadCache(SourceContext context) {
    CacheFile c = cache;
    if (c == null) {
      return;
    }
    CacheFile.Entry entry;
    try {
      entry = c.read();
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring cache file {}: {}", c.path(), e.getMessage());
      return;
    }
    if (entry == null) {
      return;
    }
    LoadResult r = context.updateStale(
        entry.document(), "serving cache file " + c.path() + " until " + name + " answers");
    if (r.isAccepted()) {
      synchronized (lock) {
        etag = entry.etag();
        lastModified = entry.lastModified();
        servingCache = true;
        acceptedSha256 = CacheFile.sha256(entry.document());
        acceptedVersion = r.version();
      }
    } else {
      LOG.warn("ignoring cache file {}: its document was rejected", c.path());
    }
  }

  private void schedule(Duration delay) {
    synchronized (lock) {
      SourceContext c = context;
      if (closed || c == null) {
        return;
      }
      ScheduledFuture<?> n = next;
      if (n != null) {
        n.cancel(false);
      }
      nextDelay = delay;
      next = c.scheduler().schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void poll() {
    SourceContext c;
    HttpRequest request;
    synchronized (lock) {
      c = context;
      if (closed || c == null || polling) {
        return;
      }
      polling = true;
      requests++;
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
          .GET()
          .timeout(requestTimeout)
          .header("Accept", "application/json")
          .header("Accept-Encoding", "gzip");
      headers.forEach(rb::setHeader); // replaces the default Accept if one is given
      if (etag != null) {
        rb.header("If-None-Match", etag);
      } else if (lastModified != null) {
        rb.header("If-Modified-Since", lastModified);
      }
      request = rb.build();
    }
    CompletableFuture<HttpResponse<byte[]>> f;
    try {
      f = http.sendAsync(request, BodyReader.limited(maxBodyBytes));
    } catch (RuntimeException e) {
      finish(c, failure(c, ErrorInfo.Kind.UNKNOWN, e.toString(), 0, null));
      return;
    }
    synchronized (lock) {
      inFlight = f;
      if (closed) {
        f.cancel(true);
      }
    }
    // The request timeout also bounds a body that trickles in after the headers (java.net.http
    // only bounds the wait for the headers). A copy times out, so that the exchange itself can be
    // cancelled: completing the original would leave its connection busy with the old body.
    f.copy()
        .orTimeout(requestTimeout.toMillis() + 100, TimeUnit.MILLISECONDS)
        .whenComplete((response, error) -> {
          if (error != null) {
            f.cancel(true); // aborts the exchange and frees its connection; no-op when done
          }
          synchronized (lock) {
            if (closed) {
              polling = false; // ended by close(): nothing to report, nothing to schedule
              inFlight = null;
              return;
            }
          }
          Duration delay;
          try {
            delay = error != null ? onError(c, error) : onResponse(c, response);
          } catch (RuntimeException e) {
            // One bad poll never stops the loop.
            delay = failure(c, ErrorInfo.Kind.UNKNOWN, e.toString(), 0, null);
          }
          finish(c, delay);
        });
  }

  private void finish(SourceContext c, Duration delay) {
    boolean again;
    synchronized (lock) {
      polling = false;
      inFlight = null;
      again = pollAgain;
      pollAgain = false;
    }
    schedule(again ? Duration.ZERO : delay);
  }

  private Duration onResponse(SourceContext c, HttpResponse<byte[]> response) {
    int code = response.statusCode();
    byte[] body = response.body();
    synchronized (lock) {
      bytesReceived += body == null ? 0 : body.length;
    }
    if (code == 304) {
      String rejected;
      synchronized (lock) {
        notModified++;
        rejected = rejection;
      }
      if (rejected != null) {
        // The server still has the document we rejected: nothing to parse, still an error, and
        // the normal cadence (backing off would delay noticing the fix by up to maxBackoff).
        failure(
            c,
            ErrorInfo.Kind.INVALID_DOCUMENT,
            "the server's document is unchanged since it was rejected: " + rejected,
            code,
            null);
        return backoff.afterSuccess();
      }
      c.unchanged();
      return success(c);
    }
    if (code == 200) {
      synchronized (lock) {
        documents++;
      }
      String type = response.headers().firstValue("content-type").orElse("");
      if (!anyContentType && !isJson(type)) {
        return failure(
            c,
            ErrorInfo.Kind.INVALID_DOCUMENT,
            "unexpected content type '" + type
                + "' (expected application/json; see HttpFlagSource.Builder.acceptAnyContentType())",
            code,
            null);
      }
      byte[] doc = body;
      String encoding = response.headers().firstValue("content-encoding").orElse("");
      if (encoding.equalsIgnoreCase("gzip")) {
        try {
          doc = BodyReader.gunzip(body, maxBodyBytes);
        } catch (IOException e) {
          return failure(
              c,
              ErrorInfo.Kind.INVALID_DOCUMENT,
              "cannot decode gzip body: " + e.getMessage(),
              code,
              null);
        }
      }
      String newEtag = response.headers().firstValue("etag").orElse(null);
      String newLastModified = response.headers().firstValue("last-modified").orElse(null);
      String sha256 = CacheFile.sha256(doc);
      String sameVersion = null;
      String sameRejection = null;
      boolean newValidators;
      synchronized (lock) {
        if (sha256.equals(acceptedSha256)) {
          sameVersion = acceptedVersion;
        } else if (sha256.equals(rejectedSha256)) {
          sameRejection = rejection;
        }
        newValidators =
            !Objects.equals(etag, newEtag) || !Objects.equals(lastModified, newLastModified);
        if (sameVersion != null || sameRejection != null) {
          etag = newEtag;
          lastModified = newLastModified;
          rejection = sameRejection;
        }
      }
      if (sameVersion != null) {
        // The bytes being served already (a server without validators, or a new ETag for the
        // same content): like a 304, no parse and no swap.
        if (newValidators) {
          writeCache(doc, newEtag, newLastModified, sameVersion);
        }
        c.unchanged();
        return success(c);
      }
      if (sameRejection != null) {
        failure(
            c,
            ErrorInfo.Kind.INVALID_DOCUMENT,
            "the server's document is unchanged since it was rejected: " + sameRejection,
            code,
            null);
        return backoff.afterSuccess();
      }
      LoadResult result = c.update(doc);
      String why = result.isAccepted() ? null : describeRejection(result);
      synchronized (lock) {
        etag = newEtag;
        lastModified = newLastModified;
        rejection = why;
        if (why == null) {
          acceptedSha256 = sha256;
          acceptedVersion = result.version();
        } else {
          rejectedSha256 = sha256;
        }
      }
      if (why != null) {
        // The client already reports the problems; poll at the normal cadence, the server's
        // document will not get better by asking faster.
        failure(c, null, why, code, null);
        return backoff.afterSuccess();
      }
      writeCache(doc, newEtag, newLastModified, result.version());
      return success(c);
    }
    Duration retryAfter = RetryAfter.parse(
        response.headers().firstValue("retry-after").orElse(null), c.clock().instant());
    if (code == 401 || code == 403 || code == 404 || code == 410) {
      failure(c, ErrorInfo.Kind.HTTP, "HTTP " + code + " from " + name, code, retryAfter);
      return backoff.afterOperatorError();
    }
    return failure(c, ErrorInfo.Kind.HTTP, "HTTP " + code + " from " + name, code, retryAfter);
  }

  private Duration onError(SourceContext c, Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof BodyReader.TooLargeException) {
      return failure(c, ErrorInfo.Kind.INVALID_DOCUMENT, e.getMessage(), 200, null);
    }
    String what;
    if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
      what = "timed out after " + requestTimeout;
    } else if (e instanceof ConnectException) {
      what = "cannot connect: " + e.getMessage();
    } else {
      what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return failure(c, ErrorInfo.Kind.NETWORK, what, 0, null);
  }

  private Duration success(SourceContext c) {
    synchronized (lock) {
      consecutiveFailures = 0;
      lastSuccess = c.clock().instant();
      servingCache = false;
    }
    return backoff.afterSuccess();
  }

  /**
   * Records a failure and reports it (kind null: already reported by the client), returning the
   * backoff delay.
   */
  private Duration failure(
      SourceContext c,
      ErrorInfo.@Nullable Kind kind,
      @Nullable String what,
      int code,
      @Nullable Duration retryAfter) {
    String message = what == null ? "unknown error" : what;
    CacheFile file = cache;
    synchronized (lock) {
      if (servingCache && file != null) {
        // The client's status drops the cache note on a failure: keep it in the message.
        message += " (serving cache file " + file.path() + ")";
      }
    }
    ErrorInfo info = ErrorInfo.of(
        kind == null ? ErrorInfo.Kind.INVALID_DOCUMENT : kind,
        message,
        c.clock().instant(),
        code);
    if (kind == ErrorInfo.Kind.HTTP && (code == 401 || code == 403 || code == 404 || code == 410)) {
      info = info.needingOperator(); // retrying will not fix it: shown as ERROR
    }
    int n;
    synchronized (lock) {
      failures++;
      n = ++consecutiveFailures;
      lastError = info;
    }
    if (kind != null) {
      c.failed(info);
    }
    if (n == 1 || Integer.bitCount(n) == 1) { // log the 1st, 2nd, 4th, 8th... in a row
      LOG.warn("{} poll failed ({} in a row): {}", name, n, info.message());
    }
    return backoff.afterFailure(n, retryAfter);
  }

  private void writeCache(
      byte[] doc, @Nullable String etag, @Nullable String lastModified, @Nullable String version) {
    CacheFile c = cache;
    if (c == null) {
      return;
    }
    try {
      c.write(new CacheFile.Entry(doc, etag, lastModified, version));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write cache file {}: {}", c.path(), e.toString());
    }
  }

  private static String describeRejection(LoadResult r) {
    int n = r.problems().size();
    return "document " + (r.version() == null ? "" : "version '" + r.version() + "' ")
        + "rejected (" + n + (n == 1 ? " problem)" : " problems)")
        + (n == 0 ? "" : ": " + r.problems().get(0) + (n > 1 ? "; ..." : ""));
  }

  private static boolean isJson(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi);
    }
    t = t.trim();
    return t.equals("application/json")
        || t.equals("text/json")
        || (t.startsWith("application/") && t.endsWith("+json"));
  }

  /** The URL without user info or query, which may carry credentials. */
  static String redact(URI uri) {
    StringBuilder s = new StringBuilder();
    if (uri.getScheme() != null) {
      s.append(uri.getScheme()).append(':');
    }
    if (uri.isOpaque()) {
      return s.append("...").toString();
    }
    if (uri.getHost() != null) {
      s.append("//").append(uri.getHost());
      if (uri.getPort() >= 0) {
        s.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      s.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      s.append("?...");
    }
    return s.toString();
  }

  /** Stops polling, cancels an in-flight request and stops this source's threads. Idempotent. */
  @Override
  public void close() {
    CompletableFuture<?> f;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      ScheduledFuture<?> n = next;
      if (n != null) {
        n.cancel(false);
      }
      f = inFlight;
      context = null;
    }
    if (f != null) {
      f.cancel(true);
    }
    ExecutorService ex = ownExecutor;
    if (ex != null) {
      ex.shutdownNow();
      try {
        ex.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closeClient(http);
    }
  }

  @SuppressWarnings("ConstantConditions")
  private static void closeClient(HttpClient client) {
    // HttpClient is AutoCloseable from Java 21 on; on 17 its selector thread ends once the client
    // is unreachable.
    Object o = client;
    if (o instanceof AutoCloseable) {
      try {
        ((AutoCloseable) o).close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
  }

  @Override
  public String toString() {
    return "HttpFlagSource{" + name + "}";
  }

  /**
   * Builds an {@link HttpFlagSource}. Every setter checks its input; not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final URI uri;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private @Nullable Duration jitter;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration operatorErrorDelay = DEFAULT_OPERATOR_ERROR_DELAY;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private boolean anyContentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable HttpClient httpClient;
    private @Nullable Path cacheFile;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder(URI uri) {
      this.uri = uri;
    }

    /**
     * How often to poll after a success (default 20 s, at least {@link #MIN_POLL_INTERVAL}).
     *
     * @param interval the interval
     * @return this builder
     * @throws IllegalArgumentException if shorter than 1 s
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(MIN_POLL_INTERVAL) < 0) {
        throw new IllegalArgumentException("poll interval must be at least " + MIN_POLL_INTERVAL
            + " but was " + interval + " (use pollNow() to fetch at once)");
      }
      this.pollInterval = atMostADay("poll interval", interval);
      return this;
    }

    /**
     * The largest random delay added to each poll interval, spreading a fleet's polls (default a
     * tenth of the interval).
     *
     * @param jitter zero or more, at most the poll interval
     * @return this builder
     */
    public Builder jitter(Duration jitter) {
      Objects.requireNonNull(jitter, "jitter");
      if (jitter.isNegative()) {
        throw new IllegalArgumentException("jitter must not be negative but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * @param timeout the connect timeout (default 5 s)
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connect timeout", timeout);
      return this;
    }

    /**
     * @param timeout the timeout for a whole request, body included (default 10 s)
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("request timeout", timeout);
      return this;
    }

    /**
     * Retry delays after transient failures: the n-th failure in a row waits a random time up to
     * {@code min(max, initial * 2^(n-1))} (defaults 1 s and 5 min).
     *
     * @param initial the first cap
     * @param max the largest cap
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      positive("initial backoff", initial);
      positive("max backoff", max);
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "max backoff " + max + " is below initial backoff " + initial);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The delay after 401, 403 or 404, which need an operator (default 5 min).
     *
     * @param delay the delay
     * @return this builder
     */
    public Builder operatorErrorDelay(Duration delay) {
      this.operatorErrorDelay = positive("operator error delay", delay);
      return this;
    }

    /**
     * The largest body accepted, compressed or decompressed (default 32 MiB).
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("max body bytes must be at least 1 but was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Accepts any Content-Type, for object stores that serve JSON as {@code
     * application/octet-stream}. By default only JSON types are accepted, so an HTML error page
     * from a proxy is rejected before parsing.
     *
     * @return this builder
     */
    public Builder acceptAnyContentType() {
      this.anyContentType = true;
      return this;
    }

    /**
     * Adds a request header, e.g. {@code Authorization}. Values are never logged.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("if-none-match")
          || lower.equals("if-modified-since")
          || lower.equals("accept-encoding")) {
        throw new IllegalArgumentException("header " + name + " is set by the source itself");
      }
      // Refuse here what java.net.http would refuse at every poll. The value is never echoed.
      try {
        HttpRequest.newBuilder().header(name, "x");
      } catch (IllegalArgumentException e) {
        String why = String.valueOf(e.getMessage());
        throw new IllegalArgumentException(
            why.contains("restricted")
                ? "header " + name + " cannot be set: restricted by java.net.http"
                : "invalid header '" + name + "': not a valid header name");
      }
      try {
        HttpRequest.newBuilder().header(name, value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid header '" + name
            + "': its value has characters not allowed in a header (value not shown)");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Uses this HTTP client (its executor, proxy, TLS and redirect settings) instead of one the
     * source creates and closes. The caller owns it; the connect timeout setting is ignored.
     *
     * @param client the client
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Keeps the last accepted document in this file (owner-only permissions), and serves it at
     * start while the server cannot be reached.
     *
     * @param file the cache file; its directory is created if needed
     * @return this builder
     */
    public Builder cacheFile(Path file) {
      this.cacheFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** For tests: the source of randomness for jitter, values in [0, 1). */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     * @throws IllegalArgumentException if the jitter exceeds the poll interval
     */
    public HttpFlagSource build() {
      if (jitter != null && jitter.compareTo(pollInterval) > 0) {
        throw new IllegalArgumentException(
            "jitter " + jitter + " exceeds the poll interval " + pollInterval);
      }
      return new HttpFlagSource(this);
    }

    private static Duration positive(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive but was " + d);
      }
      return atMostADay(what, d);
    }

    /** Longer delays are certainly mistakes, and far longer ones overflow nanosecond clocks. */
    private static Duration atMostADay(String what, Duration d) {
      if (d.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(what + " must be at most 1 day but was " + d);
      }
      return d;
    }
  }
}
