package dev.flags.http;

import dev.flags.ErrorInfo;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Counters and times of one {@link HttpFlagSource}, for status pages and metrics. Immutable.
 *
 * @since 0.1.0
 */
public final class HttpSourceStats {
  private final long requests;
  private final long notModified;
  private final long documents;
  private final long failures;
  private final int consecutiveFailures;
  private final long bytesReceived;
  private final @Nullable Instant lastSuccess;
  private final @Nullable ErrorInfo lastError;
  private final @Nullable Duration nextPollDelay;
  private final @Nullable String etag;

  HttpSourceStats(
      long requests,
      long notModified,
      long documents,
      long failures,
      int consecutiveFailures,
      long bytesReceived,
      @Nullable Instant lastSuccess,
      @Nullable ErrorInfo lastError,
      @Nullable Duration nextPollDelay,
      @Nullable String etag) {
    this.requests = requests;
    this.notModified = notModified;
    this.documents = documents;
    this.failures = failures;
    this.consecutiveFailures = consecutiveFailures;
    this.bytesReceived = bytesReceived;
    this.lastSuccess = lastSuccess;
    this.lastError = lastError;
    this.nextPollDelay = nextPollDelay;
    this.etag = etag;
  }

  /** @return requests sent */
  public long requests() {
    return requests;
  }

  /** @return 304 Not Modified answers */
  public long notModified() {
    return notModified;
  }

  /** @return 200 answers with a document body (accepted or not) */
  public long documents() {
    return documents;
  }

  /** @return failed polls (network errors, error statuses, bad bodies, rejected documents) */
  public long failures() {
    return failures;
  }

  /** @return failed polls since the last success */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** @return response body bytes received, as sent on the wire (compressed when gzip) */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** @return when a poll last succeeded (200 accepted or 304), or null */
  public @Nullable Instant lastSuccess() {
    return lastSuccess;
  }

  /** @return the last error, or null */
  public @Nullable ErrorInfo lastError() {
    return lastError;
  }

  /** @return the delay chosen before the next poll, or null before the first poll */
  public @Nullable Duration nextPollDelay() {
    return nextPollDelay;
  }

  /** @return the ETag sent with the next request, or null */
  public @Nullable String etag() {
    return etag;
  }

  @Override
  public String toString() {
    return "HttpSourceStats{requests=" + requests + ", notModified=" + notModified
        + ", documents=" + documents + ", failures=" + failures + ", consecutiveFailures="
        + consecutiveFailures + ", bytesReceived=" + bytesReceived + ", lastSuccess="
        + lastSuccess + ", lastError=" + lastError + ", nextPollDelay=" + nextPollDelay + "}";
  }
}
