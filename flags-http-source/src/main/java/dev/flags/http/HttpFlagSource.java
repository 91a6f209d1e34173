package dev.flags.http;

import dev.flags.ErrorInfo.Kind;
import dev.flags.http.internal.Backoff;
import dev.flags.http.internal.DocumentIdentity;
import dev.flags.http.internal.DocumentIdentity.Match;
import dev.flags.http.internal.FetchResult;
import dev.flags.http.internal.FetchResult.BadBody;
import dev.flags.http.internal.FetchResult.Fetched;
import dev.flags.http.internal.FetchResult.HttpError;
import dev.flags.http.internal.FetchResult.NetworkError;
import dev.flags.http.internal.FetchResult.NotModified;
import dev.flags.http.internal.FetchResult.ProtocolError;
import dev.flags.http.internal.Fetcher;
import dev.flags.http.internal.LastKnownGood;
import dev.flags.http.internal.NotificationStats;
import dev.flags.http.internal.Notifications;
import dev.flags.http.internal.PollReporter;
import dev.flags.http.internal.PollStats;
import dev.flags.http.internal.Poller;
import dev.flags.http.internal.RequestHeaders;
import dev.flags.http.internal.SourceHttpClient;
import dev.flags.http.internal.Uris;
import dev.flags.http.internal.Validators;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Polls a flag document from any HTTP server, CDN or object store, and optionally fetches it as
 * soon as a notification stream (Server-Sent Events) says it changed.
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
 *       with capped exponential backoff and full jitter, honouring {@code Retry-After} up to a cap
 *       (default 5 minutes); {@code 401}, {@code 403} and {@code 404} wait a long delay (default 5
 *       minutes) and show as {@code ERROR}. A body over the size limit, a wrong content type, a
 *       truncated body or an invalid document is rejected and the last good flags keep serving.
 *       One bad poll never stops the loop.
 *   <li><b>Last-known-good cache:</b> every accepted document is written atomically to the cache
 *       file. At start, the cached document serves at once (status {@code STALE}) and its ETag is
 *       sent with the first request, so a {@code 304} confirms it. A corrupt cache file is
 *       ignored with a warning.
 *   <li><b>Credentials stay with their origin:</b> the source follows redirects itself (at most 5
 *       per poll, never from https to http) and sends {@code Authorization}, {@code Cookie} and
 *       the headers given to {@link Builder#sensitiveHeader} only to the origin of the configured
 *       URL.
 *   <li><b>Push notifications (optional):</b> with {@link Builder#notifications(URI)}, the source
 *       keeps a Server-Sent Events stream open (nginx with nchan, or any SSE endpoint). Each event,
 *       and each time the stream opens, prompts the usual conditional GET within a small random
 *       delay; the event's data is never taken as a document. Polling goes on as a backstop, at
 *       a long interval while the stream is up and at the poll interval while it is down. A
 *       stream that fails or falls silent is opened again with backoff; meanwhile the source's
 *       status detail says {@code notifications down: ...}, and its state does not change.
 * </ul>
 *
 * <p>Polling runs on the client's scheduler; HTTP I/O and everything done with a response (parsing
 * included) on this source's own named daemon threads, and the notification stream on one more,
 * {@code flags-http-<n>-notifications}; {@link #close()} stops them. Header values (e.g. tokens)
 * are never logged. Thread-safe.
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
  /** The default longest wait a {@code Retry-After} header can ask for. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(5);
  /** The default longest random delay between a notification and the fetch it prompts. */
  public static final Duration DEFAULT_NOTIFICATION_DELAY = Duration.ofMillis(500);
  /** The default poll interval while the notification stream is up. */
  public static final Duration DEFAULT_BACKSTOP_INTERVAL = Duration.ofMinutes(5);
  /** The default longest silence of the notification stream before it counts as dead. */
  public static final Duration DEFAULT_NOTIFICATION_READ_TIMEOUT = Duration.ofSeconds(60);
  /** The default first reconnection delay cap of the notification stream. */
  public static final Duration DEFAULT_NOTIFICATION_INITIAL_BACKOFF = Duration.ofSeconds(1);
  /** The default largest reconnection delay of the notification stream. */
  public static final Duration DEFAULT_NOTIFICATION_MAX_BACKOFF = Duration.ofSeconds(30);
  /** How long the notification stream stays open for its reconnection delays to start over. */
  public static final Duration NOTIFICATION_HEALTHY_PERIOD = Duration.ofMinutes(1);
  /**
   * The longest line accepted on the notification stream, in bytes: a longer one ends the stream
   * (and it is opened again with backoff), so that a server cannot fill memory.
   */
  public static final int MAX_NOTIFICATION_LINE_BYTES = 64 * 1024;

  private final String name;
  private final LastKnownGood cache;
  private final Backoff backoff;
  private final SourceHttpClient client;
  private final Fetcher fetcher;
  private final Poller<FetchResult> poller;
  private final DocumentIdentity identity = new DocumentIdentity();
  private final PollStats stats = new PollStats();
  private final @Nullable Notifications notifications;

  private HttpFlagSource(Builder b) {
    this.name = Uris.redact(b.uri);
    this.cache = new LastKnownGood(b.cacheFile);
    Duration jitter = b.jitter != null ? b.jitter : b.pollInterval.dividedBy(10);
    this.backoff = new Backoff(
        b.pollInterval,
        jitter,
        b.initialBackoff,
        b.maxBackoff,
        b.operatorErrorDelay,
        b.maxRetryAfter,
        b.random,
        b.notifications != null ? b.backstopInterval : b.pollInterval,
        b.notifications != null ? b.backstopInterval.dividedBy(10) : jitter);
    this.client = b.httpClient != null
        ? SourceHttpClient.callers(b.httpClient)
        : SourceHttpClient.create(b.connectTimeout);
    URI events = b.notifications;
    this.notifications = events == null
        ? null
        : new Notifications(
            client,
            events,
            b.headers,
            b.sensitive,
            b.notificationReadTimeout,
            b.notificationInitialBackoff,
            b.notificationMaxBackoff,
            b.notificationDelay,
            b.random);
    this.poller = new Poller<>(client.executor());
    this.fetcher = new Fetcher(
        client.client(),
        client.executor(),
        b.uri,
        b.headers,
        b.sensitive,
        b.requestTimeout,
        b.maxBodyBytes,
        b.anyContentType);
  }

  /**
   * A builder for a source polling this URL.
   *
   * @param uri an {@code http} or {@code https} URL
   * @return the builder
   * @throws IllegalArgumentException if the URL is not http(s)
   */
  public static Builder newBuilder(URI uri) {
    return new Builder(Uris.requireHttp(Objects.requireNonNull(uri, "uri")));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(SourceContext context) {
    if (poller.isClosed()) {
      return;
    }
    cache.serve(context, name, identity);
    PollReporter report = new PollReporter(context, name, stats, cache, backoff);
    poller.start(
        context.scheduler(),
        this::send,
        result -> onResult(context, report, result),
        error -> report.failed(Kind.UNKNOWN, error.toString(), 0));
    Notifications n = notifications;
    if (n != null) {
      n.start(context, poller, backoff);
    }
  }

  /** Polls now instead of at the next scheduled time (e.g. after an emergency change). */
  public void pollNow() {
    refresh();
  }

  @Override
  public void refresh() {
    poller.pollNow();
  }

  /**
   * Returns a snapshot of this source's counters.
   *
   * @return the snapshot
   */
  public HttpSourceStats stats() {
    // The delay first: a poll records its counters before it schedules the next one, so a delay
    // chosen by a finished poll comes with counters that include that poll.
    Duration nextDelay = poller.nextDelay();
    Notifications n = notifications;
    return new HttpSourceStats(
        stats.counts(),
        n == null ? NotificationStats.Counts.NONE : n.counts(),
        nextDelay,
        identity.validators().etag());
  }

  /**
   * The poll counters for metrics adapters (see {@link FlagSource#counters()}): {@code requests},
   * {@code notModified}, {@code documents}, {@code failures}, {@code consecutiveFailures} and
   * {@code bytesReceived}, and with push notifications {@code notificationEvents} and {@code
   * notificationReconnects}, as in {@link #stats()}.
   *
   * @return the counters
   */
  @Override
  public Map<String, Long> counters() {
    PollStats.Counts c = stats.counts();
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("requests", c.requests());
    out.put("notModified", c.notModified());
    out.put("documents", c.documents());
    out.put("failures", c.failures());
    out.put("consecutiveFailures", (long) c.consecutiveFailures());
    out.put("bytesReceived", c.bytesReceived());
    Notifications n = notifications;
    if (n != null) {
      NotificationStats.Counts pushed = n.counts();
      out.put("notificationEvents", pushed.events());
      out.put("notificationReconnects", pushed.reconnects());
    }
    return out;
  }

  /**
   * Stops polling, closes the notification stream (waiting at most 5 s for its thread), cancels an
   * in-flight request, waits (at most 5 s) for a response being handled (a document being
   * delivered, the cache file being written) and stops this source's threads. Idempotent.
   */
  @Override
  public void close() {
    Notifications n = notifications;
    if (n != null) {
      n.close();
    }
    if (poller.close()) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "HttpFlagSource{" + name + "}";
  }

  private CompletableFuture<FetchResult> send() {
    stats.requestSent();
    return fetcher.fetch(identity.validators());
  }

  /** Handles what a request produced, and returns the delay before the next poll. */
  private Duration onResult(SourceContext c, PollReporter report, FetchResult result) {
    stats.received(result);
    if (result instanceof NotModified) {
      String rejection = identity.rejection();
      return rejection == null ? report.unchanged() : report.stillRejected(rejection, 304);
    } else if (result instanceof Fetched fetched) {
      return onDocument(c, report, fetched);
    } else if (result instanceof HttpError e) {
      return report.httpError(e.code(), e.retryAfter());
    } else if (result instanceof NetworkError e) {
      return report.failed(Kind.NETWORK, e.message(), 0);
    } else if (result instanceof BadBody e) {
      return report.failed(Kind.INVALID_DOCUMENT, e.message(), e.code());
    } else if (result instanceof ProtocolError e) {
      return report.protocolError(e.code(), e.message(), e.needsOperator());
    }
    throw new IllegalStateException("unexpected fetch result " + result); // FetchResult is sealed
  }

  private Duration onDocument(SourceContext c, PollReporter report, Fetched fetched) {
    byte[] document = fetched.document();
    Validators validators = fetched.validators();
    Match match = identity.match(document, validators);
    if (match instanceof Match.AlreadyServed served) {
      // The bytes being served already (a server without validators, or a new ETag for the
      // same content): like a 304, no parse and no swap.
      if (served.validatorsChanged()) {
        cache.write(document, validators, served.version());
      }
      if (!served.endsRejection()) {
        return report.unchanged();
      }
      // The server went back to the document served after one that was rejected (the usual
      // fix): delivered again, so that the client knows the rejection is over. No swap: the
      // client sees it is the document it has, and only marks the source READY.
    }
    if (match instanceof Match.StillRejected rejected) {
      return report.stillRejected(rejected.rejection(), 200);
    }
    // The body was read into a new array, which from here on is only read (its hash, the cache).
    LoadResult result = c.update(document);
    if (!result.isAccepted()) {
      String why = result.summary();
      identity.rejected(match, validators, why);
      return report.rejected(why);
    }
    if (!(match instanceof Match.AlreadyServed)) {
      identity.accepted(match, validators, result.version());
      cache.write(document, validators, result.version());
    }
    return report.accepted();
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
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private boolean anyContentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Set<String> sensitive = new LinkedHashSet<>();
    private @Nullable HttpClient httpClient;
    private @Nullable Path cacheFile;
    private @Nullable URI notifications;
    private Duration notificationDelay = DEFAULT_NOTIFICATION_DELAY;
    private Duration backstopInterval = DEFAULT_BACKSTOP_INTERVAL;
    private Duration notificationReadTimeout = DEFAULT_NOTIFICATION_READ_TIMEOUT;
    private Duration notificationInitialBackoff = DEFAULT_NOTIFICATION_INITIAL_BACKOFF;
    private Duration notificationMaxBackoff = DEFAULT_NOTIFICATION_MAX_BACKOFF;
    /** The first notification setting given, to name it if notifications are not enabled. */
    private @Nullable String notificationSetting;

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
     * Sets the connect timeout.
     *
     * @param timeout the connect timeout (default 5 s)
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connect timeout", timeout);
      return this;
    }

    /**
     * Sets the timeout for a whole request, body included.
     *
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
     * The longest wait a {@code Retry-After} header can ask for (default 5 min). A longer one
     * (any proxy or CDN in between can send one) waits this long; the backoff still applies
     * when it is longer.
     *
     * @param max zero (ignore {@code Retry-After}) to 1 day
     * @return this builder
     */
    public Builder maxRetryAfter(Duration max) {
      Objects.requireNonNull(max, "max");
      if (max.isNegative()) {
        throw new IllegalArgumentException("max Retry-After must not be negative but was " + max);
      }
      this.maxRetryAfter = atMostADay("max Retry-After", max);
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
     * Adds a request header, e.g. {@code Authorization}. Values are never logged. {@code
     * Authorization}, {@code Proxy-Authorization} and {@code Cookie} are credentials: they are not
     * sent when a redirect leads to another origin. Other headers are; use {@link
     * #sensitiveHeader} for a credential under another name.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      RequestHeaders.check(name, value);
      headers.put(name, value);
      return this;
    }

    /**
     * Adds a request header that is a credential, e.g. {@code X-Api-Key}: like {@link #header},
     * but not sent when a redirect leads to another origin (scheme, host or port), like {@code
     * Authorization} and {@code Cookie}. A name once marked stays marked.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder sensitiveHeader(String name, String value) {
      header(name, value);
      sensitive.add(name.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Uses this HTTP client (its executor, proxy and TLS settings) instead of one the source
     * creates and closes. The caller owns it; the connect timeout setting is ignored. It must not
     * follow redirects ({@code HttpClient.Redirect.NEVER}, the default of {@code
     * HttpClient.newBuilder()}): the source follows them itself, so that credentials are not sent
     * to another origin.
     *
     * @param client the client
     * @return this builder
     * @throws IllegalArgumentException if the client follows redirects
     */
    public Builder httpClient(HttpClient client) {
      Objects.requireNonNull(client, "client");
      SourceHttpClient.requireNoRedirects(client);
      this.httpClient = client;
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

    /**
     * Keeps a Server-Sent Events stream open at this URL and fetches the document (a conditional
     * GET) within {@link #notificationDelay} of each event and of each time the stream opens.
     * Event data is ignored: the document is always fetched from the document URL. Polling goes
     * on at {@link #backstopInterval} while the stream is up, and at the poll interval while it
     * is down. The request sends {@code Accept: text/event-stream}, {@code Last-Event-ID} when
     * an event carried an ID, and the headers of {@link #header} and {@link #sensitiveHeader}
     * (credentials only to this URL's origin, as for the document; a given {@code Accept} is left
     * out); the answer must be a {@code 200} of type {@code text/event-stream}.
     *
     * @param uri an {@code http} or {@code https} URL, e.g. an nchan subscriber location
     * @return this builder
     * @throws IllegalArgumentException if the URL is not http(s)
     */
    public Builder notifications(URI uri) {
      this.notifications = Uris.requireHttp(Objects.requireNonNull(uri, "uri"));
      return this;
    }

    /**
     * The longest random delay between a notification and the fetch it prompts (default 500
     * ms), so that a fleet spreads its requests to the origin over this window.
     *
     * @param max zero (fetch at once) to 1 day
     * @return this builder
     */
    public Builder notificationDelay(Duration max) {
      Objects.requireNonNull(max, "max");
      if (max.isNegative()) {
        throw new IllegalArgumentException(
            "notification delay must not be negative but was " + max);
      }
      this.notificationDelay = atMostADay("notification delay", max);
      return notificationSetting("notificationDelay(Duration)");
    }

    /**
     * The poll interval while the notification stream is up (default 5 min), plus a random jitter
     * of up to a tenth of it. Polls still catch a change whose notification was lost.
     *
     * @param interval at least the poll interval, at most 1 day
     * @return this builder
     */
    public Builder backstopInterval(Duration interval) {
      this.backstopInterval = positive("backstop interval", interval);
      return notificationSetting("backstopInterval(Duration)");
    }

    /**
     * The longest silence of the notification stream before it counts as dead and is opened
     * again (default 60 s). The server must send something (a heartbeat comment) more often.
     *
     * @param timeout positive, at most 1 day
     * @return this builder
     */
    public Builder notificationReadTimeout(Duration timeout) {
      this.notificationReadTimeout = positive("notification read timeout", timeout);
      return notificationSetting("notificationReadTimeout(Duration)");
    }

    /**
     * Reconnection delays of the notification stream: the n-th failure in a row waits a random
     * time up to {@code min(max, initial * 2^(n-1))} (defaults 1 s and 30 s), and a stream that
     * stayed open for {@link #NOTIFICATION_HEALTHY_PERIOD} starts over. The server's {@code
     * retry} field or {@code Retry-After} waits longer, up to {@code max}.
     *
     * @param initial the first cap
     * @param max the largest cap
     * @return this builder
     */
    public Builder notificationBackoff(Duration initial, Duration max) {
      positive("initial notification backoff", initial);
      positive("max notification backoff", max);
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("max notification backoff " + max
            + " is below initial notification backoff " + initial);
      }
      this.notificationInitialBackoff = initial;
      this.notificationMaxBackoff = max;
      return notificationSetting("notificationBackoff(Duration, Duration)");
    }

    private Builder notificationSetting(String setting) {
      if (notificationSetting == null) {
        notificationSetting = setting;
      }
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
     * @throws IllegalArgumentException if the jitter exceeds the poll interval, the backstop
     *     interval is shorter than the poll interval, or a notification setting is given without
     *     {@link #notifications(URI)}
     */
    public HttpFlagSource build() {
      if (jitter != null && jitter.compareTo(pollInterval) > 0) {
        throw new IllegalArgumentException(
            "jitter " + jitter + " exceeds the poll interval " + pollInterval);
      }
      if (notifications == null && notificationSetting != null) {
        throw new IllegalArgumentException(notificationSetting
            + " is set but notifications are not: give the stream's URL with notifications(URI)");
      }
      if (notifications != null && backstopInterval.compareTo(pollInterval) < 0) {
        throw new IllegalArgumentException("backstop interval " + backstopInterval
            + " is shorter than the poll interval " + pollInterval
            + ": polls while notifications are up would be more frequent than without them");
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
