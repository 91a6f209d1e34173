package dev.flags;

/**
 * Receives every swap of a client's snapshot, and every kill, restore and override that changes
 * what it serves (see {@link ChangeEvent.Cause}). Each listener is called on its own daemon thread,
 * in order; a listener that throws is logged and keeps receiving events, and one that blocks only
 * delays itself (its queue holds 1,024 events, further events for it are dropped and logged).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ChangeListener {
  /**
   * Called after a swap.
   *
   * @param event what changed
   */
  void onChange(ChangeEvent event);
}
