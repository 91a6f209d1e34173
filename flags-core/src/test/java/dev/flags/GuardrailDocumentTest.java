package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The document's guardrail fields: read into a {@link Guardrail}, bad values named by path. */
final class GuardrailDocumentTest {
  private static String withGuardrail(String guardrail) {
    return doc("v1", GuardrailTest.checkout(guardrail));
  }

  private static void assertProblems(String guardrail, String... problems) {
    try (Flags flags = Flags.newBuilder().build()) {
      assertThatThrownBy(() -> flags.load(withGuardrail(guardrail)))
          .isInstanceOfSatisfying(
              InvalidDocumentException.class,
              e ->
                  assertThat(e.problems()).extracting(Problem::toString).containsExactly(problems));
    }
  }

  @Test
  void guardrail_everyField_isRead() {
    try (Flags flags = Flags.newBuilder()
        .document(withGuardrail("{'windowSeconds': 120, 'buckets': 12, 'minSamples': 500,"
            + " 'maxFailureRate': 0.02, 'maxFailureRateAboveControl': 0.01,"
            + " 'maxLatencyMillis': 250, 'latencyPercentile': 95, 'restoreOnNewDocument': true}"))
        .build()) {
      Guardrail g = flags.flagInfo("checkout").guardrail();
      assertThat(g.window()).isEqualTo(Duration.ofMinutes(2));
      assertThat(g.buckets()).isEqualTo(12);
      assertThat(g.minSamples()).isEqualTo(500);
      assertThat(g.maxFailureRate()).hasValue(0.02);
      assertThat(g.maxFailureRateAboveControl()).hasValue(0.01);
      assertThat(g.maxLatency()).hasValue(Duration.ofMillis(250));
      assertThat(g.latencyPercentile()).isEqualTo(95);
      assertThat(g.restoreOnNewDocument()).isTrue();
      assertThat(g.toString())
          .isEqualTo("failure rate > 2%, failure rate > control + 1%, p95 latency > 250 ms,"
              + " window 120s in 12 buckets, min samples 500, restore on new document");
    }
  }

  @Test
  void guardrail_defaults() {
    try (Flags flags =
        Flags.newBuilder().document(withGuardrail("{'maxFailureRate': 0.05}")).build()) {
      Guardrail g = flags.flagInfo("checkout").guardrail();
      assertThat(g.window()).isEqualTo(Guardrail.DEFAULT_WINDOW);
      assertThat(g.buckets()).isEqualTo(Guardrail.DEFAULT_BUCKETS);
      assertThat(g.minSamples()).isEqualTo(Guardrail.DEFAULT_MIN_SAMPLES);
      assertThat(g.maxFailureRateAboveControl()).isEmpty();
      assertThat(g.maxLatency()).isEmpty();
      assertThat(g.restoreOnNewDocument()).isFalse();
      assertThat(g).isEqualTo(Guardrail.newBuilder().maxFailureRate(0.05).build());
      assertThat(g.hashCode())
          .isEqualTo(Guardrail.newBuilder().maxFailureRate(0.05).build().hashCode());
    }
  }

  @Test
  void guardrail_latencyBelowANanosecond_isOneNanosecond() {
    try (Flags flags = Flags.newBuilder()
        .document(withGuardrail("{'maxLatencyMillis': 0.0000001}"))
        .build()) {
      assertThat(flags.flagInfo("checkout").guardrail().maxLatency()).hasValue(Duration.ofNanos(1));
    }
  }

  @Test
  void guardrail_badValues_areProblemsWithPaths() {
    assertProblems(
        "{'windowSeconds': 0, 'buckets': 1.5, 'minSamples': '100', 'maxFailureRate': 1,"
            + " 'maxFailureRateAboveControl': -0.1, 'maxLatencyMillis': 0,"
            + " 'latencyPercentile': 100, 'restoreOnNewDocument': 'yes', 'extra': 1}",
        "flags.checkout.guardrail.extra: unknown field (expected one of windowSeconds, buckets,"
            + " minSamples, maxFailureRate, maxFailureRateAboveControl, maxLatencyMillis,"
            + " latencyPercentile, restoreOnNewDocument)",
        "flags.checkout.guardrail.windowSeconds: must be an integer from 1 to 86400 (seconds),"
            + " not the number 0",
        "flags.checkout.guardrail.buckets: must be an integer from 1 to 1000, not the number 1.5",
        "flags.checkout.guardrail.minSamples: must be an integer from 1 to 2147483647, not the"
            + " string \"100\"",
        "flags.checkout.guardrail.maxFailureRate: must be a number from 0 to below 1 (0.05 is"
            + " 5%), not the number 1",
        "flags.checkout.guardrail.maxFailureRateAboveControl: must be a number from 0 to below 1"
            + " (0.05 is 5%), not the number -0.1",
        "flags.checkout.guardrail.maxLatencyMillis: must be a number above 0 and at most 86400000,"
            + " not the number 0",
        "flags.checkout.guardrail.latencyPercentile: must be a number from 50 to below 100, not"
            + " the number 100",
        "flags.checkout.guardrail.restoreOnNewDocument: must be true or false, not the string"
            + " \"yes\"");
  }

  @Test
  void guardrail_withoutThreshold_orNotAnObject_isAProblem() {
    assertProblems(
        "{'minSamples': 10}",
        "flags.checkout.guardrail: a guardrail needs a threshold: set maxFailureRate,"
            + " maxFailureRateAboveControl or maxLatencyMillis");
    assertProblems(
        "true",
        "flags.checkout.guardrail: must be an object {\"maxFailureRate\": ..., ...}, not true");
    assertProblems(
        "{'maxFailureRate': 0.1, 'latencyPercentile': 90}",
        "flags.checkout.guardrail.latencyPercentile: applies to maxLatencyMillis, which is not set");
  }

  @Test
  void builder_badSettings_throwSayingWhat() {
    assertThatThrownBy(() -> Guardrail.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a guardrail needs a threshold: set maxFailureRate, maxFailureRateAboveControl"
            + " or maxLatency");
    assertThatThrownBy(() -> Guardrail.newBuilder().maxFailureRate(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail maxFailureRate must be from 0 to below 1 but was 1.0");
    assertThatThrownBy(() -> Guardrail.newBuilder().minSamples(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail minSamples must be at least 1 but was 0");
    assertThatThrownBy(() -> Guardrail.newBuilder().window(Duration.ofDays(2), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail window must be from 1 ms to 1 day but was PT48H");
    assertThatThrownBy(() -> Guardrail.newBuilder().window(Duration.ofMillis(5), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail buckets must be from 1 to 1000 and at most one per millisecond of"
            + " the window, but was 10");
    assertThatThrownBy(() -> Guardrail.newBuilder().maxLatency(Duration.ZERO, 99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail maxLatency must be more than zero and at most 1 day but was PT0S");
    assertThatThrownBy(() -> Guardrail.newBuilder().maxLatency(Duration.ofMillis(1), 40))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail latency percentile must be from 50 to below 100 but was 40.0");
  }
}
