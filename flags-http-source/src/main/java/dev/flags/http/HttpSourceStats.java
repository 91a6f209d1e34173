package dev.flags.http;

import dev.flags.ErrorInfo;
import dev.flags.http.internal.NotificationStats;
import dev.flags.http.internal.PollStats;
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
  private final NotificationStats.Counts notifications;

  HttpSourceStats(
      PollStats.Counts counts,
      NotificationStats.Counts notifications,
      @Nullable Duration nextPollDelay,
      @Nullable String etag) {
    this.requests = counts.requests();
    this.notModified = counts.notModified();
    this.documents = counts.documents();
    this.failures = counts.failures();
    this.consecutiveFailures = counts.consecutiveFailures();
    this.bytesReceived = counts.bytesReceived();
    this.lastSuccess = counts.lastSuccess();
    this.lastError = counts.lastError();
    this.nextPollDelay = nextPollDelay;
    this.etag = etag;
    this.notifications = notifications;
  }

  /**
   * Returns the number of requests sent.
   *
   * @return requests sent
   */
  public long requests() {
    return requests;
  }

  /**
   * Returns the number of 304 Not Modified answers.
   *
   * @return 304 Not Modified answers
   */
  public long notModified() {
    return notModified;
  }

  /**
   * Returns the number of 200 answers with a document body.
   *
   * @return 200 answers with a document body (accepted or not)
   */
  public long documents() {
    return documents;
  }

  /**
   * Returns the number of failed polls.
   *
   * @return failed polls (network errors, error statuses, bad bodies, rejected documents)
   */
  public long failures() {
    return failures;
  }

  /**
   * Returns the number of failed polls since the last success.
   *
   * @return failed polls since the last success
   */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /**
   * Returns the response body bytes received.
   *
   * @return response body bytes received, as sent on the wire (compressed when gzip)
   */
  public long bytesReceived() {
    return bytesReceived;
  }

  /**
   * Returns when a poll last succeeded.
   *
   * @return when a poll last succeeded (200 accepted or 304), or null
   */
  public @Nullable Instant lastSuccess() {
    return lastSuccess;
  }

  /**
   * Returns the last error.
   *
   * @return the last error, or null
   */
  public @Nullable ErrorInfo lastError() {
    return lastError;
  }

  /**
   * Returns the delay chosen before the next poll.
   *
   * @return the delay chosen before the next poll, or null before the first poll
   */
  public @Nullable Duration nextPollDelay() {
    return nextPollDelay;
  }

  /**
   * Returns the ETag sent with the next request.
   *
   * @return the ETag sent with the next request, or null
   */
  public @Nullable String etag() {
    return etag;
  }

  /**
   * Returns the number of notification events received (0 without notifications).
   *
   * @return events received on the notification stream
   */
  public long notificationEvents() {
    return notifications.events();
  }

  /**
   * Returns the number of attempts to open the notification stream after the first: after it
   * failed to open, ended or fell silent.
   *
   * @return reconnection attempts (0 without notifications)
   */
  public long notificationReconnects() {
    return notifications.reconnects();
  }

  /**
   * Returns the last event ID received on the notification stream, sent back as {@code
   * Last-Event-ID} when the stream is opened again.
   *
   * @return the ID, or null if no event carried one
   */
  public @Nullable String lastEventId() {
    return notifications.lastEventId();
  }

  /**
   * Returns when the last notification event arrived.
   *
   * @return the time, or null before the first event
   */
  public @Nullable Instant lastEventTime() {
    return notifications.lastEventTime();
  }

  /**
   * Returns since when the notification stream is open.
   *
   * @return the time it opened, or null while it is not open (or without notifications)
   */
  public @Nullable Instant notificationsConnectedSince() {
    return notifications.connectedSince();
  }

  @Override
  public String toString() {
    return "HttpSourceStats{requests=" + requests + ", notModified=" + notModified
        + ", documents=" + documents + ", failures=" + failures + ", consecutiveFailures="
        + consecutiveFailures + ", bytesReceived=" + bytesReceived + ", lastSuccess="
        + lastSuccess + ", lastError=" + lastError + ", nextPollDelay=" + nextPollDelay
        + ", notificationEvents=" + notifications.events() + ", notificationReconnects="
        + notifications.reconnects() + ", lastEventId=" + notifications.lastEventId()
        + ", lastEventTime=" + notifications.lastEventTime()
        + ", notificationsConnectedSince=" + notifications.connectedSince() + "}";
  }
}
