package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How long the client sleeps until the next schedule boundary. */
final class ScheduleTimerTest {
  @Test
  void delayMillis_boundaryAhead_untilIt() {
    assertThat(ScheduleTimer.delayMillis(10_500, 10_000)).isEqualTo(500);
  }

  @Test
  void delayMillis_boundaryPassed_now() {
    assertThat(ScheduleTimer.delayMillis(9_000, 10_000)).isZero();
  }

  @Test
  void delayMillis_distantBoundary_cappedSoAClockJumpIsNoticedWithinTheHour() {
    assertThat(ScheduleTimer.delayMillis(Long.MAX_VALUE - 1, 0))
        .isEqualTo(ScheduleTimer.MAX_DELAY_MILLIS)
        .isEqualTo(3_600_000L);
  }
}
