package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-free ISO-8601 parser, checked against {@link OffsetDateTime#parse}. */
final class TimesTest {

  private static long reference(String s) {
    return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        .toInstant()
        .toEpochMilli();
  }

  @Test
  void parseEpochMillis_generatedValidStrings_agreeWithOffsetDateTime() {
    Random random = new Random(20261122);
    List<String> mismatches = new ArrayList<>();
    for (int n = 0; n < 100_000; n++) {
      String s = randomValid(random);
      long expected = reference(s);
      long actual = Times.parseEpochMillis(s);
      if (actual != expected) {
        mismatches.add(s + " -> " + actual + ", expected " + expected);
      }
    }

    assertThat(mismatches).isEmpty();
  }

  @Test
  void parseEpochMillis_knownValues() {
    assertThat(Times.parseEpochMillis("1970-01-01T00:00Z")).isZero();
    assertThat(Times.parseEpochMillis("1970-01-01T00:00:00.001Z")).isEqualTo(1);
    assertThat(Times.parseEpochMillis("1969-12-31T23:59:59.999Z")).isEqualTo(-1);
    assertThat(Times.parseEpochMillis("1970-01-01T01:00:00+01:00")).isZero();
    assertThat(Times.parseEpochMillis("1970-01-01T01:00:00+0100")).isZero();
    assertThat(Times.parseEpochMillis("2000-02-29T12:00:00Z")).isEqualTo(951_825_600_000L);
    assertThat(Times.parseEpochMillis("0000-01-01T00:00:00Z")).isEqualTo(-62_167_219_200_000L);
    assertThat(Times.parseEpochMillis("9999-12-31T23:59:59.999999999Z"))
        .isEqualTo(253_402_300_799_999L);
  }

  @Test
  void parseEpochMillis_fractionsBeyondMillis_areTruncated() {
    assertThat(Times.parseEpochMillis("2026-01-01T00:00:00.1239Z"))
        .isEqualTo(reference("2026-01-01T00:00:00.123Z"));
    assertThat(Times.parseEpochMillis("2026-01-01T00:00:00.999999999Z"))
        .isEqualTo(reference("2026-01-01T00:00:00.999Z"));
    assertThat(Times.parseEpochMillis("1969-12-31T23:59:59.9999Z")).isEqualTo(-1);
  }

  @Test
  void parseEpochMillis_documentedLeniency_isAccepted() {
    long expected = reference("2026-05-04T03:02:01Z");

    assertThat(Times.parseEpochMillis("2026-05-04t03:02:01z")).isEqualTo(expected);
    assertThat(Times.parseEpochMillis("2026-05-04 03:02:01Z")).isEqualTo(expected);
    assertThat(Times.parseEpochMillis("2026-05-04T05:32:01+0230")).isEqualTo(expected);
  }

  @Test
  void parseEpochMillis_invalidStrings_returnInvalid() {
    List<String> invalid = List.of(
        "",
        "2026",
        "2026-01-01",
        "2026-01-01T00:00",
        "2026-01-01T00:00:00",
        "2026-01-01T00:00:00.000",
        "2026-1-01T00:00Z",
        "2026-01-1T00:00Z",
        "26-01-01T00:00:00Z",
        "2026/01/01T00:00Z",
        "2026-00-01T00:00Z",
        "2026-13-01T00:00Z",
        "2026-01-00T00:00Z",
        "2026-01-32T00:00Z",
        "2026-02-29T00:00Z",
        "1900-02-29T00:00Z",
        "2026-04-31T00:00Z",
        "2026-01-01X00:00Z",
        "2026-01-01T24:00Z",
        "2026-01-01T00:60Z",
        "2026-01-01T00:00:60Z",
        "2026-01-01T0:00:00Z",
        "2026-01-01T00:0Z",
        "2026-01-01T00:00:0Z",
        "2026-01-01T00:00:00.Z",
        "2026-01-01T00:00:00.1234567890Z",
        "2026-01-01T00:00:00Z ",
        " 2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00ZZ",
        "2026-01-01T00:00:00+1",
        "2026-01-01T00:00:00+01",
        "2026-01-01T00:00:00+01:0",
        "2026-01-01T00:00:00+01:000",
        "2026-01-01T00:00:00+1:00",
        "2026-01-01T00:00:00+19:00",
        "2026-01-01T00:00:00+18:01",
        "2026-01-01T00:00:00-18:30",
        "2026-01-01T00:00:00+01:60",
        "2026-01-01T00:00:00+01-00",
        "2026-01-01T00:00:00UTC",
        "2026-01-01T00:00:00.5",
        "2026-01-01T00:00:00.+01:00",
        "+2026-01-01T00:00:00Z",
        "-2026-01-01T00:00:00Z",
        "２０２６-01-01T00:00:00Z",
        "2026-01-01T00:00:00\u00A0Z",
        "2026-01-01T00:00:00\uD800Z",
        "2026-01-01T00:00:00+01:00\n",
        "2026-01-01T00:00:00+01:00[Europe/Paris]",
        "abcdefghijklmnopqrstuvwxyz");
    for (String s : invalid) {
      assertThat(Times.parseEpochMillis(s)).as("'%s'", s).isEqualTo(Times.INVALID);
    }
  }

  @Test
  void parseEpochMillis_stringsOffsetDateTimeRejects_areNotAcceptedEither() {
    // Mutate valid strings one character at a time: whenever the JDK rejects the result, the
    // parser must too (it may only be more lenient in the documented ways, which these
    // mutations cannot produce: 't'/'z' case, a space separator, +HHMM, a comma fraction).
    Random random = new Random(42);
    String alphabet = "0123456789-:T.+Z ";
    List<String> mismatches = new ArrayList<>();
    for (int n = 0; n < 30_000; n++) {
      StringBuilder sb = new StringBuilder(randomValid(random));
      int at = random.nextInt(sb.length());
      sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
      String s = sb.toString();
      boolean jdkAccepts;
      try {
        reference(s);
        jdkAccepts = true;
      } catch (DateTimeParseException e) {
        jdkAccepts = false;
      }
      long parsed = Times.parseEpochMillis(s);
      if (jdkAccepts
          ? parsed != reference(s)
          : parsed != Times.INVALID && !s.contains(" ") && !hasCompactOffset(s)) {
        mismatches.add(s + " -> " + parsed + (jdkAccepts ? ", expected " + reference(s) : ""));
      }
    }

    assertThat(mismatches).isEmpty();
  }

  private static boolean hasCompactOffset(String s) {
    return s.matches(".*[+-]\\d{4}$");
  }

  private static String randomValid(Random r) {
    int year = r.nextInt(10_000);
    int month = 1 + r.nextInt(12);
    int day = 1 + r.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
    StringBuilder sb = new StringBuilder();
    pad(sb, year, 4).append('-');
    pad(sb, month, 2).append('-');
    pad(sb, day, 2).append(r.nextInt(10) == 0 ? 't' : 'T');
    pad(sb, r.nextInt(24), 2).append(':');
    pad(sb, r.nextInt(60), 2);
    if (r.nextInt(4) != 0) {
      pad(sb.append(':'), r.nextInt(60), 2);
      if (r.nextBoolean()) {
        int digits = 1 + r.nextInt(9);
        sb.append('.');
        for (int i = 0; i < digits; i++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
      }
    }
    switch (r.nextInt(4)) {
      case 0 -> sb.append('Z');
      case 1 -> sb.append('z');
      default -> {
        int totalMinutes = r.nextInt(18 * 60 + 1);
        sb.append(r.nextBoolean() ? '+' : '-');
        pad(sb, totalMinutes / 60, 2).append(':');
        pad(sb, totalMinutes % 60, 2);
      }
    }
    return sb.toString();
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits);
  }
}
