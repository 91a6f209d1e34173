package dev.flags.http;

import static dev.flags.http.Polls.httpStatus;
import static dev.flags.http.Polls.threads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.http.TestServer.Entity;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A notification stream that misbehaves, injected with the JDK's HTTP server: whatever it does,
 * the source says why in its status detail, stays READY (polling still works), serves what it
 * served, and tries again with growing delays.
 */
final class NotificationFaultTest {
  /** Every random draw: reconnection delays are half their caps, 50, 100, 200, 200 ms... */
  private static final double RANDOM = 0.5;

  private static final Duration INITIAL = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofMillis(400);

  private final TestServer server = TestServer.start();
  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    server.close();
  }

  private HttpFlagSource start(URI events, TestServer.Handler eventsHandler) {
    TestServer.Handler document = server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\""));
    server.otherwise(
        (ex, r) -> (r.path().startsWith("/events") ? eventsHandler : document).handle(ex, r));
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .backstopInterval(Duration.ofHours(1))
        .notifications(events)
        .notificationDelay(Duration.ofMillis(20))
        .notificationBackoff(INITIAL, MAX)
        .random(() -> RANDOM)
        .build();
    flags = Flags.newBuilder().name("fault-test").source(source).build();
    Await.until("v1 served", () -> flags.version().equals("v1"));
    return source;
  }

  private HttpFlagSource start(TestServer.Handler eventsHandler) {
    return start(server.uri("/events"), eventsHandler);
  }

  /** A 200 event stream with this body, ended when the body is sent. */
  private static TestServer.Handler stream(byte[] body) {
    return (ex, r) -> {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    };
  }

  private List<TestServer.Request> streamRequests() {
    return server.requests().stream().filter(r -> r.path().equals("/events")).toList();
  }

  /**
   * Waits for this detail and for three more attempts, then checks that the source kept serving,
   * stayed READY, and waited at least the backoff between attempts.
   */
  private void assertDownWithBackoff(String detail) {
    SourceStatus status = Await.until(
        "notifications down",
        () -> httpStatus(flags),
        s -> s.detail() != null && s.detail().startsWith("notifications down"));
    assertThat(status.detail()).isEqualTo(detail);
    assertThat(status.state()).isEqualTo(Status.State.READY);
    Await.until("four attempts", () -> streamRequests().size() >= 4);

    List<TestServer.Request> attempts = streamRequests();
    List<Duration> least =
        List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    for (int i = 0; i < least.size(); i++) {
      Duration gap =
          Duration.ofNanos(attempts.get(i + 1).nanos() - attempts.get(i).nanos());
      assertThat(gap).as("gap after attempt %d", i + 1).isGreaterThanOrEqualTo(least.get(i));
    }
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.history()).hasSize(1);
    assertThat(threads(n -> n.matches("flags-http-\\d+-notifications"))).isNotEmpty();
  }

  @Test
  void malformedLine_downWithTheLineAndBackoff() {
    start(
        stream(": hi\n\n<html><body>Bad gateway</body></html>\n".getBytes(StandardCharsets.UTF_8)));

    assertDownWithBackoff("notifications down: line 3 is not an event stream field:"
        + " '<html><body>Bad gateway</body></html>'");
  }

  @Test
  void oversizeLine_downNamingTheLimit() {
    byte[] line = ("data: " + "x".repeat(HttpFlagSource.MAX_NOTIFICATION_LINE_BYTES))
        .getBytes(StandardCharsets.UTF_8);

    start(stream(line));

    assertDownWithBackoff("notifications down: line 1 is longer than 65536 bytes (the limit,"
        + " HttpFlagSource.MAX_NOTIFICATION_LINE_BYTES)");
  }

  @Test
  void contentTypeNotEventStream_down() {
    start(TestServer.body("text/html", "<html></html>".getBytes(StandardCharsets.UTF_8)));

    assertDownWithBackoff("notifications down: unexpected content type 'text/html' from "
        + server.uri("/events") + " (expected text/event-stream)");
  }

  @Test
  void notFound_down() {
    start(TestServer.status(404));

    assertDownWithBackoff("notifications down: HTTP 404 from " + server.uri("/events"));
  }

  @Test
  void serviceUnavailable_downAndRetryAfterHonoured() {
    start(TestServer.status(503, "Retry-After", "1"));

    SourceStatus status =
        Await.until("notifications down", () -> httpStatus(flags), s -> s.detail() != null);
    Await.until(
        Duration.ofSeconds(10), "a second attempt", () -> streamRequests().size() >= 2);

    assertThat(status.detail())
        .isEqualTo("notifications down: HTTP 503 from " + server.uri("/events"));
    assertThat(status.state()).isEqualTo(Status.State.READY);
    List<TestServer.Request> attempts = streamRequests();
    // Retry-After: 1 asks for longer than the backoff (50 ms) and no more than its max (400 ms)
    // allows: the max it is.
    assertThat(Duration.ofNanos(attempts.get(1).nanos() - attempts.get(0).nanos()))
        .isGreaterThanOrEqualTo(MAX);
  }

  @Test
  void streamClosingAtOnce_inALoop_downWithGrowingDelays() {
    start(stream(new byte[0]));

    assertDownWithBackoff("notifications down: the server closed the stream");
    // Each opening asked for the document: answered 304, nothing swapped.
    assertThat(server.notModifiedSent()).isPositive();
  }

  @Test
  void connectionRefused_down() {
    URI nobody = URI.create("http://127.0.0.1:" + TestServer.freePort() + "/events");
    start(nobody, TestServer.status(500));

    SourceStatus status =
        Await.until("notifications down", () -> httpStatus(flags), s -> s.detail() != null);

    assertThat(status.detail())
        .startsWith("notifications down: ConnectException")
        .endsWith("(127.0.0.1:" + nobody.getPort() + ")");
    assertThat(status.state()).isEqualTo(Status.State.READY);
    assertThat(flags.version()).isEqualTo("v1");
  }
}
