package dev.flags;

/**
 * The library's only exception type. Unchecked; evaluation methods never throw it.
 *
 * @since 0.1.0
 */
public class FlagsException extends RuntimeException {
  /** The serialized form's version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and, where possible, how to fix it
   */
  public FlagsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong and, where possible, how to fix it
   * @param cause the underlying failure
   */
  public FlagsException(String message, Throwable cause) {
    super(message, cause);
  }
}
