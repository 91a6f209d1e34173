package dev.flags.internal.safety;

import dev.flags.Guardrail;

/**
 * Whether a guardrail's window crosses one of its thresholds. Pure and allocation-free: the
 * thresholds are read from the {@link Guardrail} once, when made; {@link #breach} compares
 * counts. A threshold applies only with at least {@code minSamples} outcomes behind it, and
 * trips only when strictly exceeded.
 */
final class GuardrailDecision {
  /** Nothing crossed. */
  static final int NONE = 0;

  /** The new variants' failure rate is above {@code maxFailureRate}. */
  static final int FAILURE_RATE = 1;

  /** The new variants' failure rate is above the control's plus {@code maxFailureRateAboveControl}. */
  static final int ABOVE_CONTROL = 2;

  /** Too many of the new variants' timed outcomes were slower than {@code maxLatency}. */
  static final int LATENCY = 3;

  private final int minSamples;
  private final double maxFailureRate;
  private final double maxAboveControl;
  private final double slowFraction;
  private final long slowNanos;

  GuardrailDecision(Guardrail g) {
    this.minSamples = g.minSamples();
    this.maxFailureRate = g.maxFailureRate().orElse(-1);
    this.maxAboveControl = g.maxFailureRateAboveControl().orElse(-1);
    this.slowFraction = g.maxLatency().isPresent() ? (100 - g.latencyPercentile()) / 100 : -1;
    this.slowNanos = g.maxLatency().isPresent() ? g.maxLatency().get().toNanos() : Long.MAX_VALUE;
  }

  /** The latency above which a timed outcome counts as slow (max when no latency threshold). */
  long slowNanos() {
    return slowNanos;
  }

  /**
   * Which threshold the window's totals cross, the first in the order above.
   *
   * @param w the window
   * @return {@link #NONE} or the threshold crossed
   */
  int breach(GuardrailWindow w) {
    long calls = w.total(GuardrailWindow.CALLS);
    long failures = w.total(GuardrailWindow.FAILURES);
    if (maxFailureRate >= 0 && calls >= minSamples && rate(failures, calls) > maxFailureRate) {
      return FAILURE_RATE;
    }
    long controlCalls = w.total(GuardrailWindow.CONTROL_CALLS);
    if (maxAboveControl >= 0
        && calls >= minSamples
        && controlCalls >= minSamples
        && rate(failures, calls)
            > rate(w.total(GuardrailWindow.CONTROL_FAILURES), controlCalls) + maxAboveControl) {
      return ABOVE_CONTROL;
    }
    long timed = w.total(GuardrailWindow.TIMED);
    if (slowFraction >= 0
        && timed >= minSamples
        && rate(w.total(GuardrailWindow.SLOW), timed) > slowFraction) {
      return LATENCY;
    }
    return NONE;
  }

  static double rate(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
