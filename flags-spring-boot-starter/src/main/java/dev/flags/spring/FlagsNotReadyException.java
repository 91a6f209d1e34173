package dev.flags.spring;

import java.time.Duration;

/**
 * Start-up failed because the client did not get what {@code flags.startup.await-for} names (the
 * first document, or every source's) within {@code flags.startup.await-ready}, and {@code
 * flags.startup.fail-if-not-ready} is true.
 *
 * @since 0.1.0
 */
public final class FlagsNotReadyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** How long start-up waited. */
  private final Duration waited;

  /** The client's status when the wait ended. */
  private final String status;

  /**
   * Creates the exception.
   *
   * @param waited how long start-up waited
   * @param status the client's status when the wait ended
   */
  public FlagsNotReadyException(Duration waited, String status) {
    super("flags not ready within flags.startup.await-ready=" + waited
        + " and flags.startup.fail-if-not-ready=true: " + status);
    this.waited = waited;
    this.status = status;
  }

  /**
   * Returns how long start-up waited.
   *
   * @return how long start-up waited
   */
  public Duration waited() {
    return waited;
  }

  /**
   * Returns the client's status when the wait ended, as text (sources and their errors).
   *
   * @return the status
   */
  public String status() {
    return status;
  }
}
