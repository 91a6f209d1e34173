package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ErrorInfo;
import dev.flags.http.internal.FetchResult.BadBody;
import dev.flags.http.internal.FetchResult.Fetched;
import dev.flags.http.internal.FetchResult.HttpError;
import dev.flags.http.internal.FetchResult.NetworkError;
import dev.flags.http.internal.FetchResult.NotModified;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class PollStatsTest {
  private static final Instant T = Instant.parse("2026-10-21T07:28:00Z");

  private final PollStats stats = new PollStats();

  private static ErrorInfo error(String message) {
    return ErrorInfo.of(ErrorInfo.Kind.NETWORK, message, T);
  }

  @Test
  void counts_nothingRecorded_zeroAndNull() {
    assertThat(stats.counts()).isEqualTo(new PollStats.Counts(0, 0, 0, 0, 0, 0, null, null));
  }

  @Test
  void requestSent_twice_twoRequests() {
    stats.requestSent();
    stats.requestSent();

    assertThat(stats.counts().requests()).isEqualTo(2);
  }

  @Test
  void received_notModified_countedWithItsBytes() {
    stats.received(new NotModified(0));

    assertThat(stats.counts().notModified()).isEqualTo(1);
    assertThat(stats.counts().documents()).isZero();
  }

  @Test
  void received_fetched_aDocumentWithItsWireBytes() {
    stats.received(new Fetched(new byte[1000], Validators.NONE, 120));

    assertThat(stats.counts().documents()).isEqualTo(1);
    assertThat(stats.counts().bytesReceived()).isEqualTo(120);
  }

  @Test
  void received_bodyRefusedAfterReading_aDocument() {
    stats.received(new BadBody(BadBody.Kind.CONTENT_TYPE, "html", 200, 40));
    stats.received(new BadBody(BadBody.Kind.GZIP, "not gzip", 200, 16));

    assertThat(stats.counts().documents()).isEqualTo(2);
    assertThat(stats.counts().bytesReceived()).isEqualTo(56);
  }

  @Test
  void received_bodyTooLarge_notADocument() {
    stats.received(new BadBody(BadBody.Kind.TOO_LARGE, "too large", 200, 0));

    assertThat(stats.counts().documents()).isZero();
  }

  @Test
  void received_errors_onlyTheirBytes() {
    stats.received(new HttpError(500, null, 25));
    stats.received(new NetworkError("reset"));

    assertThat(stats.counts()).isEqualTo(new PollStats.Counts(0, 0, 0, 0, 0, 25, null, null));
  }

  @Test
  void failed_inARow_countedAndLastErrorKept() {
    assertThat(stats.failed(error("first"))).isEqualTo(1);
    assertThat(stats.failed(error("second"))).isEqualTo(2);

    PollStats.Counts counts = stats.counts();
    assertThat(counts.failures()).isEqualTo(2);
    assertThat(counts.consecutiveFailures()).isEqualTo(2);
    assertThat(counts.lastError()).extracting(ErrorInfo::message).isEqualTo("second");
  }

  @Test
  void succeeded_afterFailures_inARowResetTotalKept() {
    stats.failed(error("first"));
    stats.failed(error("second"));

    stats.succeeded(T);

    PollStats.Counts counts = stats.counts();
    assertThat(counts.consecutiveFailures()).isZero();
    assertThat(counts.failures()).isEqualTo(2);
    assertThat(counts.lastSuccess()).isEqualTo(T);
    assertThat(stats.failed(error("third"))).isEqualTo(1);
  }
}
