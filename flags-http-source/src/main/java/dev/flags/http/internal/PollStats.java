package dev.flags.http.internal;

import dev.flags.ErrorInfo;
import dev.flags.http.internal.FetchResult.BadBody;
import dev.flags.http.internal.FetchResult.Fetched;
import dev.flags.http.internal.FetchResult.NotModified;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The counters behind a source's statistics. Thread-safe. */
public final class PollStats {
  /**
   * A snapshot of the counters.
   *
   * @param requests requests sent
   * @param notModified 304 answers
   * @param documents 200 answers whose body was read (accepted, rejected or refused)
   * @param failures failed polls
   * @param consecutiveFailures failed polls since the last success
   * @param bytesReceived body bytes received, as sent on the wire
   * @param lastSuccess when a poll last succeeded, or null
   * @param lastError the last error, or null
   */
  public record Counts(
      long requests,
      long notModified,
      long documents,
      long failures,
      int consecutiveFailures,
      long bytesReceived,
      @Nullable Instant lastSuccess,
      @Nullable ErrorInfo lastError) {}

  private final Object lock = new Object();
  // Guarded by lock.
  private long requests;
  private long notModified;
  private long documents;
  private long failures;
  private int consecutiveFailures;
  private long bytesReceived;
  private @Nullable Instant lastSuccess;
  private @Nullable ErrorInfo lastError;

  /** Counts a request about to be sent. */
  public void requestSent() {
    synchronized (lock) {
      requests++;
    }
  }

  /**
   * Counts what a request produced: its body bytes, a 304, or a 200 whose body was read.
   *
   * @param result the result
   */
  public void received(FetchResult result) {
    synchronized (lock) {
      bytesReceived += result.bytesReceived();
      if (result instanceof NotModified) {
        notModified++;
      } else if (result instanceof Fetched
          || (result instanceof BadBody bad && bad.kind() != BadBody.Kind.TOO_LARGE)) {
        documents++;
      }
    }
  }

  /**
   * Records a successful poll: the failures in a row start again from zero.
   *
   * @param at when it succeeded
   */
  public void succeeded(Instant at) {
    synchronized (lock) {
      consecutiveFailures = 0;
      lastSuccess = at;
    }
  }

  /**
   * Records a failed poll.
   *
   * @param error what went wrong
   * @return the failures in a row, this one included
   */
  public int failed(ErrorInfo error) {
    synchronized (lock) {
      failures++;
      lastError = error;
      return ++consecutiveFailures;
    }
  }

  /**
   * Returns the counters, all read at one time.
   *
   * @return the snapshot
   */
  public Counts counts() {
    synchronized (lock) {
      return new Counts(
          requests,
          notModified,
          documents,
          failures,
          consecutiveFailures,
          bytesReceived,
          lastSuccess,
          lastError);
    }
  }
}
