package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Warnings are logged once per flag key and error code, whatever the order of the calls. */
final class WarningsTest {

  @Test
  void warnUnknownOnce_eachKeyOnce_repeatsAndEqualCopiesSilent() {
    EvaluationSupport.Warnings w = new EvaluationSupport.Warnings();

    assertThat(w.warnUnknownOnce("a")).isTrue();
    assertThat(w.warnUnknownOnce("a")).isFalse();
    assertThat(w.warnUnknownOnce("b")).isTrue();
    assertThat(w.warnUnknownOnce("a")).isFalse();
    assertThat(w.warnUnknownOnce(new String("b"))).isFalse();
    assertThat(w.warnUnknownOnce(null)).isTrue();
    assertThat(w.warnUnknownOnce(null)).isFalse();
  }

  @Test
  void warnUnknownOnce_sharesItsMemoryWithWarnOnce() {
    EvaluationSupport.Warnings w = new EvaluationSupport.Warnings();

    assertThat(w.warnOnce("a", ErrorCode.FLAG_NOT_FOUND)).isTrue();
    assertThat(w.warnUnknownOnce("a")).isFalse();
    assertThat(w.warnOnce("a", ErrorCode.TYPE_MISMATCH)).as("another code").isTrue();
  }

  @Test
  void warnOnce_manyKeys_boundedThenSilent() {
    EvaluationSupport.Warnings w = new EvaluationSupport.Warnings();
    int logged = 0;
    for (int i = 0; i < 5_000; i++) {
      logged += w.warnUnknownOnce("flag-" + i) ? 1 : 0;
    }

    assertThat(logged).isEqualTo(1_000);
  }
}
