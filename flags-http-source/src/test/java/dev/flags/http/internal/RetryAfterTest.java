package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RetryAfterTest {
  /** Wed, 21 Oct 2026 07:28:00 GMT. */
  private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

  @Test
  void parse_null_null() {
    assertThat(RetryAfter.parse(null, NOW)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "soon", "1.5", "0x10", "99999999999999999999"})
  void parse_notSecondsNorDate_null(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isNull();
  }

  @Test
  void parse_seconds_thatManySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void parse_secondsWithSpaces_trimmed() {
    assertThat(RetryAfter.parse(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void parse_zeroSeconds_zero() {
    assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void parse_negativeSeconds_null() {
    assertThat(RetryAfter.parse("-5", NOW)).isNull();
  }

  @Test
  void parse_httpDateAhead_durationUntilThen() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:29:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void parse_httpDatePassed_zero() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void parse_malformedDate_null() {
    assertThat(RetryAfter.parse("21 October 2026 07:29:30", NOW)).isNull();
  }
}
