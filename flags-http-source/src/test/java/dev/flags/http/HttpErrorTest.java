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
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Error statuses, backoff, Retry-After, timeouts and a server that goes away. */
final class HttpErrorTest {
  /** Makes full jitter deterministic: every random draw is this value. */
  private static final double RANDOM = 0.999;

  private TestServer server = TestServer.start();
  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    server.close();
  }

  private HttpFlagSource.Builder source() {
    return HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .random(() -> RANDOM);
  }

  private HttpFlagSource start(HttpFlagSource.Builder builder) {
    HttpFlagSource source = builder.build();
    flags = Flags.newBuilder().source(source).build();
    return source;
  }

  private static Duration jittered(Duration cap) {
    return Duration.ofNanos((long) (RANDOM * cap.toNanos()));
  }

  @Test
  void poll_serverError_staleAndStillServing() {
    server
        .then(TestServer.json(Docs.valid("v1"), "ETag", "\"e1\""))
        .otherwise(TestServer.status(500));
    HttpFlagSource source = start(source());
    awaitPolls(source, 1);

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.HTTP);
    assertThat(stats.lastError().statusCode()).isEqualTo(500);
    assertThat(stats.failures()).isEqualTo(1);
    assertThat(stats.consecutiveFailures()).isEqualTo(1);
    assertThat(stats.nextPollDelay()).isEqualTo(jittered(HttpFlagSource.DEFAULT_INITIAL_BACKOFF));
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.isEnabled("feature")).isTrue();
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.STALE);
    assertThat(flags.status().state()).isEqualTo(Status.State.STALE);
    assertThat(flags.status().lastError().statusCode()).isEqualTo(500);
  }

  @Test
  void poll_503WithRetryAfterSeconds_waitsThatLong() {
    server.otherwise(TestServer.status(503, "Retry-After", "7"));
    HttpFlagSource source = start(source());

    HttpSourceStats stats = awaitPolls(source, 1);

    assertThat(stats.nextPollDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(stats.lastError().statusCode()).isEqualTo(503);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.ERROR); // nothing served yet
    assertThat(flags.status().state()).isEqualTo(Status.State.ERROR);
  }

  @Test
  void poll_503WithRetryAfterDate_waitsUntilThen() {
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    server.otherwise(TestServer.status(503, "Retry-After", at));
    HttpFlagSource source = start(source());

    HttpSourceStats stats = awaitPolls(source, 1);

    // The date has a one-second resolution and some time passed since it was written.
    assertThat(stats.nextPollDelay()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000000000", "600"})
  void poll_retryAfterOverTheCap_waitsTheCapOfFiveMinutes(String retryAfter) {
    // Any proxy or CDN in between can send a Retry-After; it must not stop polling for long.
    server.otherwise(TestServer.status(503, "Retry-After", retryAfter));
    HttpFlagSource source = start(source());

    HttpSourceStats stats = awaitPolls(source, 1);

    assertThat(stats.nextPollDelay()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void poll_maxRetryAfterSet_capsRetryAfter() {
    server.otherwise(TestServer.status(503, "Retry-After", "600"));
    HttpFlagSource source = start(source().maxRetryAfter(Duration.ofSeconds(30)));

    HttpSourceStats stats = awaitPolls(source, 1);

    assertThat(stats.nextPollDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void poll_retryAfterShorterThanBackoff_backoffWins() {
    server.otherwise(TestServer.status(503, "Retry-After", "0"));
    HttpFlagSource source = start(source().backoff(Duration.ofSeconds(40), Duration.ofSeconds(60)));

    HttpSourceStats stats = awaitPolls(source, 1);

    assertThat(stats.nextPollDelay()).isEqualTo(jittered(Duration.ofSeconds(40)));
  }

  @Test
  void poll_retryAfterUnparseable_ignored() {
    server.otherwise(TestServer.status(503, "Retry-After", "soon"));
    HttpFlagSource source = start(source());

    HttpSourceStats stats = awaitPolls(source, 1);

    assertThat(stats.nextPollDelay()).isEqualTo(jittered(HttpFlagSource.DEFAULT_INITIAL_BACKOFF));
  }

  @Test
  void poll_429_backsOffHonouringRetryAfter() {
    server.then(
        TestServer.json(Docs.valid("v1")),
        TestServer.status(429, "Retry-After", "12"),
        TestServer.status(429));
    HttpFlagSource source = start(source());
    awaitPolls(source, 1);

    HttpSourceStats first = pollNowAndWait(source);
    assertThat(first.lastError().statusCode()).isEqualTo(429);
    assertThat(first.lastError().kind()).isEqualTo(ErrorInfo.Kind.HTTP);
    assertThat(first.nextPollDelay()).isEqualTo(Duration.ofSeconds(12));
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.STALE);

    HttpSourceStats second = pollNowAndWait(source);
    assertThat(second.consecutiveFailures()).isEqualTo(2);
    assertThat(second.nextPollDelay())
        .isEqualTo(jittered(HttpFlagSource.DEFAULT_INITIAL_BACKOFF.multipliedBy(2)));
    assertThat(flags.version()).isEqualTo("v1");
  }

  @Test
  void poll_repeatedFailures_backoffDoublesCapsAndResetsAfterSuccess() {
    Duration initial = Duration.ofMillis(20);
    Duration max = Duration.ofMillis(200);
    Duration interval = Duration.ofHours(1);
    Duration jitter = Duration.ofSeconds(10);
    int failures = 7;
    AtomicReference<HttpFlagSource> ref = new AtomicReference<>();
    // The delay in force when request n arrives is the one chosen after poll n-1.
    List<Duration> delays = new CopyOnWriteArrayList<>();
    TestServer.Handler fail = (ex, r) -> {
      delays.add(ref.get().stats().nextPollDelay());
      ex.sendResponseHeaders(500, -1);
    };
    for (int i = 0; i < failures; i++) {
      server.then(fail);
    }
    server.otherwise((ex, r) -> {
      delays.add(ref.get().stats().nextPollDelay());
      TestServer.json(Docs.valid("v1")).handle(ex, r);
    });
    HttpFlagSource source =
        source().pollInterval(interval).jitter(jitter).backoff(initial, max).build();
    ref.set(source);
    flags = Flags.newBuilder().source(source).build();

    HttpSourceStats stats = Await.until(
        "the success after the failures",
        source::stats,
        s -> s.documents() == 1 && s.nextPollDelay().compareTo(interval) >= 0);

    List<Duration> expected = new ArrayList<>();
    expected.add(Duration.ZERO); // the first poll runs at once
    for (long cap : new long[] {20, 40, 80, 160, 200, 200, 200}) {
      expected.add(jittered(Duration.ofMillis(cap)));
    }
    assertThat(delays).containsExactlyElementsOf(expected);
    assertThat(stats.consecutiveFailures()).isZero();
    assertThat(stats.failures()).isEqualTo(failures);
    assertThat(stats.nextPollDelay()).isEqualTo(interval.plus(jittered(jitter)));
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404})
  void poll_operatorError_sourceErrorWhileServingAndKeepsPolling(int code) {
    Duration operatorDelay = Duration.ofMillis(150);
    AtomicReference<TestServer.Handler> answer =
        new AtomicReference<>(TestServer.json(Docs.valid("v1"), "ETag", "\"e1\""));
    server.otherwise((ex, r) -> answer.get().handle(ex, r));
    HttpFlagSource source = start(source().operatorErrorDelay(operatorDelay).jitter(Duration.ZERO));
    awaitPolls(source, 1);
    answer.set(TestServer.status(code));

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.HTTP);
    assertThat(stats.lastError().statusCode()).isEqualTo(code);
    assertThat(stats.nextPollDelay()).isEqualTo(operatorDelay);
    SourceStatus st = httpStatus(flags);
    assertThat(st.state()).isEqualTo(Status.State.ERROR);
    assertThat(st.lastError().statusCode()).isEqualTo(code);
    assertThat(st.lastError().message()).contains("HTTP " + code);
    assertThat(flags.status().state()).isEqualTo(Status.State.STALE); // v1 still serves
    assertThat(flags.version()).isEqualTo("v1");

    // Not a permanent stop: it keeps asking at the operator delay...
    int seen = server.requestCount();
    Await.until("two more polls at the operator delay", () -> server.requestCount() >= seen + 2);
    assertThat(source.stats().nextPollDelay()).isEqualTo(operatorDelay);
    // ...and recovers once the server is fixed.
    answer.set(server.conditional(() -> Entity.json(Docs.valid("v2"), "\"e2\"")));
    Await.until(
        "recovered",
        () -> flags.version().equals("v2") && httpStatus(flags).state() == Status.State.READY);
    source.pollNow();
    Await.until("a 304 after recovery", () -> source.stats().notModified() >= 1);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_gone410_treatedAsOperatorError() {
    server.otherwise(TestServer.status(410));
    HttpFlagSource source =
        start(source().operatorErrorDelay(Duration.ofMinutes(3)).jitter(Duration.ZERO));

    HttpSourceStats stats = awaitPolls(source, 1);

    assertThat(stats.nextPollDelay()).isEqualTo(Duration.ofMinutes(3));
    assertThat(stats.lastError().message()).contains("HTTP 410");
    assertThat(stats.lastError().statusCode()).isEqualTo(410);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.ERROR);
  }

  @Test
  void poll_304ToRequestWithoutValidators_protocolErrorThenRetriesWithoutValidators() {
    server
        .then(TestServer.status(304))
        .otherwise(server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\"")));
    HttpFlagSource source = start(source());

    HttpSourceStats stats = awaitPolls(source, 1);

    ErrorInfo error = stats.lastError();
    assertThat(error).isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.HTTP);
    assertThat(error.statusCode()).isEqualTo(304);
    assertThat(error.message())
        .isEqualTo("304 Not Modified to a request without validators from " + server.uri());
    assertThat(stats.nextPollDelay()).isEqualTo(jittered(HttpFlagSource.DEFAULT_INITIAL_BACKOFF));
    assertThat(stats.notModified()).isZero();
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.ERROR);
    assertThat(httpStatus(flags).lastError().message()).startsWith("304 Not Modified to a");
    assertThat(flags.status().state()).isEqualTo(Status.State.ERROR);

    HttpSourceStats retried = pollNowAndWait(source);

    assertThat(server.request(1).header("If-None-Match")).isNull();
    assertThat(retried.consecutiveFailures()).isZero();
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_304WhileServingADocumentWithoutValidators_staleProtocolError() {
    server.then(TestServer.json(Docs.valid("v1"))).otherwise(TestServer.status(304));
    HttpFlagSource source = start(source());
    awaitPolls(source, 1);

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(server.last().header("If-None-Match")).isNull();
    assertThat(server.last().header("If-Modified-Since")).isNull();
    assertThat(stats.lastError().statusCode()).isEqualTo(304);
    assertThat(stats.lastError().message()).startsWith("304 Not Modified to a request without");
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.STALE);
    assertThat(flags.version()).isEqualTo("v1");
  }

  @Test
  void poll_connectionRefused_errorNamesTheExceptionAndTheHost() {
    int port = TestServer.freePort();
    URI uri = URI.create("http://127.0.0.1:" + port + "/flags.json");
    HttpFlagSource source = start(
        HttpFlagSource.newBuilder(uri).pollInterval(Duration.ofHours(1)).random(() -> RANDOM));

    HttpSourceStats stats = awaitPolls(source, 1);

    ErrorInfo error = stats.lastError();
    assertThat(error).isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    // java.net.http 17 reports ConnectException caused by ClosedChannelException, no message.
    assertThat(error.message())
        .startsWith("ConnectException")
        .endsWith(" (127.0.0.1:" + port + ")")
        .doesNotContain("null");
    assertThat(source.name()).isEqualTo(uri.toString());
    assertThat(httpStatus(flags).name()).isEqualTo(uri.toString());
  }

  @Test
  void poll_serverError_messageNamesTheSourceOnce() {
    server.otherwise(TestServer.status(500));
    HttpFlagSource source = start(source());

    HttpSourceStats stats = awaitPolls(source, 1);

    assertThat(stats.lastError().message()).isEqualTo("HTTP 500 from " + server.uri());
    assertThat(source.toString()).isEqualTo("HttpFlagSource{" + server.uri() + "}");
  }

  @Test
  void poll_slowerThanRequestTimeout_networkErrorAndStillServing() {
    server
        .then(TestServer.json(Docs.valid("v1")))
        .otherwise(server.delayed(Duration.ofSeconds(5), TestServer.status(500)));
    HttpFlagSource source = start(source().requestTimeout(Duration.ofMillis(300)));
    awaitPolls(source, 1);

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    assertThat(stats.lastError().message()).isEqualTo("timed out after PT0.3S");
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.isEnabled("feature")).isTrue();
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.STALE);
  }

  @Test
  void poll_serverGoneThenBack_networkErrorThenRecovers() {
    int port = server.port();
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\"")));
    HttpFlagSource source = start(source());
    awaitPolls(source, 1);
    server.close();

    HttpSourceStats down = pollNowAndWait(source);

    assertThat(down.lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.STALE);
    assertThat(flags.version()).isEqualTo("v1");

    server = TestServer.start(port);
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\"")));
    HttpSourceStats up = pollNowAndWait(source);

    assertThat(server.request(0).header("If-None-Match")).isEqualTo("\"e1\"");
    assertThat(up.notModified()).isEqualTo(1);
    assertThat(up.consecutiveFailures()).isZero();
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
    assertThat(flags.history()).hasSize(1);
  }
}
