package dev.flags.internal.snapshot;

/**
 * Parses ISO-8601 date-times with an offset into epoch milliseconds without allocating, for
 * {@code before}/{@code after} conditions on string attributes.
 *
 * <p>Accepted: {@code YYYY-MM-DDTHH:MM[:SS[.fraction]]} followed by {@code Z} or {@code
 * +HH:MM}/{@code -HH:MM}/{@code +HHMM}; a lower-case {@code t}/{@code z} or a space in place of
 * {@code T} are also accepted. Fractions beyond milliseconds are truncated. Anything else is not a
 * time, and the condition is false.
 */
public final class Times {
  /** Returned when the text is not a time. */
  public static final long INVALID = Long.MIN_VALUE;

  private Times() {}

  public static long parseEpochMillis(String s) {
    int n = s.length();
    if (n < 17) {
      return INVALID;
    }
    int year = digits(s, 0, 4);
    if (year < 0 || s.charAt(4) != '-') {
      return INVALID;
    }
    int month = digits(s, 5, 2);
    if (month < 1 || month > 12 || s.charAt(7) != '-') {
      return INVALID;
    }
    int day = digits(s, 8, 2);
    if (day < 1 || day > daysInMonth(year, month)) {
      return INVALID;
    }
    char t = s.charAt(10);
    if (t != 'T' && t != 't' && t != ' ') {
      return INVALID;
    }
    int hour = digits(s, 11, 2);
    if (hour < 0 || hour > 23 || s.charAt(13) != ':') {
      return INVALID;
    }
    int minute = digits(s, 14, 2);
    if (minute < 0 || minute > 59) {
      return INVALID;
    }
    int i = 16;
    int second = 0;
    int millis = 0;
    if (i < n && s.charAt(i) == ':') {
      if (i + 3 > n) {
        return INVALID;
      }
      second = digits(s, i + 1, 2);
      if (second < 0 || second > 59) {
        return INVALID;
      }
      i += 3;
      if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        i++;
        int start = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          if (i - start < 3) {
            millis = millis * 10 + (s.charAt(i) - '0');
          }
          i++;
        }
        int len = i - start;
        if (len == 0 || len > 9) {
          return INVALID;
        }
        for (int k = len; k < 3; k++) {
          millis *= 10;
        }
      }
    }
    if (i >= n) {
      return INVALID; // an offset is required
    }
    int offsetSeconds;
    char o = s.charAt(i);
    if (o == 'Z' || o == 'z') {
      if (i + 1 != n) {
        return INVALID;
      }
      offsetSeconds = 0;
    } else if (o == '+' || o == '-') {
      int oh = digits(s, i + 1, 2);
      int om;
      if (i + 6 == n && s.charAt(i + 3) == ':') {
        om = digits(s, i + 4, 2);
      } else if (i + 5 == n) {
        om = digits(s, i + 3, 2);
      } else {
        return INVALID;
      }
      if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
        // Offsets range from -18:00 to +18:00, as in java.time.ZoneOffset.
        return INVALID;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (o == '-' ? -1 : 1);
    } else {
      return INVALID;
    }
    long days = daysFromCivil(year, month, day);
    long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1000L + millis;
  }

  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + count; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (long) era * 146_097 + doe - 719_468;
  }
}
