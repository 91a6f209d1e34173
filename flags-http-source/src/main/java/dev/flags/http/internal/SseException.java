package dev.flags.http.internal;

/** A notification stream that is not a well-formed event stream; the message says where and why. */
public final class SseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * An error with this message.
   *
   * @param message what is wrong, e.g. {@code line 3: not an event stream field: '<html>'}
   */
  public SseException(String message) {
    super(message);
    this.reason = message;
  }

  /**
   * Returns what is wrong.
   *
   * @return the message given at construction
   */
  public String reason() {
    return reason;
  }
}
