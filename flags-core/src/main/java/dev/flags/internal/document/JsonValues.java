package dev.flags.internal.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flags.internal.snapshot.FlagDocument.ValueType;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON values as the document side sees them: the {@link ValueType} of a variant, conversion to
 * Java values, the {@code describe} text that messages quote, finite-number tests, and variants
 * written back as compact JSON. Pure functions, no problems reported here.
 */
final class JsonValues {
  /**
   * Writes the Java form of variant values as compact JSON, so the text always agrees with the
   * value: a {@code Long} as an integer, a {@code Double} as the shortest decimal that reads back
   * as the same double (Java 19's {@code Double.toString}, whatever the JDK).
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private JsonValues() {}

  /**
   * The type a variant value has.
   *
   * @return the type, or null for null (and any node that is not a JSON value)
   */
  static @Nullable ValueType valueType(JsonNode v) {
    return switch (v.getNodeType()) {
      case BOOLEAN -> ValueType.BOOLEAN;
      case STRING -> ValueType.STRING;
      case NUMBER -> ValueType.NUMBER;
      case OBJECT, ARRAY -> ValueType.JSON;
      default -> null;
    };
  }

  /** Whether a number fits a double: numbers are served and compared as doubles. */
  static boolean isFinite(JsonNode number) {
    return Double.isFinite(number.doubleValue());
  }

  /** Whether every number in the value, at any depth, fits a double. */
  static boolean allFinite(JsonNode v) {
    if (v.isNumber()) {
      return isFinite(v);
    }
    for (JsonNode child : v) {
      if (!allFinite(child)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A variant: its value as Java and as compact JSON.
   *
   * @param value a value whose {@link #valueType} is not null
   */
  static Variant variant(String name, JsonNode value) {
    Object java = toJava(value);
    if (java == null) {
      throw new IllegalArgumentException("not a variant value: " + describe(value));
    }
    return new Variant(name, java, json(java));
  }

  /**
   * Compact JSON of a value from {@link #toJava}, numbers in normal form: {@code 100.0}, {@code
   * 1e2} and {@code 100} give {@code 100}, {@code -0.0} gives {@code 0}, {@code 2.50} gives {@code
   * 2.5}.
   */
  static String json(Object java) {
    // The common variants without a JSON writer: the text is the same as the writer's.
    if (java instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (java instanceof Long l) {
      return Long.toString(l);
    }
    if (java instanceof String s && isPlainAscii(s)) {
      return '"' + s + '"';
    }
    try {
      return JSON.writeValueAsString(java);
    } catch (JsonProcessingException e) {
      // Values in memory always serialize; Jackson declares the exception for streams.
      throw new IllegalStateException(e);
    }
  }

  /** Printable ASCII without quote or backslash: what JSON writes between quotes unescaped. */
  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Converts a JSON value to Boolean, String, Long (integral numbers that fit), Double, or an
   * unmodifiable Map/List of such values.
   *
   * @return the value, or null for JSON null
   */
  static @Nullable Object toJava(JsonNode v) {
    return switch (v.getNodeType()) {
      case BOOLEAN -> v.booleanValue();
      case STRING -> v.asText();
      case NUMBER -> number(v);
      case OBJECT -> object(v);
      case ARRAY -> array(v);
      default -> null;
    };
  }

  private static Object number(JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isBigDecimal()) {
      BigDecimal d = v.decimalValue();
      try {
        return d.longValueExact();
      } catch (ArithmeticException notIntegral) {
        // BigDecimal has no non-throwing test for "integral and fits a long".
        return d.doubleValue();
      }
    }
    return v.doubleValue();
  }

  private static Map<String, @Nullable Object> object(JsonNode v) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    ObjectFields fields = ObjectFields.of(v);
    for (int i = 0; i < fields.size(); i++) {
      map.put(fields.name(i), toJava(fields.value(i)));
    }
    return Collections.unmodifiableMap(map);
  }

  private static List<@Nullable Object> array(JsonNode v) {
    List<@Nullable Object> list = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      list.add(toJava(item));
    }
    return Collections.unmodifiableList(list);
  }

  /** How messages quote a value: {@code the string "x"}, {@code the number 5}, {@code an array}. */
  static String describe(JsonNode v) {
    return switch (v.getNodeType()) {
      case NULL -> "null";
      case STRING -> "the string \"" + abbreviate(v.asText()) + "\"";
      case BOOLEAN -> v.asText();
      case NUMBER -> "the number " + v.asText();
      case ARRAY -> v.isEmpty() ? "an empty array" : "an array";
      case OBJECT -> v.isEmpty() ? "an empty object" : "an object";
      case BINARY, MISSING, POJO -> v.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  /** The text itself up to 60 characters, else its first 57 and {@code ...}. */
  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
