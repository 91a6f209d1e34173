package dev.flags.cli;

import dev.flags.Context;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.Operator;
import dev.flags.internal.snapshot.SemVer;
import dev.flags.internal.snapshot.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Conditions, operands and attribute values as text, and the hint given when an attribute has a
 * type its operator cannot match ({@code age is the string "30"; gte needs a number: --attr
 * age:number=30}). The type rules are those of {@code docs/document-format.md}, section 9.
 */
final class AttributeText {
  /** What {@code --attr name:number=...} accepts. */
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private AttributeText() {}

  /** A condition as written: {@code country in "NZ", "AU"}, {@code not email exists}. */
  static String condition(Condition c) {
    StringBuilder sb = new StringBuilder();
    if (c.negate()) {
      sb.append("not ");
    }
    if (c.attribute() != null) {
      sb.append(c.attribute()).append(' ');
    }
    sb.append(c.op());
    if (c.op().testsSegments()) {
      sb.append(' ').append(String.join(", ", segments(c)));
    } else if (!c.values().isEmpty()) {
      sb.append(' ').append(operands(c.values()));
    }
    if (c.ignoreCase()) {
      sb.append(" (ignoreCase)");
    }
    return sb.toString();
  }

  /** The segment keys of an {@code inSegment} or {@code notInSegment} condition. */
  static List<String> segments(Condition c) {
    List<String> keys = new ArrayList<>();
    for (Object v : c.values()) {
      keys.add(String.valueOf(v));
    }
    return keys;
  }

  /** Operands separated by commas. */
  static String operands(List<Object> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(operand(v));
    }
    return sb.toString();
  }

  /**
   * One parsed operand as the document would write it: strings, regexes and versions quoted,
   * numbers without a needless {@code .0}, times as ISO-8601 instants.
   */
  static String operand(Object v) {
    if (v instanceof Double d) {
      return number(d);
    }
    if (v instanceof Long millis) {
      return Render.quote(Instant.ofEpochMilli(millis).toString());
    }
    if (v instanceof Boolean) {
      return v.toString();
    }
    return Render.quote(v.toString()); // String, RE2/J Pattern, SemVer: their source text
  }

  /** A number as {@code 30} or {@code 2.5}. */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /**
   * What the context holds for a condition's attribute: {@code age is the string "30"}, {@code
   * country is missing}, {@code key is the context key "u-1"}.
   */
  static String describe(String attribute, @Nullable Object value) {
    if (attribute.equals(Context.KEY_ATTRIBUTE)) {
      return value == null
          ? "key is missing (an anonymous context)"
          : "key is the context key " + Render.quote(value.toString());
    }
    return value == null ? attribute + " is missing" : attribute + " is " + value(value);
  }

  /** {@code the string "30"}, {@code the number 30}, {@code the list ["a", "b"]}. */
  static String value(Object value) {
    if (value instanceof String s) {
      return "the string " + Render.quote(s);
    }
    if (value instanceof Double d) {
      return "the number " + number(d);
    }
    if (value instanceof Boolean b) {
      return "the boolean " + b;
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return "the empty list";
      }
      List<String> items = new ArrayList<>();
      for (Object o : list) {
        items.add(Render.quote(String.valueOf(o)));
      }
      return "the list [" + String.join(", ", items) + "]";
    }
    return value.toString();
  }

  /** The attribute's type in JSON output: string, number, boolean or list. */
  static String type(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Double) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return "list";
  }

  /**
   * Why the attribute's value cannot match the operator, with the {@code --attr} that would
   * give it the right type, or null when its type is one the operator handles.
   */
  static @Nullable String hint(Condition c, @Nullable Object value) {
    String attribute = c.attribute();
    if (value == null || attribute == null) {
      return null;
    }
    Operator op = c.op();
    Need need = need(c);
    if (need == Need.ANY) {
      return null;
    }
    Object sample = value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
    if (value instanceof List<?> list && list.isEmpty()) {
      return null;
    }
    if (need.fits(sample)) {
      if (sample instanceof String s) {
        if (op.valueKind() == Operator.ValueKind.SEMVER && SemVer.parse(s) == null) {
          return Render.quote(s) + " is not a semantic version (e.g. 2.1.0)";
        }
        if (op.valueKind() == Operator.ValueKind.TIME
            && Times.parseEpochMillis(s) == Times.INVALID) {
          return Render.quote(s) + " is not an ISO-8601 time with an offset: --attr " + attribute
              + ":time=2026-11-22T10:00:00Z";
        }
      }
      return null;
    }
    String fix = value instanceof List<?> ? null : fix(attribute, sample, need);
    return op + " needs " + need.text + (fix == null ? "" : ": " + fix);
  }

  /** The {@code --attr} (or {@code --key}) that gives the value the type needed, or null. */
  private static @Nullable String fix(String attribute, Object value, Need need) {
    if (attribute.equals(Context.KEY_ATTRIBUTE)) {
      return null; // the key is always a string
    }
    if (need == Need.TIME) {
      return "--attr " + attribute + ":time=2026-11-22T10:00:00Z";
    }
    String text = value instanceof Double d ? number(d) : String.valueOf(value);
    if (need.fits("") && !(value instanceof String)) {
      return "--attr " + attribute + "=" + text;
    }
    if (need.fits(0.5) && value instanceof String s && NUMBER.matcher(s).matches()) {
      return "--attr " + attribute + ":number=" + s;
    }
    if (need == Need.BOOLEAN && (text.equals("true") || text.equals("false"))) {
      return "--attr " + attribute + ":bool=" + text;
    }
    return null;
  }

  /** The attribute types an operator can match, from its value kind and operands. */
  private enum Need {
    ANY("anything"),
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    STRING_OR_NUMBER("a string or a number"),
    VERSION("a version string"),
    TIME("a time (epoch milliseconds, or an ISO-8601 string with an offset)");

    final String text;

    Need(String text) {
      this.text = text;
    }

    boolean fits(Object v) {
      return switch (this) {
        case ANY -> true;
        case STRING, VERSION -> v instanceof String;
        case NUMBER -> v instanceof Double;
        case BOOLEAN -> v instanceof Boolean;
        case STRING_OR_NUMBER, TIME -> v instanceof String || v instanceof Double;
      };
    }
  }

  private static Need need(Condition c) {
    return switch (c.op().valueKind()) {
      case NUMBER -> Need.NUMBER;
      case STRING, REGEX -> Need.STRING;
      case SEMVER -> Need.VERSION;
      case TIME -> Need.TIME;
      case STRING_OR_NUMBER -> {
        boolean strings = c.values().stream().anyMatch(v -> v instanceof String);
        boolean numbers = c.values().stream().anyMatch(v -> v instanceof Double);
        yield strings && numbers ? Need.STRING_OR_NUMBER : numbers ? Need.NUMBER : Need.STRING;
      }
      case SCALAR -> {
        Object v = c.values().get(0);
        yield v instanceof Double ? Need.NUMBER : v instanceof Boolean ? Need.BOOLEAN : Need.STRING;
      }
      case NONE, SEGMENT -> Need.ANY;
    };
  }
}
