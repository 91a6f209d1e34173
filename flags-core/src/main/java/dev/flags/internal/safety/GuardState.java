package dev.flags.internal.safety;

import dev.flags.Guardrail;
import org.jspecify.annotations.Nullable;

/**
 * One guarded flag: its guardrail, its window and whether it has tripped. Reporting threads add
 * outcomes under this object's monitor (a few array writes and a comparison, no allocation);
 * the call whose outcome crosses a threshold gets the {@link Trip}, once: a tripped state ignores
 * outcomes until {@link #reset}, so a guardrail trips at most once per restore and never flaps.
 */
final class GuardState {
  final String flagKey;
  final Guardrail guardrail;
  private final GuardrailDecision decision;
  private final GuardrailWindow window;
  private @Nullable Trip trip;

  GuardState(String flagKey, Guardrail guardrail) {
    this.flagKey = flagKey;
    this.guardrail = guardrail;
    this.decision = new GuardrailDecision(guardrail);
    this.window = new GuardrailWindow(guardrail.window().toMillis(), guardrail.buckets());
  }

  /**
   * Adds an outcome; returns the trip if this outcome crossed a threshold.
   *
   * @param offVariant the flag's off-variant, for the trip's description
   */
  synchronized @Nullable Trip add(
      long nowMillis, boolean control, boolean failed, long latencyNanos, String offVariant) {
    if (trip != null) {
      return null;
    }
    window.add(nowMillis, control, failed, latencyNanos, decision.slowNanos());
    int breach = decision.breach(window);
    if (breach == GuardrailDecision.NONE) {
      return null;
    }
    trip = new Trip(
        flagKey,
        guardrail,
        breach,
        window.total(GuardrailWindow.CALLS),
        window.total(GuardrailWindow.FAILURES),
        window.total(GuardrailWindow.CONTROL_CALLS),
        window.total(GuardrailWindow.CONTROL_FAILURES),
        window.total(GuardrailWindow.TIMED),
        window.total(GuardrailWindow.SLOW),
        offVariant);
    return trip;
  }

  /** The trip, or null while not tripped. */
  synchronized @Nullable Trip trip() {
    return trip;
  }

  /** Forgets the trip and the window (an operator restored the flag). */
  synchronized void reset() {
    trip = null;
    window.reset();
  }
}
