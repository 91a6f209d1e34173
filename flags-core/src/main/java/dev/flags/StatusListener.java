package dev.flags;

/**
 * Receives a client's status whenever it changes. Called on the listener's own daemon thread;
 * isolated like {@link ChangeListener}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface StatusListener {
  /**
   * Called after the status changed.
   *
   * @param status the new status
   */
  void onStatus(Status status);
}
