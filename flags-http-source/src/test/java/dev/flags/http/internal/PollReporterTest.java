package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ErrorInfo;
import dev.flags.ErrorInfo.Kind;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each outcome reports, records and waits, against a client that only takes notes. */
final class PollReporterTest {
  private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(20);
  private static final Duration OPERATOR_DELAY = Duration.ofMinutes(5);
  private static final String NAME = "https://cdn.example.com/flags.json";

  @TempDir
  Path dir;

  private final NotingContext context = new NotingContext();
  private final PollStats stats = new PollStats();
  // Random draws of 0.5: backoff after the n-th failure in a row is 2^(n-1) * 500 ms.
  private final Backoff backoff = new Backoff(
      INTERVAL,
      Duration.ZERO,
      Duration.ofSeconds(1),
      Duration.ofMinutes(5),
      OPERATOR_DELAY,
      Duration.ofMinutes(5),
      () -> 0.5);

  private PollReporter reporter(LastKnownGood cache) {
    return new PollReporter(context, NAME, stats, cache, backoff);
  }

  private PollReporter reporter() {
    return reporter(new LastKnownGood(null));
  }

  private ErrorInfo lastError() {
    return Objects.requireNonNull(stats.counts().lastError(), "no error recorded");
  }

  @Test
  void unchanged_afterFailures_reportedAndInARowReset() {
    PollReporter report = reporter();
    report.failed(Kind.NETWORK, "reset", 0);

    Duration delay = report.unchanged();

    assertThat(delay).isEqualTo(INTERVAL);
    assertThat(context.unchanged).hasValue(1);
    assertThat(stats.counts().consecutiveFailures()).isZero();
    assertThat(stats.counts().lastSuccess()).isEqualTo(NOW);
  }

  @Test
  void accepted_success_notReportedAgainToTheClient() {
    Duration delay = reporter().accepted();

    assertThat(delay).isEqualTo(INTERVAL);
    assertThat(context.unchanged).hasValue(0);
    assertThat(context.failed).isEmpty();
    assertThat(stats.counts().lastSuccess()).isEqualTo(NOW);
  }

  @Test
  void failed_inARow_reportedWithBackoff() {
    PollReporter report = reporter();

    assertThat(report.failed(Kind.NETWORK, "timed out after PT10S", 0))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(report.failed(Kind.NETWORK, "timed out after PT10S", 0))
        .isEqualTo(Duration.ofSeconds(1));

    assertThat(context.failed).hasSize(2);
    ErrorInfo error = context.failed.get(1);
    assertThat(error.kind()).isEqualTo(Kind.NETWORK);
    assertThat(error.message()).isEqualTo("timed out after PT10S");
    assertThat(error.time()).isEqualTo(NOW);
    assertThat(error.statusCode()).isZero();
    assertThat(error.needsOperator()).isFalse();
    assertThat(stats.counts().consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void httpError_transient_backoffAndAtLeastRetryAfter() {
    Duration delay = reporter().httpError(503, "7");

    assertThat(delay).isEqualTo(Duration.ofSeconds(7));
    ErrorInfo error = context.failed.get(0);
    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.message()).isEqualTo("HTTP 503 from " + NAME);
    assertThat(error.statusCode()).isEqualTo(503);
    assertThat(error.needsOperator()).isFalse();
  }

  @Test
  void httpError_notFound_needsOperatorAndOperatorDelay() {
    Duration delay = reporter().httpError(404, "7");

    assertThat(delay).isEqualTo(OPERATOR_DELAY);
    ErrorInfo error = context.failed.get(0);
    assertThat(error.message()).isEqualTo("HTTP 404 from " + NAME);
    assertThat(error.statusCode()).isEqualTo(404);
    assertThat(error.needsOperator()).isTrue();
    assertThat(lastError().needsOperator()).isTrue();
  }

  @Test
  void rejected_countedNotReportedNormalCadence() {
    String why = "document version 'v2' rejected (1 problem): bad";

    Duration delay = reporter().rejected(why);

    assertThat(delay).isEqualTo(INTERVAL);
    assertThat(context.failed).isEmpty(); // the client reported the problems itself
    assertThat(lastError().kind()).isEqualTo(Kind.INVALID_DOCUMENT);
    assertThat(lastError().message()).isEqualTo(why);
    assertThat(lastError().statusCode()).isEqualTo(200);
    assertThat(stats.counts().failures()).isEqualTo(1);
  }

  @Test
  void stillRejected_reportedAtNormalCadence() {
    Duration delay = reporter().stillRejected("document rejected (1 problem): bad", 304);

    assertThat(delay).isEqualTo(INTERVAL);
    ErrorInfo error = context.failed.get(0);
    assertThat(error.kind()).isEqualTo(Kind.INVALID_DOCUMENT);
    assertThat(error.message())
        .isEqualTo("the server's document is unchanged since it was rejected:"
            + " document rejected (1 problem): bad");
    assertThat(error.statusCode()).isEqualTo(304);
  }

  @Test
  void protocolError_transient_reportedWithBackoff() {
    Duration delay = reporter().protocolError(304, "304 Not Modified to a request without", false);

    assertThat(delay).isEqualTo(Duration.ofMillis(500));
    ErrorInfo error = context.failed.get(0);
    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.statusCode()).isEqualTo(304);
    assertThat(error.needsOperator()).isFalse();
  }

  @Test
  void protocolError_redirectRefused_needsOperatorAndOperatorDelay() {
    Duration delay = reporter().protocolError(302, "too many redirects (more than 5)", true);

    assertThat(delay).isEqualTo(OPERATOR_DELAY);
    ErrorInfo error = context.failed.get(0);
    assertThat(error.message()).isEqualTo("too many redirects (more than 5)");
    assertThat(error.statusCode()).isEqualTo(302);
    assertThat(error.needsOperator()).isTrue();
  }

  @Test
  void failed_whileCacheServes_messageSaysSoUntilConfirmed() throws IOException {
    Path file = dir.resolve("flags.cache");
    byte[] doc = "{}".getBytes(StandardCharsets.UTF_8);
    new CacheFile(file).write(new CacheFile.Entry(doc, "\"e1\"", null, "v1"));
    LastKnownGood cache = new LastKnownGood(file);
    cache.serve(context, NAME, new DocumentIdentity());
    PollReporter report = reporter(cache);

    report.failed(Kind.NETWORK, "ConnectException: refused (cdn.example.com:443)", 0);
    report.unchanged();
    report.failed(Kind.NETWORK, "ConnectException: refused (cdn.example.com:443)", 0);

    assertThat(context.stale)
        .containsExactly("serving cache file " + file + " until " + NAME + " answers");
    assertThat(context.failed)
        .extracting(ErrorInfo::message)
        .containsExactly(
            "ConnectException: refused (cdn.example.com:443) (serving cache file " + file + ")",
            "ConnectException: refused (cdn.example.com:443)");
  }

  /** A client that accepts every document and notes what the source tells it. */
  private static final class NotingContext implements SourceContext {
    final List<ErrorInfo> failed = new CopyOnWriteArrayList<>();
    final List<String> stale = new CopyOnWriteArrayList<>();
    final AtomicInteger unchanged = new AtomicInteger();

    @Override
    public LoadResult update(byte[] document) {
      return LoadResult.accepted("v");
    }

    @Override
    public LoadResult updateStale(byte[] document, String note) {
      stale.add(note);
      return LoadResult.accepted("v");
    }

    @Override
    public void unchanged() {
      unchanged.incrementAndGet();
    }

    @Override
    public void clear() {}

    @Override
    public void failed(ErrorInfo error) {
      failed.add(error);
    }

    @Override
    public Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Override
    public ScheduledExecutorService scheduler() {
      throw new UnsupportedOperationException("not used");
    }
  }
}
