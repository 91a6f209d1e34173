package dev.flags.cli;

import dev.flags.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The arguments of {@code eval}, {@code explain} and {@code bucket}: {@code <document> <flagKey>
 * [--key K] [--attr spec]... [--json]}. Options may come before, between or after the two positional
 * arguments; {@code --} ends the options. Both {@code --key K} and {@code --key=K} work.
 */
record EvalArgs(String document, String flagKey, Context context, boolean json) {

  /** A JSON number: what {@code name:number=...} accepts (no hex, no NaN, no suffixes). */
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /**
   * Parses the arguments after the command name.
   *
   * @param args the arguments
   * @throws CliException on any mistake, with a one-line message
   */
  static EvalArgs parse(List<String> args) {
    List<String> positional = new ArrayList<>();
    String key = null;
    List<String> attributes = new ArrayList<>();
    boolean json = false;
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (options && a.equals("--")) {
        options = false;
      } else if (options && (a.equals("--key") || a.startsWith("--key="))) {
        if (key != null) {
          throw new CliException("--key given twice");
        }
        key = a.equals("--key") ? next(args, ++i, "--key") : a.substring("--key=".length());
      } else if (options && (a.equals("--attr") || a.startsWith("--attr="))) {
        attributes.add(
            a.equals("--attr") ? next(args, ++i, "--attr") : a.substring("--attr=".length()));
      } else if (options && a.equals("--json")) {
        json = true;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        throw new CliException("unknown option '" + a + "'");
      } else {
        positional.add(a);
      }
    }
    if (positional.isEmpty()) {
      throw new CliException("missing <document> and <flagKey>");
    }
    if (positional.size() == 1) {
      throw new CliException("missing <flagKey> after '" + positional.get(0) + "'");
    }
    if (positional.size() > 2) {
      throw new CliException("unexpected argument '" + positional.get(2)
          + "' (expected <document> <flagKey> and options)");
    }
    Context.Builder context = Context.newBuilder(key == null ? "" : key);
    for (String spec : attributes) {
      attribute(context, spec);
    }
    return new EvalArgs(positional.get(0), positional.get(1), context.build(), json);
  }

  private static String next(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new CliException(option + " needs a value");
    }
    return args.get(i);
  }

  /**
   * Adds one {@code --attr} to the context: {@code name=value} is a string; {@code
   * name:TYPE=value} with TYPE {@code string}, {@code number}, {@code bool}, {@code list} or
   * {@code time}. The type is after the last colon of the part before the first {@code =}, so an
   * attribute whose name contains a colon is written {@code a:b:string=value}.
   */
  static void attribute(Context.Builder context, String spec) {
    int eq = spec.indexOf('=');
    if (eq < 0) {
      throw new CliException("--attr '" + spec + "' must be name=value or name:type=value");
    }
    String name = spec.substring(0, eq);
    String value = spec.substring(eq + 1);
    String type = "string";
    int colon = name.lastIndexOf(':');
    if (colon >= 0) {
      type = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    if (name.isEmpty()) {
      throw new CliException("--attr '" + spec + "' has no attribute name");
    }
    if (name.equals(Context.KEY_ATTRIBUTE)) {
      throw new CliException("--attr '" + spec + "': the context key is set with --key");
    }
    switch (type) {
      case "string" -> context.set(name, value);
      case "number" -> {
        if (!NUMBER.matcher(value).matches()) {
          throw new CliException("--attr '" + spec + "': '" + value + "' is not a number");
        }
        double d = Double.parseDouble(value);
        if (Double.isInfinite(d)) {
          throw new CliException("--attr '" + spec + "': '" + value + "' is out of range");
        }
        context.set(name, d);
      }
      case "bool" -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new CliException("--attr '" + spec + "': '" + value + "' is not true or false");
        }
        context.set(name, Boolean.parseBoolean(value));
      }
      case "list" ->
        context.set(name, value.isEmpty() ? List.of() : Arrays.asList(value.split(",", -1)));
      case "time" -> context.set(name, time(spec, value));
      default ->
        throw new CliException("--attr '" + spec + "': unknown type '" + type
            + "' (use number, bool, list or time; without a type the value is a string)");
    }
  }

  private static Instant time(String spec, String value) {
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new CliException("--attr '" + spec + "': '" + value
          + "' is not an ISO-8601 date-time with offset (e.g. 2026-11-22T10:00:00Z)");
    }
  }
}
