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

  private ErrorInfo(Kind kind, String message, Instant time, int statusCode) {
    this.kind = kind;
    this.message = message;
    this.time = time;
    this.statusCode = statusCode;
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
        statusCode);
  }

  /** @return the kind of error */
  public Kind kind() {
    return kind;
  }

  /** @return a one-line description */
  public String message() {
    return message;
  }

  /** @return when it happened */
  public Instant time() {
    return time;
  }

  /** @return the HTTP status code, or 0 when not an HTTP error */
  public int statusCode() {
    return statusCode;
  }

  @Override
  public String toString() {
    return kind + (statusCode != 0 ? " " + statusCode : "") + " at " + time + ": " + message;
  }
}
