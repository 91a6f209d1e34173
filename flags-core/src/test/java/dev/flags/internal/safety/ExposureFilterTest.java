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
  void place_newThenWritten_slotThenAbsent() {
    long[] filter = new long[16];

    int slot = ExposureTracker.place(filter, 42);
    assertThat(slot).isBetween(0, 15);
    assertThat(ExposureTracker.place(filter, 42)).as("not written: still new").isEqualTo(slot);
    filter[slot] = 42;
    assertThat(ExposureTracker.place(filter, 42)).isEqualTo(-1);
  }

  @Test
  void remember_twoHashesAtOnePlace_bothKept() {
    long[] filter = new long[16];
    long a = 7;
    long b = findSamePlace(a, filter.length);

    assertThat(remember(filter, a)).isTrue();
    assertThat(remember(filter, b)).isTrue();
    assertThat(remember(filter, a)).as("still there").isFalse();
    assertThat(remember(filter, b)).as("still there").isFalse();
  }

  @Test
  void remember_thirdHashAtOnePlace_replacesOneOfThePairAndStaysInBounds() {
    long[] filter = new long[4];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      long h = random.nextLong() | 1;
      remember(filter, h);
      assertThat(remember(filter, h)).as("just written").isFalse();
    }
  }

  @Test
  void remember_manyDistinct_mostRememberedWhenTheyFit() {
    long[] filter = new long[1 << 12];
    SplittableRandom random = new SplittableRandom(2);
    long[] hashes = new long[filter.length / 2];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = random.nextLong() | 1;
      remember(filter, hashes[i]);
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

  /** What an evaluation does with a queued exposure: look it up, write it when absent. */
  private static boolean remember(long[] filter, long h) {
    int slot = ExposureTracker.place(filter, h);
    if (slot < 0) {
      return false;
    }
    filter[slot] = h;
    return true;
  }

  private static long findSamePlace(long a, int length) {
    int place = place(a, length);
    for (long b = a + 1; ; b++) {
      if (place(b, length) == place) {
        return b;
      }
    }
  }

  private static int place(long h, int length) { // the pair's first slot
    return (int) (h ^ (h >>> 29)) & (length - 2);
  }
}
