package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

final class BackoffTest {
  private static final Duration INTERVAL = Duration.ofSeconds(20);
  private static final Duration JITTER = Duration.ofSeconds(2);
  private static final Duration INITIAL = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(60);
  private static final Duration OPERATOR = Duration.ofMinutes(5);
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

  private static Backoff backoff(DoubleSupplier random) {
    return new Backoff(INTERVAL, JITTER, INITIAL, MAX, OPERATOR, MAX_RETRY_AFTER, random);
  }

  /** Gives these draws in order. */
  private static DoubleSupplier draws(Double... values) {
    ArrayDeque<Double> queue = new ArrayDeque<>(List.of(values));
    return queue::removeFirst;
  }

  @Test
  void afterSuccess_randomDraw_intervalPlusThatShareOfJitter() {
    Backoff b = backoff(draws(0.0, 0.5, 0.75));

    assertThat(b.afterSuccess()).isEqualTo(INTERVAL);
    assertThat(b.afterSuccess()).isEqualTo(Duration.ofSeconds(21));
    assertThat(b.afterSuccess()).isEqualTo(Duration.ofMillis(21_500));
  }

  @Test
  void afterSuccess_zeroJitter_exactlyTheInterval() {
    Backoff b =
        new Backoff(INTERVAL, Duration.ZERO, INITIAL, MAX, OPERATOR, MAX_RETRY_AFTER, () -> 0.9);

    assertThat(b.afterSuccess()).isEqualTo(INTERVAL);
  }

  @Test
  void afterSuccess_notificationsUp_backstopIntervalAndItsJitter() {
    Backoff b = new Backoff(
        INTERVAL,
        JITTER,
        INITIAL,
        MAX,
        OPERATOR,
        MAX_RETRY_AFTER,
        () -> 0.5,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30));

    assertThat(b.afterSuccess()).isEqualTo(Duration.ofSeconds(21));
    b.notifications(true);
    assertThat(b.afterSuccess()).isEqualTo(Duration.ofSeconds(315));
    assertThat(b.pollInterval()).isEqualTo(Duration.ofSeconds(21)); // whatever the stream does
    b.notifications(false);
    assertThat(b.afterSuccess()).isEqualTo(Duration.ofSeconds(21));
  }

  @Test
  void afterFailure_consecutiveFailures_capDoublesUntilMax() {
    Backoff b = backoff(() -> 0.5);

    assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8).stream().map(n -> b.afterFailure(n, null)))
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
  }

  @Test
  void afterFailure_fullJitter_anywhereFromZeroToTheCap() {
    Backoff b = backoff(draws(0.0, 0.999));

    assertThat(b.afterFailure(3, null)).isEqualTo(Duration.ZERO);
    assertThat(b.afterFailure(3, null)).isEqualTo(Duration.ofNanos((long) (0.999 * 4e9)));
  }

  @Test
  void afterFailure_manyFailures_cappedWithoutOverflow() {
    Backoff b = backoff(() -> 0.5);

    assertThat(b.afterFailure(Integer.MAX_VALUE, null)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void afterFailure_retryAfterLongerThanBackoff_retryAfterWins() {
    Backoff b = backoff(() -> 0.5);

    assertThat(b.afterFailure(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void afterFailure_retryAfterShorterThanBackoff_backoffWins() {
    Backoff b = backoff(() -> 0.5);

    assertThat(b.afterFailure(4, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.afterFailure(4, Duration.ZERO)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void afterFailure_retryAfterOverTheCap_capped() {
    Backoff b = backoff(() -> 0.5);

    assertThat(b.afterFailure(1, Duration.ofHours(5))).isEqualTo(MAX_RETRY_AFTER);
    assertThat(b.afterFailure(1, Duration.ofSeconds(1_000_000_000))).isEqualTo(MAX_RETRY_AFTER);
  }

  @Test
  void afterFailure_capBelowTheBackoff_backoffWins() {
    Backoff b = new Backoff(INTERVAL, JITTER, INITIAL, MAX, OPERATOR, Duration.ZERO, () -> 0.5);

    assertThat(b.afterFailure(4, Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void afterOperatorError_randomDraw_operatorDelayPlusJitter() {
    Backoff b = backoff(draws(0.0, 0.5));

    assertThat(b.afterOperatorError()).isEqualTo(OPERATOR);
    assertThat(b.afterOperatorError()).isEqualTo(OPERATOR.plusSeconds(1));
  }
}
