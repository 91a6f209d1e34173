package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.httpStatus;
import static dev.flags.http.Polls.pollNowAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ChangeEvent;
import dev.flags.Context;
import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.http.TestServer.Entity;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conditional GETs, compression, redirects and request headers against a scripted server. */
final class ConditionalRequestTest {
  private final TestServer server = TestServer.start();
  private final List<ChangeEvent> changes = new CopyOnWriteArrayList<>();
  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    server.close();
  }

  private HttpFlagSource.Builder source() {
    // Long interval: the tests drive every poll after the first with pollNow().
    return HttpFlagSource.newBuilder(server.uri()).pollInterval(Duration.ofHours(1));
  }

  private HttpFlagSource start(HttpFlagSource.Builder builder) {
    HttpFlagSource source = builder.build();
    flags = Flags.newBuilder().source(source).onChange(changes::add).build();
    awaitPolls(source, 1);
    return source;
  }

  @Test
  void poll_etagThenUnchanged_sendsIfNoneMatchAndDoesNotSwap() {
    AtomicReference<Entity> doc = new AtomicReference<>(Entity.json(Docs.valid("v1"), "\"e1\""));
    server.otherwise(server.conditional(doc::get));
    HttpFlagSource source = start(source());
    assertThat(flags.version()).isEqualTo("v1");

    for (int i = 0; i < 3; i++) {
      pollNowAndWait(source);
    }

    assertThat(server.request(0).header("If-None-Match")).isNull();
    assertThat(server.requests().subList(1, 4))
        .allSatisfy(r -> assertThat(r.header("If-None-Match")).isEqualTo("\"e1\""));
    HttpSourceStats stats = source.stats();
    assertThat(stats.requests()).isEqualTo(4);
    assertThat(stats.documents()).isEqualTo(1);
    assertThat(stats.notModified()).isEqualTo(3);
    assertThat(stats.failures()).isZero();
    assertThat(stats.etag()).isEqualTo("\"e1\"");
    assertThat(server.notModifiedSent()).isEqualTo(3);
    // The same counters through the client's status, for metrics adapters.
    assertThat(flags.status().sources())
        .filteredOn(st -> st.name().equals(source.name()))
        .singleElement()
        .satisfies(st -> assertThat(st.counters())
            .containsEntry("requests", 4L)
            .containsEntry("notModified", 3L)
            .containsEntry("documents", 1L)
            .containsEntry("failures", 0L)
            .containsKeys("consecutiveFailures", "bytesReceived"));
    assertThat(flags.history()).hasSize(1); // a 304 is no swap
    Await.until("the first change event", () -> changes.size() == 1);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    assertThat(httpStatus(flags).lastUpdate())
        .isAfter(httpStatus(flags).lastUpdate().minusSeconds(1));

    // A new document with a new ETag is fetched and swapped once.
    doc.set(Entity.json(Docs.valid("v2", false), "\"e2\""));
    pollNowAndWait(source);
    assertThat(server.last().header("If-None-Match")).isEqualTo("\"e1\"");
    assertThat(flags.version()).isEqualTo("v2");
    assertThat(flags.isEnabled("feature")).isFalse();
    pollNowAndWait(source);
    assertThat(server.last().header("If-None-Match")).isEqualTo("\"e2\"");
    assertThat(flags.history()).hasSize(2);
    Await.until("two change events", () -> changes.size() == 2);
    assertThat(changes.get(1).oldVersion()).isEqualTo("v1");
    assertThat(changes.get(1).newVersion()).isEqualTo("v2");
    assertThat(source.stats().notModified()).isEqualTo(4);
  }

  @Test
  void poll_sameBodyWithoutValidators_noParseNoSwap() {
    AtomicReference<String> body = new AtomicReference<>(Docs.valid("v1"));
    server.otherwise((ex, r) -> TestServer.json(body.get()).handle(ex, r));
    HttpFlagSource source = start(source());

    pollNowAndWait(source);
    pollNowAndWait(source);

    assertThat(source.stats().documents()).isEqualTo(3);
    assertThat(source.stats().notModified()).isZero();
    assertThat(flags.history()).hasSize(1);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);

    body.set(Docs.valid("v2"));
    pollNowAndWait(source);
    assertThat(flags.version()).isEqualTo("v2");
    assertThat(flags.history()).hasSize(2);
    Await.until("two change events", () -> changes.size() == 2);
  }

  @Test
  void poll_sameBodyUnderNewEtag_noSwapAndNewEtagSentNext() {
    server
        .then(
            TestServer.json(Docs.valid("v1"), "ETag", "\"node-a\""),
            TestServer.json(Docs.valid("v1"), "ETag", "\"node-b\""))
        .otherwise(TestServer.status(304));
    HttpFlagSource source = start(source());

    pollNowAndWait(source);
    assertThat(source.stats().etag()).isEqualTo("\"node-b\"");
    pollNowAndWait(source);

    assertThat(server.last().header("If-None-Match")).isEqualTo("\"node-b\"");
    assertThat(flags.history()).hasSize(1);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_onlyLastModified_sendsIfModifiedSince() {
    String lastModified = "Wed, 21 Oct 2026 07:28:00 GMT";
    server.otherwise(server.conditional(() ->
        new Entity(Docs.bytes(Docs.valid("v1")), null, lastModified, "application/json", false)));
    HttpFlagSource source = start(source());

    pollNowAndWait(source);

    assertThat(server.request(0).header("If-Modified-Since")).isNull();
    assertThat(server.request(1).header("If-Modified-Since")).isEqualTo(lastModified);
    assertThat(server.request(1).header("If-None-Match")).isNull();
    assertThat(source.stats().notModified()).isEqualTo(1);
    assertThat(flags.history()).hasSize(1);
  }

  @Test
  void poll_etagAndLastModified_prefersIfNoneMatch() {
    server.otherwise(server.conditional(() -> new Entity(
        Docs.bytes(Docs.valid("v1")),
        "\"e1\"",
        "Wed, 21 Oct 2026 07:28:00 GMT",
        "application/json",
        false)));
    HttpFlagSource source = start(source());

    pollNowAndWait(source);

    assertThat(server.request(1).header("If-None-Match")).isEqualTo("\"e1\"");
    assertThat(server.request(1).header("If-Modified-Since")).isNull();
  }

  @Test
  void poll_gzipBody_decodedAndCountedCompressed() {
    String json = Docs.large("v-gz", 200);
    byte[] compressed = Docs.gzip(Docs.bytes(json));
    server.otherwise(server.conditional(() ->
        new Entity(Docs.bytes(json), "\"gz\"", null, "application/json; charset=utf-8", true)));
    HttpFlagSource source = start(source());

    assertThat(server.request(0).header("Accept-Encoding")).isEqualTo("gzip");
    assertThat(flags.version()).isEqualTo("v-gz");
    assertThat(flags.flagKeys()).hasSize(201);
    assertThat(source.stats().bytesReceived())
        .isEqualTo(compressed.length)
        .isLessThan(json.length() / 5);
  }

  @Test
  void poll_corruptGzip_rejectedAndStillServing() {
    byte[] notGzip = Docs.bytes("this is not gzip");
    server.then(TestServer.json(Docs.valid("v1"), "ETag", "\"e1\"")).otherwise((ex, r) -> {
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
      TestServer.body("application/json", notGzip).handle(ex, r);
    });
    HttpFlagSource source = start(source());

    pollNowAndWait(source);

    ErrorInfo error = source.stats().lastError();
    assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(error.message()).startsWith("cannot decode gzip body: ");
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.STALE);
  }

  @Test
  void poll_redirect_followedToTheDocument() {
    server
        .then((ex, r) -> {
          ex.getResponseHeaders().set("Location", "/moved/flags.json");
          ex.sendResponseHeaders(302, -1);
        })
        .otherwise(server.conditional(() -> Entity.json(Docs.valid("v-moved"), "\"m\"")));
    HttpFlagSource source = start(source());

    assertThat(flags.version()).isEqualTo("v-moved");
    assertThat(server.requests())
        .extracting(TestServer.Request::path)
        .containsExactly("/flags.json", "/moved/flags.json");
    assertThat(source.stats().etag()).isEqualTo("\"m\"");
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_customHeaders_sentButNeverLoggedOrShown() {
    String token = "Bearer s3cr3t-t0ken-value";
    String querySecret = "sig-9f8e7d6c";
    server.then(
        TestServer.json(Docs.valid("v1"), "ETag", "\"e1\""),
        TestServer.status(401),
        TestServer.status(500),
        TestServer.status(503, "Retry-After", "1"));
    HttpFlagSource source;
    try (Polls.CapturedStderr err = new Polls.CapturedStderr()) {
      source = HttpFlagSource.newBuilder(server.uri("/flags.json?sig=" + querySecret))
          .pollInterval(Duration.ofHours(1))
          .operatorErrorDelay(Duration.ofHours(1))
          .header("Authorization", token)
          .header("X-Client", "checkout-7")
          .header("Accept", "application/vnd.flags+json")
          .build();
      flags = Flags.newBuilder().source(source).build();
      awaitPolls(source, 1);
      for (int i = 0; i < 3; i++) {
        pollNowAndWait(source);
      }
      // The 1st, 2nd, 4th, 8th... failure in a row is logged.
      Await.until("the failures are logged", () -> err.text().contains("HTTP 500"));

      assertThat(server.requests()).allSatisfy(r -> {
        assertThat(r.header("Authorization")).isEqualTo(token);
        assertThat(r.header("X-Client")).isEqualTo("checkout-7");
        // A header given to the builder replaces the source's default.
        assertThat(r.headers().get("Accept")).containsExactly("application/vnd.flags+json");
      });
      assertThat(err.text())
          .contains("HTTP 401")
          .contains("HTTP 500")
          .doesNotContain("s3cr3t")
          .doesNotContain(querySecret);
    }
    assertThat(source.stats().toString()).doesNotContain("s3cr3t").doesNotContain(querySecret);
    assertThat(flags.status().toString()).doesNotContain("s3cr3t").doesNotContain(querySecret);
    assertThat(source.toString()).doesNotContain(querySecret);
    assertThat(flags.status().lastError().message()).doesNotContain(querySecret);
  }

  @Test
  void poll_jsonContentTypeVariants_accepted() {
    server.then(
        TestServer.body("application/json;charset=UTF-8", Docs.bytes(Docs.valid("a"))),
        TestServer.body("application/flags+json", Docs.bytes(Docs.valid("b"))),
        TestServer.body("TEXT/JSON", Docs.bytes(Docs.valid("c"))));
    HttpFlagSource source = start(source());
    assertThat(flags.version()).isEqualTo("a");
    pollNowAndWait(source);
    assertThat(flags.version()).isEqualTo("b");
    pollNowAndWait(source);
    assertThat(flags.version()).isEqualTo("c");
    assertThat(flags.evaluate("feature", Context.EMPTY).value()).isEqualTo(true);
  }
}
