package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.httpStatus;
import static dev.flags.http.Polls.pollNowAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.http.TestServer.Entity;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bodies that break: cut connections, bad JSON, invalid documents, size and type limits. */
final class BodyFaultTest {
  private static final String V1 = Docs.valid("v1");

  private final TestServer server = TestServer.start();
  private RawServer raw;
  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    if (raw != null) {
      raw.close();
    }
    server.close();
  }

  private HttpFlagSource start(URI uri) {
    return start(HttpFlagSource.newBuilder(uri).pollInterval(Duration.ofHours(1)));
  }

  private HttpFlagSource start(HttpFlagSource.Builder builder) {
    HttpFlagSource source = builder.build();
    flags = Flags.newBuilder().source(source).build();
    awaitPolls(source, 1);
    return source;
  }

  /** Serves v1 completely on the first connection, then runs {@code fault} on the others. */
  private RawServer rawServer(RawServer.Script fault) {
    AtomicInteger n = new AtomicInteger();
    return new RawServer((socket, out) -> {
      if (n.getAndIncrement() == 0) {
        byte[] body = Docs.bytes(V1);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } else {
        fault.run(socket, out);
      }
    });
  }

  private void assertStillServingV1() {
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.isEnabled("feature")).isTrue();
    assertThat(flags.status().state()).isEqualTo(Status.State.STALE);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.STALE);
  }

  @Test
  void poll_connectionResetMidBody_networkErrorAndStillServing() {
    byte[] big = Docs.bytes(Docs.large("v2", 100));
    raw = rawServer((socket, out) -> {
      out.write(RawServer.partial(big, big.length / 2));
      out.flush();
      RawServer.reset(socket);
    });
    HttpFlagSource source = start(raw.uri());
    assertThat(flags.version()).isEqualTo("v1");

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    assertThat(stats.documents()).isEqualTo(1);
    assertStillServingV1();
  }

  @Test
  void poll_connectionClosedBeforeBodyEnds_networkErrorAndStillServing() {
    byte[] body = Docs.bytes(Docs.valid("v2"));
    raw = rawServer((socket, out) -> {
      out.write(RawServer.partial(body, body.length - 10));
      out.flush();
      socket.shutdownOutput(); // a clean FIN, 10 bytes short of the Content-Length
    });
    HttpFlagSource source = start(raw.uri());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    assertStillServingV1();
  }

  @Test
  void poll_connectionClosedBeforeAnyResponse_networkError() {
    raw = rawServer((socket, out) -> RawServer.reset(socket));
    HttpFlagSource source = start(raw.uri());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    assertStillServingV1();
  }

  @Test
  void poll_bodyTricklesPastRequestTimeout_networkErrorAndConnectionReleased() {
    AtomicBoolean clientHungUp = new AtomicBoolean();
    raw = rawServer((socket, out) -> {
      byte[] body = Docs.bytes(Docs.large("v2", 50));
      out.write(RawServer.partial(body, 10));
      out.flush();
      try {
        for (int i = 10; i < body.length; i++) { // one byte every 50 ms: far too slow
          Thread.sleep(50);
          out.write(body[i]);
          out.flush();
        }
      } catch (IOException e) {
        clientHungUp.set(true);
      }
    });
    HttpFlagSource source = start(HttpFlagSource.newBuilder(raw.uri())
        .pollInterval(Duration.ofHours(1))
        .requestTimeout(Duration.ofMillis(300)));

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    assertThat(stats.lastError().message()).isEqualTo("timed out after PT0.3S");
    assertStillServingV1();
    // The abandoned exchange does not hold its connection open.
    Await.until("the client closes the timed-out connection", clientHungUp::get);
  }

  @Test
  void poll_invalidJson_rejectedWithProblemAndStillServing() {
    server.then(TestServer.json(V1)).otherwise(TestServer.json("{\"schema\": 1, \"version\": "));
    HttpFlagSource source = start(server.uri());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.documents()).isEqualTo(2);
    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    SourceStatus st = httpStatus(flags);
    assertThat(st.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(st.lastError().message()).startsWith("document rejected (1 problem): ");
    assertThat(st.detail()).isEqualTo("latest document rejected");
    assertStillServingV1();
  }

  @Test
  void poll_truncatedJsonWithMatchingLength_rejectedAndStillServing() {
    String v2 = Docs.valid("v2");
    server.then(TestServer.json(V1)).otherwise(TestServer.json(v2.substring(0, v2.length() / 2)));
    HttpFlagSource source = start(server.uri());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertStillServingV1();
  }

  @Test
  void poll_invalidDocumentThen304_staysRejectedWithoutReparsingThenRecovers() {
    AtomicReference<Entity> doc = new AtomicReference<>(Entity.json(V1, "\"e1\""));
    server.otherwise(server.conditional(doc::get));
    HttpFlagSource source = start(server.uri());
    doc.set(Entity.json(Docs.invalid("v2"), "\"e2\""));

    pollNowAndWait(source);

    SourceStatus rejected = httpStatus(flags);
    assertThat(rejected.state()).isEqualTo(Status.State.STALE);
    assertThat(rejected.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(rejected.lastError().message())
        .startsWith("document version 'v2' rejected (1 problem): ")
        .contains("'blue'");
    assertStillServingV1();
    assertThat(source.stats().etag()).isEqualTo("\"e2\"");

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(server.last().header("If-None-Match")).isEqualTo("\"e2\"");
    assertThat(stats.notModified()).isEqualTo(1);
    SourceStatus unchanged = httpStatus(flags);
    assertThat(unchanged.state()).isEqualTo(Status.State.STALE);
    assertThat(unchanged.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(unchanged.lastError().statusCode()).isEqualTo(304);
    assertThat(unchanged.lastError().message())
        .startsWith("the server's document is unchanged since it was rejected: ")
        .contains("'blue'");
    assertThat(flags.history()).hasSize(1);
    assertStillServingV1();
    // Not a transient failure: the normal cadence, so the fix is seen within one interval.
    assertThat(stats.nextPollDelay()).isGreaterThanOrEqualTo(Duration.ofHours(1));

    doc.set(Entity.json(Docs.valid("v3"), "\"e3\""));
    pollNowAndWait(source);
    assertThat(flags.version()).isEqualTo("v3");
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
    pollNowAndWait(source);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_rejectedThenServerBackToTheServedDocument_readyAgainAndAfter304s() {
    Entity v1 = Entity.json(V1, "\"e1\"");
    AtomicReference<Entity> doc = new AtomicReference<>(v1);
    server.otherwise(server.conditional(doc::get));
    HttpFlagSource source = start(server.uri());
    doc.set(Entity.json(Docs.invalid("v2"), "\"e2\""));
    pollNowAndWait(source);
    assertThat(httpStatus(flags).detail()).isEqualTo("latest document rejected");
    assertStillServingV1();

    doc.set(v1); // the usual fix: the server goes back to the document that serves
    HttpSourceStats back = pollNowAndWait(source);

    assertThat(server.last().header("If-None-Match")).isEqualTo("\"e2\"");
    assertThat(back.documents()).isEqualTo(3); // a 200 with the bytes being served
    assertThat(back.consecutiveFailures()).isZero();
    assertThat(back.etag()).isEqualTo("\"e1\"");
    SourceStatus ready = httpStatus(flags);
    assertThat(ready.state()).isEqualTo(Status.State.READY);
    assertThat(ready.detail()).isNull();
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    assertThat(flags.history()).hasSize(1); // the same document: no swap
    assertThat(flags.version()).isEqualTo("v1");

    // The 304s that follow keep it READY.
    HttpSourceStats later = pollNowAndWait(source);
    pollNowAndWait(source);
    assertThat(later.notModified()).isEqualTo(1);
    assertThat(server.last().header("If-None-Match")).isEqualTo("\"e1\"");
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_rejectedThenServedBytesAgainWithoutValidators_readyAgain() {
    AtomicReference<String> body = new AtomicReference<>(V1);
    server.otherwise((ex, r) -> TestServer.json(body.get()).handle(ex, r));
    HttpFlagSource source = start(server.uri());
    body.set(Docs.invalid("v2"));
    pollNowAndWait(source);
    pollNowAndWait(source); // the same rejected bytes: still rejected
    assertStillServingV1();

    body.set(V1);
    pollNowAndWait(source);

    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    pollNowAndWait(source); // the same bytes again: a plain "unchanged"
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
    assertThat(flags.history()).hasSize(1);
  }

  @Test
  void poll_sameInvalidBodyWithoutValidators_notParsedAgain() {
    server.then(TestServer.json(V1)).otherwise(TestServer.json(Docs.invalid("v2")));
    HttpFlagSource source = start(server.uri());
    pollNowAndWait(source);
    assertThat(httpStatus(flags).lastError().message()).startsWith("document version 'v2'");

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.documents()).isEqualTo(3);
    assertThat(httpStatus(flags).lastError().message())
        .startsWith("the server's document is unchanged since it was rejected: document"
            + " version 'v2' rejected (1 problem): ");
    assertThat(stats.nextPollDelay()).isGreaterThanOrEqualTo(Duration.ofHours(1));
    assertStillServingV1();
  }

  @Test
  void poll_bodyOverLimitWithContentLength_rejectedBeforeReading() {
    byte[] big = Docs.bytes(Docs.large("v2", 40));
    server.then(TestServer.json(V1)).otherwise(TestServer.body("application/json", big));
    HttpFlagSource source = start(HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .maxBodyBytes(1_000));

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(stats.lastError().message())
        .isEqualTo(
            "body of " + big.length
                + " bytes exceeds the maximum allowed (1000, from HttpFlagSource.Builder.maxBodyBytes(long))");
    assertStillServingV1();
  }

  @Test
  void poll_chunkedBodyOverLimit_rejectedWhileReading() {
    byte[] big = Docs.bytes(Docs.large("v2", 40));
    server.then(TestServer.json(V1)).otherwise(TestServer.chunked("application/json", big));
    HttpFlagSource source = start(HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .maxBodyBytes(1_000));

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(stats.lastError().message())
        .isEqualTo("body exceeds the maximum allowed"
            + " (1000 bytes, from HttpFlagSource.Builder.maxBodyBytes(long))");
    assertThat(stats.bytesReceived()).isLessThan(big.length);
    assertStillServingV1();
  }

  @Test
  void poll_gzipInflatingOverLimit_rejected() {
    byte[] big = Docs.bytes(Docs.large("v2", 200));
    byte[] small = Docs.gzip(big);
    server.then(TestServer.json(V1)).otherwise((ex, r) -> {
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
      TestServer.body("application/json", small).handle(ex, r);
    });
    long limit = small.length * 2L;
    HttpFlagSource source = start(HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .maxBodyBytes(limit));

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(stats.lastError().message())
        .isEqualTo("cannot decode gzip body: decompressed"
            + " body exceeds the maximum allowed (" + limit
            + ", from HttpFlagSource.Builder.maxBodyBytes(long))");
    assertStillServingV1();
  }

  @Test
  void poll_htmlContentType_rejectedBeforeParsing() {
    server
        .then(TestServer.json(V1))
        .otherwise(TestServer.body(
            "text/html; charset=utf-8", Docs.bytes("<html><body>502 Bad Gateway</body></html>")));
    HttpFlagSource source = start(server.uri());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(stats.lastError().message())
        .isEqualTo("unexpected content type"
            + " 'text/html; charset=utf-8' (expected application/json; see"
            + " HttpFlagSource.Builder.acceptAnyContentType())");
    assertThat(httpStatus(flags).lastError().message()).contains("text/html");
    assertStillServingV1();
  }

  @Test
  void poll_missingContentType_rejected() {
    server.then(TestServer.json(V1)).otherwise((ex, r) -> {
      byte[] body = Docs.bytes(Docs.valid("v2"));
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    HttpFlagSource source = start(server.uri());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().message()).startsWith("unexpected content type ''");
    assertStillServingV1();
  }

  @Test
  void poll_acceptAnyContentType_octetStreamAccepted() {
    server.otherwise(TestServer.body("application/octet-stream", Docs.bytes(V1)));
    HttpFlagSource source = start(HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .acceptAnyContentType());

    assertThat(source.stats().failures()).isZero();
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }
}
