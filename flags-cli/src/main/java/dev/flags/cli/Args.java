package dev.flags.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small helpers for commands that parse their own arguments. */
final class Args {
  private Args() {}

  /**
   * The one positional argument of a command that takes no options, or null when optional and
   * absent.
   */
  static @Nullable String optionalSingle(List<String> args, String tooMany) {
    String value = null;
    boolean options = true;
    for (String a : args) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        throw new CliException("unknown option '" + a + "'");
      } else if (value != null) {
        throw new CliException("unexpected argument '" + a + "' (" + tooMany + ")");
      } else {
        value = a;
      }
    }
    return value;
  }

  /** The one required positional argument of a command that takes no options. */
  static String single(List<String> args, String tooMany, String missing) {
    String value = optionalSingle(args, tooMany);
    if (value == null) {
      throw new CliException(missing);
    }
    return value;
  }

  /** The value after an option, from {@code --name value} or {@code --name=value}. */
  static String value(List<String> args, int i, String option) {
    String a = args.get(i);
    if (a.startsWith(option + "=")) {
      return a.substring(option.length() + 1);
    }
    if (i + 1 >= args.size()) {
      throw new CliException(option + " needs a value");
    }
    return args.get(i + 1);
  }

  /** Whether {@code a} is {@code option} or {@code option=...}. */
  static boolean is(String a, String option) {
    return a.equals(option) || a.startsWith(option + "=");
  }

  /** A whole number from {@code min} to {@code max}. */
  static int count(String option, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new CliException(option + " '" + value + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new CliException(option + " must be from " + min + " to " + max + ", not " + n);
    }
    return n;
  }
}
