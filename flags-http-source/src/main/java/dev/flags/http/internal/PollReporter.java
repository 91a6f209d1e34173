package dev.flags.http.internal;

import dev.flags.ErrorInfo;
import dev.flags.ErrorInfo.Kind;
import dev.flags.spi.SourceContext;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what each poll came to: to the client (the source's status), to the statistics and to
 * the log (the 1st, 2nd, 4th, 8th... failure in a row), and chooses the delay before the next
 * poll. While the cache file serves, failure messages say so. Thread-safe.
 */
public final class PollReporter {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.source.http");
  private static final String STILL_REJECTED =
      "the server's document is unchanged since it was rejected: ";

  private final SourceContext context;
  private final String sourceName;
  private final PollStats stats;
  private final LastKnownGood cache;
  private final Backoff backoff;

  public PollReporter(
      SourceContext context,
      String sourceName,
      PollStats stats,
      LastKnownGood cache,
      Backoff backoff) {
    this.context = context;
    this.sourceName = sourceName;
    this.stats = stats;
    this.cache = cache;
    this.backoff = backoff;
  }

  /**
   * The document is unchanged: a 304, or the bytes served already.
   *
   * @return the delay before the next poll
   */
  public Duration unchanged() {
    context.unchanged();
    return succeeded();
  }

  /**
   * The client accepted a new document.
   *
   * @return the delay before the next poll
   */
  public Duration accepted() {
    return succeeded();
  }

  /**
   * The client rejected a new document, and reported its problems itself.
   *
   * @param why the rejection, as the client words it
   * @return the delay before the next poll: the normal cadence, as asking faster will not make
   *     the server's document better
   */
  public Duration rejected(String why) {
    ErrorInfo error = error(Kind.INVALID_DOCUMENT, why, 200);
    log(stats.failed(error), error);
    return backoff.afterSuccess();
  }

  /**
   * The server still has the document rejected before (a 304 to its validators, or its bytes):
   * nothing to parse, still an error.
   *
   * @param rejection why it was rejected
   * @param code the status code of the answer
   * @return the delay before the next poll: the normal cadence, as backing off would delay
   *     noticing the fix by up to the largest backoff
   */
  public Duration stillRejected(String rejection, int code) {
    report(error(Kind.INVALID_DOCUMENT, STILL_REJECTED + rejection, code));
    return backoff.afterSuccess();
  }

  /**
   * The server answered with an error status (see {@link HttpStatusPolicy}).
   *
   * @param code the status code
   * @param retryAfter the {@code Retry-After} header, or null
   * @return the delay before the next poll: the operator error delay, or the backoff and at
   *     least the {@code Retry-After}
   */
  public Duration httpError(int code, @Nullable String retryAfter) {
    ErrorInfo error = error(Kind.HTTP, "HTTP " + code + " from " + sourceName, code);
    if (HttpStatusPolicy.meaning(code) == HttpStatusPolicy.Meaning.NEEDS_OPERATOR) {
      report(error.needingOperator()); // retrying will not fix it: shown as ERROR
      return backoff.afterOperatorError();
    }
    return backoff.afterFailure(
        report(error),
        HttpStatusPolicy.retryAfter(code, retryAfter, context.clock().instant()));
  }

  /**
   * The server answered, but not in a way the source can use (see {@link
   * FetchResult.ProtocolError}).
   *
   * @param code the status code
   * @param message what happened
   * @param needsOperator whether retrying cannot fix it
   * @return the delay before the next poll: the operator error delay, or the backoff
   */
  public Duration protocolError(int code, String message, boolean needsOperator) {
    if (needsOperator) {
      report(error(Kind.HTTP, message, code).needingOperator());
      return backoff.afterOperatorError();
    }
    return failed(Kind.HTTP, message, code);
  }

  /**
   * A failure a retry may fix: the network, a refused body, or anything unexpected.
   *
   * @param kind the kind of error
   * @param message what happened
   * @param code the status code, or 0
   * @return the delay before the next poll: the backoff
   */
  public Duration failed(Kind kind, String message, int code) {
    return backoff.afterFailure(report(error(kind, message, code)), null);
  }

  private Duration succeeded() {
    stats.succeeded(context.clock().instant());
    cache.confirmed();
    return backoff.afterSuccess();
  }

  private ErrorInfo error(Kind kind, String message, int code) {
    return ErrorInfo.of(kind, cache.annotate(message), context.clock().instant(), code);
  }

  /** Records, reports and logs a failure, and returns the failures in a row. */
  private int report(ErrorInfo error) {
    int inARow = stats.failed(error);
    context.failed(error);
    log(inARow, error);
    return inARow;
  }

  private void log(int inARow, ErrorInfo error) {
    if (Integer.bitCount(inARow) == 1) { // the 1st, 2nd, 4th, 8th... in a row
      LOG.warn("{} poll failed ({} in a row): {}", sourceName, inARow, error.message());
    }
  }
}
