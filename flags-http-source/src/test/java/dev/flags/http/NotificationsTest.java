package dev.flags.http;

import static dev.flags.http.Polls.httpStatus;
import static dev.flags.http.Polls.threads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ChangeEvent;
import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.http.TestServer.Entity;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Push notifications against the JDK's HTTP server: notify then fetch, the backstop cadence,
 * Last-Event-ID and retry on reconnect, heartbeats and the read timeout, statistics, and close.
 */
final class NotificationsTest {
  private static final Duration LONG = Duration.ofHours(1);

  private final TestServer server = TestServer.start();
  private final SseFeed feed = new SseFeed();
  private final AtomicReference<Entity> doc =
      new AtomicReference<>(Entity.json(Docs.valid("v1"), "\"e1\""));
  private final List<ChangeEvent> changes = new CopyOnWriteArrayList<>();
  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    server.close();
  }

  /** The document at /flags.json, the stream at /events. */
  private void serve(TestServer.Handler events) {
    TestServer.Handler document = server.conditional(doc::get);
    server.otherwise((ex, r) -> (r.path().startsWith("/events") ? events : document).handle(ex, r));
  }

  private HttpFlagSource.Builder source() {
    return HttpFlagSource.newBuilder(server.uri())
        .pollInterval(LONG)
        .backstopInterval(LONG)
        .notifications(server.uri("/events"))
        .notificationDelay(Duration.ofMillis(50));
  }

  private HttpFlagSource start(HttpFlagSource.Builder builder) {
    HttpFlagSource source = builder.build();
    flags = Flags.newBuilder()
        .name("notify-test")
        .source(source)
        .onChange(changes::add)
        .build();
    return source;
  }

  private long documentRequests() {
    return server.requests().stream()
        .filter(r -> r.path().equals("/flags.json"))
        .count();
  }

  /** Waits until the stream is open and the fetch its opening prompted has been answered. */
  private void awaitOpenAndFetched(HttpFlagSource source, long documentRequests) {
    Await.until(
        "the stream open and " + documentRequests + " document request(s) answered",
        source::stats,
        s -> s.notificationsConnectedSince() != null
            && s.requests() >= documentRequests
            && s.requests() == s.notModified() + s.documents() + s.failures());
  }

  @Test
  void event_documentChanged_fetchedAtOnceAndItsDataIgnored() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source());
    feed.awaitConnection(1);
    awaitOpenAndFetched(source, 2); // the first poll, and the fetch on opening (a 304)
    assertThat(flags.version()).isEqualTo("v1");

    doc.set(Entity.json(Docs.valid("v2", false), "\"e2\""));
    // The data is not a document the source would take: it fetches the document instead.
    feed.send("id: 1\ndata: " + Docs.valid("v666") + "\n\n");

    Await.until("v2 served", () -> flags.version().equals("v2"));
    assertThat(flags.isEnabled("feature")).isFalse();
    assertThat(changes).extracting(ChangeEvent::newVersion).containsExactly("v1", "v2");
    TestServer.Request fetch = server.last();
    assertThat(fetch.path()).isEqualTo("/flags.json");
    assertThat(fetch.header("If-None-Match")).isEqualTo("\"e1\"");
    HttpSourceStats stats = source.stats();
    assertThat(stats.notificationEvents()).isEqualTo(1);
    assertThat(stats.lastEventId()).isEqualTo("1");
    assertThat(stats.lastEventTime()).isNotNull();
    assertThat(stats.notificationReconnects()).isZero();
    assertThat(stats.requests()).isEqualTo(3);
    // The stream is up: the next poll is the backstop's.
    assertThat(stats.nextPollDelay()).isGreaterThanOrEqualTo(LONG);
  }

  @Test
  void event_documentUnchanged_304AndNoSwap() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source());
    feed.awaitConnection(1);
    awaitOpenAndFetched(source, 2);

    feed.send("data: x\n\n");

    HttpSourceStats stats = Await.until(
        "the notification's fetch answered",
        source::stats,
        s -> s.notificationEvents() == 1 && s.notModified() == 2);
    assertThat(stats.documents()).isEqualTo(1);
    assertThat(flags.history()).hasSize(1);
    assertThat(changes).hasSize(1);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
  }

  @Test
  void events_inABurst_oneFetch() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source().notificationDelay(Duration.ofMillis(300)));
    feed.awaitConnection(1);
    awaitOpenAndFetched(source, 2);

    doc.set(Entity.json(Docs.valid("v2", false), "\"e2\""));
    feed.send("data: a\n\ndata: b\n\ndata: c\n\n");

    Await.until("v2 served", () -> flags.version().equals("v2"));
    Await.stays(Duration.ofMillis(400), "no more requests", () -> documentRequests() == 3);
    assertThat(source.stats().notificationEvents()).isEqualTo(3);
  }

  @Test
  void reconnect_sendsLastEventIdAndWaitsTheServersRetry() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source());
    SseFeed.Connection first = feed.awaitConnection(1);
    assertThat(first.request().header("Accept")).isEqualTo("text/event-stream");
    assertThat(first.request().header("Cache-Control")).isEqualTo("no-cache");
    assertThat(first.request().header("Last-Event-ID")).isNull();

    feed.send("retry: 400\nid: 1796168576:0\ndata: x\n\n");
    Await.until("the event", () -> source.stats().notificationEvents() == 1);
    long ended = System.nanoTime();
    feed.end();

    SseFeed.Connection second = feed.awaitConnection(2);
    assertThat(second.request().header("Last-Event-ID")).isEqualTo("1796168576:0");
    assertThat(Duration.ofNanos(second.request().nanos() - ended))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    HttpSourceStats stats = Await.until(
        "the stream open again", source::stats, s -> s.notificationsConnectedSince() != null);
    assertThat(stats.notificationReconnects()).isEqualTo(1);
    assertThat(stats.lastEventId()).isEqualTo("1796168576:0");
  }

  @Test
  void reconnect_eachOpeningFetches() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source().notificationBackoff(Duration.ofMillis(10), LONG));
    feed.awaitConnection(1);
    awaitOpenAndFetched(source, 2);
    // Changed without a notification (lost while the stream was down, say).
    doc.set(Entity.json(Docs.valid("v2", false), "\"e2\""));

    feed.end();

    feed.awaitConnection(2);
    Await.until("v2 served", () -> flags.version().equals("v2"));
  }

  @Test
  void heartbeats_keepTheStreamOpenBeyondTheReadTimeout() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source().notificationReadTimeout(Duration.ofMillis(500)));
    feed.awaitConnection(1);
    ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    try {
      ScheduledFuture<?> unused =
          beats.scheduleAtFixedRate(() -> feed.send(":\n"), 0, 100, TimeUnit.MILLISECONDS);

      Await.stays(Duration.ofMillis(1500), "one connection", () -> feed.connections() == 1);
    } finally {
      beats.shutdownNow();
    }
    assertThat(source.stats().notificationsConnectedSince()).isNotNull();
    assertThat(source.stats().notificationReconnects()).isZero();
  }

  @Test
  void heartbeatGap_longerThanTheReadTimeout_reconnects() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source()
        .notificationReadTimeout(Duration.ofMillis(300))
        .notificationBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .random(() -> 0.0));
    SseFeed.Connection first = feed.awaitConnection(1);
    feed.send("id: 5\ndata: x\n\n");

    // Silent from now on: after 300 ms the stream is dead, and it is opened again.
    String detail = Await.until(
            "notifications down",
            () -> httpStatus(flags),
            s -> s.detail() != null && s.detail().startsWith("notifications down"))
        .detail();

    assertThat(detail)
        .isEqualTo("notifications down: no data for PT0.3S (the read timeout; the server must"
            + " send heartbeats more often)");
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
    SseFeed.Connection second = feed.awaitConnection(2);
    assertThat(Duration.ofNanos(second.request().nanos() - first.request().nanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(second.request().header("Last-Event-ID")).isEqualTo("5");
    Await.until("the note gone once open", () -> httpStatus(flags).detail() == null);
    assertThat(source.stats().notificationReconnects()).isEqualTo(1);
  }

  @Test
  void streamDown_pollsAtTheIntervalAgain_upAgain_backstop() {
    serve(feed.handler(": hi\n\n"));
    Duration interval = Duration.ofSeconds(1);
    HttpFlagSource source = start(source()
        .pollInterval(interval)
        .jitter(Duration.ZERO)
        .notificationBackoff(Duration.ofSeconds(3), Duration.ofSeconds(3))
        .random(() -> 0.999));
    feed.awaitConnection(1);
    awaitOpenAndFetched(source, 2);
    assertThat(source.stats().nextPollDelay()).isGreaterThanOrEqualTo(LONG);
    long before = documentRequests();

    feed.end(); // down for about 3 s, until the next attempt

    Await.until("a poll while the stream is down", () -> documentRequests() > before);
    assertThat(source.stats().nextPollDelay()).isLessThanOrEqualTo(interval);
    Await.until(Duration.ofSeconds(10), "open again", () -> feed.connections() == 2);
    Await.until(
        "back to the backstop interval",
        () -> source.stats().notificationsConnectedSince() != null
            && source.stats().nextPollDelay().compareTo(LONG) >= 0);
  }

  @Test
  void headers_sentToTheStream_acceptIsTheStreams() {
    serve(feed.handler(": hi\n\n"));
    start(source()
        .header("Accept", "application/json")
        .header("Authorization", "Bearer s3cr3t")
        .sensitiveHeader("X-Api-Key", "k3y"));

    SseFeed.Connection c = feed.awaitConnection(1);

    assertThat(c.request().headers().get("Accept")).containsExactly("text/event-stream");
    assertThat(c.request().header("Authorization")).isEqualTo("Bearer s3cr3t");
    assertThat(c.request().header("X-Api-Key")).isEqualTo("k3y");
  }

  @Test
  void redirect_toAnotherOrigin_followedWithoutCredentials() {
    try (TestServer relay = TestServer.start()) {
      SseFeed moved = new SseFeed();
      relay.otherwise(moved.handler(": hi\n\n"));
      serve((ex, r) -> {
        ex.getResponseHeaders().set("Location", relay.uri("/events").toString());
        ex.sendResponseHeaders(307, -1);
      });
      HttpFlagSource source = start(source()
          .header("Authorization", "Bearer s3cr3t")
          .sensitiveHeader("X-Api-Key", "k3y")
          .header("X-Client", "checkout-7"));

      SseFeed.Connection c = moved.awaitConnection(1);

      assertThat(c.request().header("Authorization")).isNull();
      assertThat(c.request().header("X-Api-Key")).isNull();
      assertThat(c.request().header("X-Client")).isEqualTo("checkout-7");
      assertThat(c.request().header("Accept")).isEqualTo("text/event-stream");
      Await.until("the stream open", () -> source.stats().notificationsConnectedSince() != null);
      flags.close(); // before the relay's server stops
    }
  }

  @Test
  void stats_connectedSince_setWhileOpen() {
    serve(feed.handler(": hi\n\n"));
    Instant before = Instant.now();
    HttpFlagSource source = start(source());

    HttpSourceStats stats =
        Await.until("the stream open", source::stats, s -> s.notificationsConnectedSince() != null);

    assertThat(stats.notificationsConnectedSince()).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(stats.notificationEvents()).isZero();
    assertThat(stats.lastEventId()).isNull();
    assertThat(stats.lastEventTime()).isNull();
    assertThat(stats.toString()).contains("notificationEvents=0", "notificationsConnectedSince=");
  }

  @Test
  void close_duringAnOpenStream_leavesNoThread() {
    serve(feed.handler(": hi\n\n"));
    Set<String> before = threads(n -> n.startsWith("flags-http-") || n.startsWith("notify-test-"));
    HttpFlagSource source = start(source());
    feed.awaitConnection(1);
    Await.until("the stream open", () -> source.stats().notificationsConnectedSince() != null);
    Set<String> started = threads(n -> n.startsWith("flags-http-") || n.startsWith("notify-test-"));
    started.removeAll(before);
    assertThat(started).anyMatch(n -> n.matches("flags-http-\\d+-notifications"));

    long start = System.nanoTime();
    flags.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    Set<String> left = threads(started::contains);
    assertThat(left).isEmpty();
    long requests = server.requestCount();
    Await.stays(
        Duration.ofMillis(300), "no request after close", () -> server.requestCount() == requests);
  }
}
