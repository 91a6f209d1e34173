package dev.flags.openfeature.internal;

import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the values of JSON variants ({@code Evaluation.value()}: maps, lists, strings, booleans,
 * {@code Long}s and {@code Double}s) into OpenFeature values. Integral numbers in {@code int} range
 * become {@code Integer}s (as JSON parsers give them), larger ones {@code Long}s.
 */
public final class Values {
  private Values() {}

  /**
   * The OpenFeature value of a variant's value.
   *
   * @param value a value of a JSON, string, boolean or number variant
   * @return the value: a structure for an object, a list of values for an array
   */
  public static Value of(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Value> attributes = new HashMap<>(map.size() * 2);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = e.getValue();
        attributes.put(String.valueOf(e.getKey()), v == null ? new Value() : of(v));
      }
      return new Value(new ImmutableStructure(attributes));
    }
    if (value instanceof List<?> list) {
      List<Value> values = new ArrayList<>(list.size());
      for (Object v : list) {
        values.add(v == null ? new Value() : of(v));
      }
      return new Value(List.copyOf(values));
    }
    if (value instanceof String s) {
      return new Value(s);
    }
    if (value instanceof Boolean b) {
      return new Value(b);
    }
    if (value instanceof Long l) {
      long x = l;
      return x == (int) x ? new Value((int) x) : new Value(l);
    }
    if (value instanceof Number n) {
      return new Value(n.doubleValue());
    }
    throw new IllegalArgumentException(
        "not a variant value: " + value.getClass().getName());
  }
}
