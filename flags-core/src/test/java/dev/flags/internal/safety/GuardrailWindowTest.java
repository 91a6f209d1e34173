package dev.flags.internal.safety;

import static dev.flags.internal.safety.GuardrailWindow.CALLS;
import static dev.flags.internal.safety.GuardrailWindow.CONTROL_CALLS;
import static dev.flags.internal.safety.GuardrailWindow.CONTROL_FAILURES;
import static dev.flags.internal.safety.GuardrailWindow.FAILURES;
import static dev.flags.internal.safety.GuardrailWindow.SLOW;
import static dev.flags.internal.safety.GuardrailWindow.TIMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class GuardrailWindowTest {
  /** 10 buckets of 6 s. */
  private final GuardrailWindow w = new GuardrailWindow(60_000, 10);

  @Test
  void add_sameBucket_countsEveryCounter() {
    w.add(0, false, true, 5, 10);
    w.add(1, false, false, 20, 10);
    w.add(2, false, false, -1, 10);
    w.add(3, true, true, 1, 10);

    assertThat(w.total(CALLS)).isEqualTo(3);
    assertThat(w.total(FAILURES)).isEqualTo(1);
    assertThat(w.total(TIMED)).isEqualTo(2);
    assertThat(w.total(SLOW)).isEqualTo(1);
    assertThat(w.total(CONTROL_CALLS)).isEqualTo(1);
    assertThat(w.total(CONTROL_FAILURES)).isEqualTo(1);
  }

  @Test
  void add_bucketsSlideOut_oneAtATime() {
    for (int b = 0; b < 10; b++) {
      w.add(b * 6_000L, false, true, -1, 0); // one failure per bucket, buckets 0..9
    }
    assertThat(w.total(FAILURES)).isEqualTo(10);

    w.add(60_000, false, false, -1, 0); // bucket 10: bucket 0 leaves the window
    assertThat(w.total(FAILURES)).isEqualTo(9);
    assertThat(w.total(CALLS)).isEqualTo(10);

    w.add(3 * 60_000 + 5, false, false, -1, 0); // far later: everything before left
    assertThat(w.total(FAILURES)).isZero();
    assertThat(w.total(CALLS)).isEqualTo(1);
  }

  @Test
  void add_clockGoesBack_countsIntoTheNewestBucket() {
    w.add(30_000, false, true, -1, 0);
    w.add(1_000, false, true, -1, 0);
    w.add(65_000, false, false, -1, 0); // the window now covers 12_000..66_000: both stay

    assertThat(w.total(FAILURES)).isEqualTo(2);
  }

  @Test
  void reset_emptiesTheWindow() {
    w.add(0, false, true, -1, 0);
    w.reset();
    w.add(1, false, false, -1, 0);

    assertThat(w.total(FAILURES)).isZero();
    assertThat(w.total(CALLS)).isEqualTo(1);
  }

  @Test
  void new_moreBucketsThanMillis_throws() {
    assertThatThrownBy(() -> new GuardrailWindow(5, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window 5 ms cannot hold 10 buckets");
  }
}
