package dev.flags;

import java.time.Instant;
import java.util.Objects;

/**
 * The last error of a source or client: what kind, a message, when, and (for HTTP) the status
 * code. Immutable.
 *
 * @since 0.1.0
 */
public final class ErrorInfo {
  /** Kinds of error. */
  public enum Kind {
    /** A connection failed, timed out or was reset. */
    NETWORK,
    /** The server answered with an error status; see {@link #statusCode()}. */
    HTTP,
    /** A document was rejected (syntax, validation or limits). */
    INVALID_DOCUMENT,
    /** A local file could not be read or written. */
    IO,
    /** The source is missing (e.g. the watched file does not exist). */
    NOT_FOUND,
    /** Anything else. */
    UNKNOWN
  }

  private final Kind kind;
  private final String message;
  private final Instant time;
  private final int statusCode;
  private final boolean needsOperator;
  private final boolean terminal;

  private ErrorInfo(
      Kind kind,
      String message,
      Instant time,
      int statusCode,
      boolean needsOperator,
      boolean terminal) {
    this.kind = kind;
    this.message = message;
    this.time = time;
    this.statusCode = statusCode;
    this.needsOperator = needsOperator;
    this.terminal = terminal;
  }

  /**
   * Creates an error.
   *
   * @param kind the kind
   * @param message a one-line description
   * @param time when it happened
   * @return the error
   */
  public static ErrorInfo of(Kind kind, String message, Instant time) {
    return of(kind, message, time, 0);
  }

  /**
   * Creates an error with an HTTP status code.
   *
   * @param kind the kind
   * @param message a one-line description
   * @param time when it happened
   * @param statusCode the HTTP status, or 0
   * @return the error
   */
  public static ErrorInfo of(Kind kind, String message, Instant time, int statusCode) {
    return new ErrorInfo(
        Objects.requireNonNull(kind, "kind"),
        Objects.requireNonNull(message, "message"),
        Objects.requireNonNull(time, "time"),
        statusCode,
        false,
        false);
  }

  /**
   * The same error, marked as one that retrying will not fix: an operator must act (credentials
   * refused, the document missing at its origin). A source with such an error shows as {@link
   * Status.State#ERROR} even while its last good document keeps serving; other errors show as
   * {@link Status.State#STALE}.
   *
   * @return the marked error
   */
  public ErrorInfo needingOperator() {
    return new ErrorInfo(kind, message, time, statusCode, true, terminal);
  }

  /**
   * The same error, marked as the source's last word: the source has stopped and will not try
   * again (a class path resource that does not exist). It needs an operator too. When every source
   * of a client that serves nothing yet has failed this way, {@link Flags#awaitReady} returns at
   * once instead of waiting out its timeout.
   *
   * @return the marked error
   * @since 0.1.0
   */
  public ErrorInfo terminal() {
    return new ErrorInfo(kind, message, time, statusCode, true, true);
  }

  /**
   * Returns the kind of error.
   *
   * @return the kind of error
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns a one-line description.
   *
   * @return a one-line description
   */
  public String message() {
    return message;
  }

  /**
   * Returns when it happened.
   *
   * @return when it happened
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the HTTP status code, or 0 when not an HTTP error.
   *
   * @return the HTTP status code, or 0 when not an HTTP error
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Whether retrying will not fix this error: an operator must act (see {@link
   * #needingOperator()}).
   *
   * @return true if an operator must act
   */
  public boolean needsOperator() {
    return needsOperator;
  }

  /**
   * Whether the source has stopped for good after this error (see {@link #terminal()}).
   *
   * @return true if the source will not try again
   * @since 0.1.0
   */
  public boolean isTerminal() {
    return terminal;
  }

  @Override
  public String toString() {
    return kind + (statusCode != 0 ? " " + statusCode : "") + " at " + time + ": " + message;
  }
}
