package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.http.internal.HttpStatusPolicy.Meaning;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HttpStatusPolicyTest {
  private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

  @Test
  void meaning_304_notModified() {
    assertThat(HttpStatusPolicy.meaning(304)).isEqualTo(Meaning.NOT_MODIFIED);
  }

  @Test
  void meaning_200_document() {
    assertThat(HttpStatusPolicy.meaning(200)).isEqualTo(Meaning.DOCUMENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 410})
  void meaning_refusedOrMissing_needsOperator(int code) {
    assertThat(HttpStatusPolicy.meaning(code)).isEqualTo(Meaning.NEEDS_OPERATOR);
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504, 400, 405, 408, 201, 204, 206, 301, 302, 599})
  void meaning_anyOtherCode_transient(int code) {
    assertThat(HttpStatusPolicy.meaning(code)).isEqualTo(Meaning.TRANSIENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 503})
  void retryAfter_transient_honoured(int code) {
    assertThat(HttpStatusPolicy.retryAfter(code, "12", NOW)).isEqualTo(Duration.ofSeconds(12));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 410})
  void retryAfter_operatorError_ignored(int code) {
    assertThat(HttpStatusPolicy.retryAfter(code, "12", NOW)).isNull();
  }

  @Test
  void retryAfter_absentOrUnparseable_null() {
    assertThat(HttpStatusPolicy.retryAfter(503, null, NOW)).isNull();
    assertThat(HttpStatusPolicy.retryAfter(503, "soon", NOW)).isNull();
  }
}
