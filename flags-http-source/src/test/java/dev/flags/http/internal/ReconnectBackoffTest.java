package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reconnection delays: full jitter doubling to a cap, reset by a healthy stream, server delays. */
final class ReconnectBackoffTest {
  private static final Duration INITIAL = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(30);
  private static final Duration HEALTHY = Duration.ofMinutes(1);
  private static final long SECOND = 1_000_000_000L;

  @Test
  void next_failuresInARow_capDoublesToTheMax() {
    ReconnectBackoff b = new ReconnectBackoff(INITIAL, MAX, HEALTHY, () -> 0.5);
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      delays.add(b.next(i * SECOND, null));
    }

    assertThat(delays)
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(15),
            Duration.ofSeconds(15));
    assertThat(b.failuresInARow()).isEqualTo(7);
  }

  @Test
  void next_fullJitter_fromZeroToTheCap() {
    assertThat(new ReconnectBackoff(INITIAL, MAX, HEALTHY, () -> 0.0).next(0, null))
        .isEqualTo(Duration.ZERO);
    assertThat(new ReconnectBackoff(INITIAL, MAX, HEALTHY, () -> 0.999).next(0, null))
        .isEqualTo(Duration.ofMillis(999));
  }

  @Test
  void next_streamHealthyForAMinute_startsOver() {
    ReconnectBackoff b = new ReconnectBackoff(INITIAL, MAX, HEALTHY, () -> 0.5);
    for (int i = 0; i < 5; i++) {
      b.next(0, null);
    }

    b.opened(10 * SECOND);
    Duration afterHealthy = b.next(70 * SECOND, null);

    assertThat(afterHealthy).isEqualTo(Duration.ofMillis(500));
    assertThat(b.failuresInARow()).isEqualTo(1);
  }

  @Test
  void next_streamEndingBeforeAMinute_keepsCounting() {
    ReconnectBackoff b = new ReconnectBackoff(INITIAL, MAX, HEALTHY, () -> 0.5);
    long t = 0;
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      b.opened(t); // opens, then closes at once: a server that ends every stream
      delays.add(b.next(t + SECOND / 100, null));
      t += 5 * SECOND;
    }

    assertThat(delays)
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4));
  }

  @Test
  void next_serverDelay_aLowerBoundUpToTheMax() {
    ReconnectBackoff b = new ReconnectBackoff(INITIAL, MAX, HEALTHY, () -> 0.5);

    assertThat(b.next(0, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(b.next(0, Duration.ofMillis(10))).isEqualTo(Duration.ofSeconds(1)); // backoff wins
    assertThat(b.next(0, Duration.ofDays(2))).isEqualTo(MAX);
  }
}
