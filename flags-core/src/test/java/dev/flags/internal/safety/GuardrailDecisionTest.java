package dev.flags.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Guardrail;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class GuardrailDecisionTest {
  private final GuardrailWindow w = new GuardrailWindow(60_000, 10);

  private static GuardrailDecision decision(Guardrail.Builder b) {
    return new GuardrailDecision(b.minSamples(100).build());
  }

  private void add(int calls, int failures, boolean control) {
    for (int i = 0; i < calls; i++) {
      w.add(0, control, i < failures, -1, Long.MAX_VALUE);
    }
  }

  @Test
  void breach_failureRate_onlyAboveTheRateAndWithEnoughSamples() {
    GuardrailDecision d = decision(Guardrail.newBuilder().maxFailureRate(0.05));
    add(99, 50, false);
    assertThat(d.breach(w)).as("99 samples, below the minimum").isEqualTo(GuardrailDecision.NONE);

    w.reset();
    add(100, 5, false);
    assertThat(d.breach(w)).as("exactly 5%").isEqualTo(GuardrailDecision.NONE);

    w.add(0, false, true, -1, Long.MAX_VALUE); // 6 of 101
    assertThat(d.breach(w)).isEqualTo(GuardrailDecision.FAILURE_RATE);
  }

  @Test
  void breach_controlOutcomes_doNotCountAgainstTheNewVariants() {
    GuardrailDecision d = decision(Guardrail.newBuilder().maxFailureRate(0.05));
    add(1000, 1000, true);
    add(100, 0, false);

    assertThat(d.breach(w)).isEqualTo(GuardrailDecision.NONE);
  }

  @Test
  void breach_aboveControl_comparesWithTheControlsRate() {
    GuardrailDecision d = decision(Guardrail.newBuilder().maxFailureRateAboveControl(0.02));
    add(100, 10, true); // control 10%
    add(100, 12, false); // new 12%: 2 points above, not more
    assertThat(d.breach(w)).isEqualTo(GuardrailDecision.NONE);

    w.add(0, false, true, -1, Long.MAX_VALUE); // 13 of 101 = 12.9%
    assertThat(d.breach(w)).isEqualTo(GuardrailDecision.ABOVE_CONTROL);
  }

  @Test
  void breach_aboveControl_needsEnoughControlSamples() {
    GuardrailDecision d = decision(Guardrail.newBuilder().maxFailureRateAboveControl(0.02));
    add(99, 0, true);
    add(200, 100, false);

    assertThat(d.breach(w)).isEqualTo(GuardrailDecision.NONE);
  }

  @Test
  void breach_latency_whenMoreThanTheTailIsSlow() {
    GuardrailDecision d = decision(Guardrail.newBuilder().maxLatency(Duration.ofMillis(100), 99));
    long slow = d.slowNanos() + 1;
    for (int i = 0; i < 200; i++) {
      w.add(0, false, false, i < 2 ? slow : 1_000, d.slowNanos()); // 1% slow
    }
    assertThat(d.breach(w)).isEqualTo(GuardrailDecision.NONE);

    w.add(0, false, false, slow, d.slowNanos()); // 3 of 201
    assertThat(d.breach(w)).isEqualTo(GuardrailDecision.LATENCY);
    assertThat(d.slowNanos()).isEqualTo(100_000_000L);
  }

  @Test
  void rate_ofNothing_isZero() {
    assertThat(GuardrailDecision.rate(0, 0)).isZero();
  }
}
