package dev.flags.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the command line: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601. */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  private Durations() {}

  static Duration parse(String option, String text) {
    Matcher m = SHORT.matcher(text);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    } else {
      try {
        d = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new CliException(
            option + " '" + text + "' is not a duration (e.g. 500ms, 30s, 5m, 1h or PT30S)");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new CliException(option + " '" + text + "' must be longer than zero");
    }
    return d;
  }

  /** {@code 1s}, {@code 250ms}, {@code 20s}, {@code 5m}. */
  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms >= 60_000) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
