package dev.flags.http.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What an HTTP status code means to the source, and whether its {@code Retry-After} counts. */
public final class HttpStatusPolicy {
  private HttpStatusPolicy() {}

  /** The meanings of a status code. */
  public enum Meaning {
    /** 304: the document is unchanged. */
    NOT_MODIFIED,
    /** 200: the body is the document. */
    DOCUMENT,
    /** 401, 403, 404 and 410: retrying will not fix it, an operator must act. */
    NEEDS_OPERATOR,
    /** Everything else (429, 5xx, any unexpected code): retried with backoff. */
    TRANSIENT
  }

  /**
   * Returns what a status code means.
   *
   * @param statusCode the response's status code
   * @return its meaning
   */
  public static Meaning meaning(int statusCode) {
    return switch (statusCode) {
      case 304 -> Meaning.NOT_MODIFIED;
      case 200 -> Meaning.DOCUMENT;
      case 401, 403, 404, 410 -> Meaning.NEEDS_OPERATOR;
      default -> Meaning.TRANSIENT;
    };
  }

  /**
   * Returns the delay a response asks for with {@code Retry-After}, when its status honours it:
   * only transient errors do (an operator error waits its own, longer delay).
   *
   * @param statusCode the response's status code
   * @param retryAfter the {@code Retry-After} header, or null
   * @param now the time the response arrived
   * @return the delay, or null when there is none to honour
   */
  public static @Nullable Duration retryAfter(
      int statusCode, @Nullable String retryAfter, Instant now) {
    return meaning(statusCode) == Meaning.TRANSIENT ? RetryAfter.parse(retryAfter, now) : null;
  }
}
