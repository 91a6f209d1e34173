package dev.flags.cli;

import dev.flags.Context;
import dev.flags.Evaluation;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Text and JSON renderings of evaluations and contexts, shared by the commands. */
final class Render {
  /** Shown in place of a value when no variant was served. */
  static final String CALLERS_DEFAULT = "(caller's default)";

  private Render() {}

  /**
   * One readable line: {@code key = value  variant=.. reason=.. [rule=..] [prerequisite=..]
   * [error=..] version=..}. Absent fields are left out.
   */
  static String line(String flagKey, Evaluation e) {
    StringBuilder sb = new StringBuilder(flagKey).append(" = ").append(value(e)).append(' ');
    if (e.variant() != null) {
      sb.append(" variant=").append(e.variant());
    }
    sb.append(" reason=").append(e.reason());
    if (e.ruleId() != null) {
      sb.append(" rule=").append(e.ruleId());
    }
    if (e.prerequisiteKey() != null) {
      sb.append(" prerequisite=").append(e.prerequisiteKey());
    }
    if (e.errorCode() != null) {
      sb.append(" error=").append(e.errorCode());
    }
    return sb.append(" version=").append(e.version()).toString();
  }

  /** The evaluation as one JSON object; every field is present, null when it does not apply. */
  static String json(String flagKey, Evaluation e) {
    String value = e.valueAsJson();
    return "{\"flag\":" + quote(flagKey)
        + ",\"value\":" + (value == null ? "null" : value)
        + ",\"variant\":" + quoteOrNull(e.variant())
        + ",\"reason\":" + quote(e.reason().name())
        + ",\"ruleId\":" + quoteOrNull(e.ruleId())
        + ",\"prerequisiteKey\":" + quoteOrNull(e.prerequisiteKey())
        + ",\"errorCode\":"
        + (e.errorCode() == null ? "null" : quote(e.errorCode().name()))
        + ",\"version\":" + quote(e.version())
        + "}";
  }

  /** The served value as JSON text, or {@link #CALLERS_DEFAULT}. */
  static String value(Evaluation e) {
    String json = e.valueAsJson();
    return json == null ? CALLERS_DEFAULT : json;
  }

  /** The context key and attributes, e.g. {@code key "u-1"; country="NZ", age=37}. */
  static String context(Context c) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.key().isEmpty() ? "anonymous (no key)" : "key " + quote(c.key()));
    List<String> names = c.attributeNames();
    if (names.isEmpty()) {
      return sb.append(", no attributes").toString();
    }
    sb.append("; ");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names.get(i)).append('=').append(attribute(c.get(names.get(i))));
    }
    return sb.toString();
  }

  private static String attribute(@Nullable Object v) {
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Double boxed) {
      double d = boxed;
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(quote(String.valueOf(list.get(i))));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }

  static String quoteOrNull(@Nullable String s) {
    return s == null ? "null" : quote(s);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
