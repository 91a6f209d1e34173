package dev.flags;

/**
 * Told when a guardrail kills its flag ({@link Flags.Builder#onGuardrailTrip}, {@link
 * Flags#addGuardrailListener}). Runs on a daemon thread of its own, like the other listeners;
 * the kill has been published before it runs.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface GuardrailListener {
  /**
   * A guardrail tripped.
   *
   * @param trip which flag, which threshold and the figures
   */
  void onTrip(GuardrailTrip trip);
}
