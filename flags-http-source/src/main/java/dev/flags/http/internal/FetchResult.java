package dev.flags.http.internal;

import org.jspecify.annotations.Nullable;

/** What one request for the document produced. */
public sealed interface FetchResult {
  /**
   * Returns the response body bytes received, as sent on the wire (compressed when gzip).
   *
   * @return the byte count, 0 when no body was read
   */
  long bytesReceived();

  /**
   * A {@code 304 Not Modified}: the document is the one whose validators were sent.
   *
   * @param bytesReceived body bytes received (none, from a server that follows the protocol)
   */
  record NotModified(long bytesReceived) implements FetchResult {}

  /** A {@code 200} with a JSON body, decoded, and the validators the server sent with it. */
  final class Fetched implements FetchResult {
    private final byte[] document;
    private final Validators validators;
    private final long bytesReceived;

    public Fetched(byte[] document, Validators validators, long bytesReceived) {
      this.document = document;
      this.validators = validators;
      this.bytesReceived = bytesReceived;
    }

    /**
     * Returns the document's bytes, decoded when it came gzip-encoded; not copied.
     *
     * @return the bytes
     */
    public byte[] document() {
      return document;
    }

    /**
     * Returns the validators the server sent with the document.
     *
     * @return the validators
     */
    public Validators validators() {
      return validators;
    }

    @Override
    public long bytesReceived() {
      return bytesReceived;
    }
  }

  /**
   * Any other status: an error, to be retried or fixed by an operator (see {@link
   * HttpStatusPolicy}).
   *
   * @param code the status code
   * @param retryAfter the {@code Retry-After} header as sent, or null
   * @param bytesReceived body bytes received
   */
  record HttpError(int code, @Nullable String retryAfter, long bytesReceived)
      implements FetchResult {}

  /**
   * An answer the source cannot use, though the server answered: a {@code 304} to a request
   * without validators, or a redirect it does not follow (see {@link Redirects}).
   *
   * @param code the status code
   * @param message what happened, for status and logs
   * @param needsOperator whether retrying cannot fix it (a redirect refused), so that the source
   *     shows as {@code ERROR} and waits the operator error delay
   * @param bytesReceived body bytes received
   */
  record ProtocolError(int code, String message, boolean needsOperator, long bytesReceived)
      implements FetchResult {}

  /**
   * No complete answer: the connection failed, was reset or closed early, or the request timed
   * out.
   *
   * @param message what happened, for status and logs
   */
  record NetworkError(String message) implements FetchResult {
    @Override
    public long bytesReceived() {
      return 0;
    }
  }

  /**
   * A body refused before it could be delivered.
   *
   * @param kind why it was refused
   * @param message the reason, for status and logs
   * @param code the status code to report
   * @param bytesReceived body bytes received
   */
  record BadBody(Kind kind, String message, int code, long bytesReceived) implements FetchResult {
    /** Ways a body is refused. */
    public enum Kind {
      /** Longer on the wire than the limit: refused before or while reading, not read whole. */
      TOO_LARGE,
      /** Not a JSON content type. */
      CONTENT_TYPE,
      /** A gzip encoding that does not decode, or decodes beyond the limit. */
      GZIP
    }
  }
}
