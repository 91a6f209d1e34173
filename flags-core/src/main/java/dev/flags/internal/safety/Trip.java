package dev.flags.internal.safety;

import dev.flags.Guardrail;
import java.util.Locale;

/**
 * A guardrail that tripped: the flag, the threshold crossed and the window's figures at that
 * moment. Made once, by the reporting call that crossed the threshold.
 *
 * @param flagKey the flag
 * @param guardrail its guardrail
 * @param breach which threshold ({@link GuardrailDecision} constants)
 * @param calls outcomes of the new variants in the window
 * @param failures failures among them
 * @param controlCalls outcomes of the off-variant
 * @param controlFailures failures among them
 * @param timed timed outcomes of the new variants
 * @param slow those slower than the latency threshold
 * @param offVariant the off-variant's name
 */
public record Trip(
    String flagKey,
    Guardrail guardrail,
    int breach,
    long calls,
    long failures,
    long controlCalls,
    long controlFailures,
    long timed,
    long slow,
    String offVariant) {

  /**
   * The threshold crossed, in words.
   *
   * @return {@code failure rate}, {@code failure rate above control} or {@code latency}
   */
  public String threshold() {
    return switch (breach) {
      case GuardrailDecision.FAILURE_RATE -> "failure rate";
      case GuardrailDecision.ABOVE_CONTROL -> "failure rate above control";
      default -> "latency";
    };
  }

  /**
   * What happened, in one line: which threshold, the figures and the guardrail. For example
   * {@code guardrail tripped: failure rate 30.9% (93 of 301 calls) on variants other than 'off'
   * (control 0.2%, 2 of 1000); guardrail: failure rate > 5%, window 60s in 10 buckets, min
   * samples 100}.
   *
   * @return the description
   */
  public String describe() {
    String figures = switch (breach) {
      case GuardrailDecision.LATENCY ->
        "latency: " + percent(slow, timed) + " of " + timed + " timed calls (" + slow
            + ") slower than " + guardrail.maxLatency().orElseThrow().toMillis() + " ms";
      default ->
        "failure rate " + percent(failures, calls) + " (" + failures + " of " + calls + " calls)";
    };
    return "guardrail tripped: " + figures + " on variants other than '" + offVariant
        + "' (control " + percent(controlFailures, controlCalls) + ", " + controlFailures + " of "
        + controlCalls + "); guardrail: " + guardrail;
  }

  static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * GuardrailDecision.rate(part, whole));
  }
}
