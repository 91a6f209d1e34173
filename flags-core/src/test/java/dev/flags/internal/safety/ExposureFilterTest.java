package dev.flags.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The evaluating side's filter of recently seen exposures: pure, no threads. */
final class ExposureFilterTest {

  @Test
  void remember_newThenRepeat_trueThenFalse() {
    long[] filter = new long[16];

    assertThat(ExposureTracker.remember(filter, 42)).isTrue();
    assertThat(ExposureTracker.remember(filter, 42)).isFalse();
  }

  @Test
  void remember_twoHashesAtOnePlace_bothKept() {
    long[] filter = new long[16];
    long a = 7;
    long b = findSamePlace(a, filter.length);

    assertThat(ExposureTracker.remember(filter, a)).isTrue();
    assertThat(ExposureTracker.remember(filter, b)).isTrue();
    assertThat(ExposureTracker.remember(filter, a)).as("still there").isFalse();
    assertThat(ExposureTracker.remember(filter, b)).as("still there").isFalse();
  }

  @Test
  void remember_thirdHashAtOnePlace_replacesOneOfThePairAndStaysInBounds() {
    long[] filter = new long[4];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      long h = random.nextLong() | 1;
      ExposureTracker.remember(filter, h);
      assertThat(ExposureTracker.remember(filter, h)).as("just written").isFalse();
    }
  }

  @Test
  void remember_manyDistinct_mostRememberedWhenTheyFit() {
    long[] filter = new long[1 << 12];
    SplittableRandom random = new SplittableRandom(2);
    long[] hashes = new long[filter.length / 2];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = random.nextLong() | 1;
      ExposureTracker.remember(filter, hashes[i]);
    }
    int kept = 0;
    for (long h : hashes) {
      int i = place(h, filter.length);
      kept += filter[i] == h || filter[i + 1] == h ? 1 : 0;
    }

    // Half full, two slots per place: about 90% stay (one slot per place would keep about 79%).
    assertThat(kept).isGreaterThan(hashes.length * 86 / 100);
  }

  @Test
  void filterSizeFor_boundedToStayInCache() {
    assertThat(ExposureTracker.filterSizeFor(1)).isEqualTo(16);
    assertThat(ExposureTracker.filterSizeFor(1_000)).isEqualTo(1_024);
    assertThat(ExposureTracker.filterSizeFor(1_000_000)).isEqualTo(ExposureTracker.MAX_FILTER);
    assertThat(ExposureTracker.MAX_FILTER * Long.BYTES).isEqualTo(512 * 1024);
  }

  @Test
  void constructor_filterOfOne_rejected() {
    assertThatThrownBy(() -> new ExposureTracker(
            10, Duration.ofMinutes(1), 8, 1, Clock.systemUTC(), (f, v, k, r, ver) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2");
  }

  private static long findSamePlace(long a, int length) {
    int place = place(a, length);
    for (long b = a + 1; ; b++) {
      if (place(b, length) == place) {
        return b;
      }
    }
  }

  private static int place(long h, int length) {
    return (int) (h ^ (h >>> 29)) & (length - 2);
  }
}
