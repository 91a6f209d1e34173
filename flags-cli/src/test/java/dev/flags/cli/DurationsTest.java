package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class DurationsTest {

  @Test
  void parse_shortFormsAndIso() {
    assertThat(Durations.parse("--for", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("--for", "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("--for", "5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("--for", "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("--for", "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void parse_zeroOrNegative_isRefused() {
    assertThatThrownBy(() -> Durations.parse("--poll", "PT-1S"))
        .isInstanceOf(CliException.class)
        .hasMessage("--poll 'PT-1S' must be longer than zero");
  }

  @Test
  void text_usesTheLargestWholeUnit() {
    assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.text(Duration.ofSeconds(20))).isEqualTo("20s");
    assertThat(Durations.text(Duration.ofMinutes(5))).isEqualTo("5m");
  }
}
