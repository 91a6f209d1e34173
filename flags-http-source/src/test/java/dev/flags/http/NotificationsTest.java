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

  /**
   * Waits until the source is settled: the stream open, every request answered, none pending (the
   * next poll is the backstop's), and the first document's change event delivered (listeners run
   * on their own thread). The first poll and the fetch the stream's opening asks for are one or
   * two requests, as their timing goes: a poll not started yet serves both.
   */
  private HttpSourceStats awaitSettled(HttpFlagSource source) {
    HttpSourceStats settled = Await.until(
        "the stream open and every request answered", source::stats, NotificationsTest::settled);
    Await.until("the first change event", () -> changes.size() == 1);
    return settled;
  }

  /**
   * Whether the stream is open and the last request answered and followed by the backstop's
   * delay. A poll records its counters before it schedules the next one: its delay is the sign it
   * finished.
   */
  private static boolean settled(HttpSourceStats s) {
    return s.notificationsConnectedSince() != null
        && s.requests() >= 1
        && s.requests() == s.notModified() + s.documents() + s.failures()
        && s.nextPollDelay() != null
        && s.nextPollDelay().compareTo(LONG) >= 0;
  }

  @Test
  void event_documentChanged_fetchedAtOnceAndItsDataIgnored() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source());
    feed.awaitConnection(1);
    long before = awaitSettled(source).requests(); // the first poll and the opening's fetch
    assertThat(flags.version()).isEqualTo("v1");

    doc.set(Entity.json(Docs.valid("v2", false), "\"e2\""));
    // The data is not a document the source would take: it fetches the document instead.
    feed.send("id: 1\ndata: " + Docs.valid("v666") + "\n\n");

    Await.until("v2 served", () -> flags.version().equals("v2"));
    assertThat(flags.isEnabled("feature")).isFalse();
    Await.until("the change event", () -> changes.size() == 2);
    assertThat(changes).extracting(ChangeEvent::newVersion).containsExactly("v1", "v2");
    TestServer.Request fetch = server.last();
    assertThat(fetch.path()).isEqualTo("/flags.json");
    assertThat(fetch.header("If-None-Match")).isEqualTo("\"e1\"");
    // The stream is up: once the fetch has finished, the next poll is the backstop's.
    HttpSourceStats stats =
        Await.until("the fetch finished", source::stats, NotificationsTest::settled);
    assertThat(stats.notificationEvents()).isEqualTo(1);
    assertThat(stats.lastEventId()).isEqualTo("1");
    assertThat(stats.lastEventTime()).isNotNull();
    assertThat(stats.notificationReconnects()).isZero();
    assertThat(source.counters())
        .as("the counters metrics adapters read")
        .containsEntry("notificationEvents", 1L)
        .containsEntry("notificationReconnects", 0L);
    assertThat(stats.requests()).isEqualTo(before + 1);
    assertThat(stats.documents()).isEqualTo(2);
  }

  @Test
  void event_documentUnchanged_304AndNoSwap() {
    serve(feed.handler(": hi\n\n"));
    HttpFlagSource source = start(source());
    feed.awaitConnection(1);
    long notModified = awaitSettled(source).notModified();

    feed.send("data: x\n\n");

    HttpSourceStats stats = Await.until(
        "the notification's fetch answered",
        source::stats,
        s -> s.notificationEvents() == 1 && s.notModified() == notModified + 1 && settled(s));
    assertThat(stats.documents()).isEqualTo(1);
    assertThat(flags.history()).hasSize(1);
    assertThat(changes).hasSize(1);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
  }

  @Test
  void events_inABurst_oneFetch() {
    serve(feed.handler(": hi\n\n"));
    // Every event asks for a fetch within 150 ms (half the delay): the first one's is due first,
    // so the others, parsed right after it, find it due sooner already.
    HttpFlagSource source =
        start(source().notificationDelay(Duration.ofMillis(300)).random(() -> 0.5));
    feed.awaitConnection(1);
    awaitSettled(source);
    long before = documentRequests();

    doc.set(Entity.json(Docs.valid("v2", false), "\"e2\""));
    feed.send("data: a\n\ndata: b\n\ndata: c\n\n");

    Await.until("v2 served", () -> flags.version().equals("v2"));
    Await.stays(Duration.ofMillis(400), "no more requests", () -> documentRequests() == before + 1);
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
    awaitSettled(source);
    // Changed without a notification (lost while the stream was down, say).
    doc.set(Entity.json(Docs.valid("v2", false), "\"e2\""));

    feed.end();

    feed.awaitConnection(2);
    Await.until("v2 served", () -> flags.version().equals("v2"));
  }

  @Test
  void heartbeats_keepTheStreamOpenBeyondTheReadTimeout() {
    serve(feed.handler(": hi\n\n"));
    feed.heartbeats(Duration.ofMillis(100));
    HttpFlagSource source = start(source().notificationReadTimeout(Duration.ofMillis(500)));
    feed.awaitConnection(1);

    Await.stays(Duration.ofMillis(1500), "one connection", () -> feed.connections() == 1);

    assertThat(source.stats().notificationsConnectedSince()).isNotNull();
    assertThat(source.stats().notificationReconnects()).isZero();
  }

  @Test
  void heartbeatGap_longerThanTheReadTimeout_reconnects() {
    serve(feed.handler(": hi\n\n"));
    // Every reconnection waits 1 s (half its cap): long enough to see the stream down.
    HttpFlagSource source = start(source()
        .notificationReadTimeout(Duration.ofMillis(300))
        .notificationBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .random(() -> 0.5));
    SseFeed.Connection first = feed.awaitConnection(1);
    // The next connections stay alive: heartbeats well within the read timeout from their start.
    feed.heartbeats(Duration.ofMillis(50));
    feed.send("id: 5\ndata: x\n\n");

    // The first one is silent from now on: after 300 ms it is dead, and opened again after 1 s.
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
        .isGreaterThanOrEqualTo(Duration.ofMillis(1300));
    assertThat(second.request().header("Last-Event-ID")).isEqualTo("5");
    Await.until("the note gone once open", () -> httpStatus(flags).detail() == null);
    assertThat(source.stats().notificationReconnects()).isEqualTo(1);
    assertThat(feed.connections()).isEqualTo(2);
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
    assertThat(awaitSettled(source).nextPollDelay()).isGreaterThanOrEqualTo(LONG);
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
    // close() joins the stream's thread: it has ended.
    assertThat(threads(n -> started.contains(n) && n.endsWith("-notifications")))
        .isEmpty();
    // The pools' threads end once their executors terminate, a moment after awaitTermination.
    Await.until(
        Duration.ofSeconds(5),
        "no thread left",
        () -> threads(started::contains).isEmpty());
    long requests = server.requestCount();
    Await.stays(
        Duration.ofMillis(300), "no request after close", () -> server.requestCount() == requests);
  }
}
