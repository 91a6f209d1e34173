package dev.flags.test.internal;

import java.util.List;
import java.util.Map;

/**
 * Writes the JSON of test documents (this module has no JSON library; flags-core reads what this
 * writes, strictly). Values: {@code null} is not written by callers; {@code Boolean}, {@code
 * String}, {@code Number}, {@code Map<String, ?>} and {@code List<?>}.
 */
public final class Json {
  private Json() {}

  /**
   * Appends a value.
   *
   * @param out where to
   * @param value a boolean, string, number, map with string keys, or list
   * @return {@code out}
   * @throws IllegalArgumentException for any other value
   */
  public static StringBuilder value(StringBuilder out, Object value) {
    if (value instanceof String s) {
      return string(out, s);
    }
    if (value instanceof Boolean b) {
      return out.append(b.booleanValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return number(out, ((Number) value).doubleValue());
    }
    if (value instanceof Number n) {
      return out.append(n.longValue());
    }
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        string(out, String.valueOf(e.getKey())).append(": ");
        value(out, e.getValue());
      }
      return out.append('}');
    }
    if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        value(out, list.get(i));
      }
      return out.append(']');
    }
    throw new IllegalArgumentException("not a JSON value: " + value + " ("
        + (value == null ? "null" : value.getClass().getName())
        + "); use a Boolean, String, Number, Map or List");
  }

  /**
   * Appends a number: integral values without a fraction, others as Java prints them. NaN and
   * the infinities are written as Java prints them too, which is not JSON: the document reader
   * then reports the problem, as it would in a file.
   *
   * @param out where to
   * @param d the number
   * @return {@code out}
   */
  public static StringBuilder number(StringBuilder out, double d) {
    if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
      return out.append((long) d);
    }
    return out.append(d);
  }

  /**
   * Appends a string, quoted and escaped.
   *
   * @param out where to
   * @param s the string
   * @return {@code out}
   */
  public static StringBuilder string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
