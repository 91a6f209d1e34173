package dev.flags;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: a key (usually a user id) plus typed attributes that rules can test.
 *
 * <p>Attribute values are strings, numbers (held as {@code double}), booleans or lists of strings.
 * The attribute name {@code "key"} always refers to {@link #key()}.
 *
 * <p>Instances are immutable and thread-safe. Build one per request (building is a few small
 * array writes) or keep pre-built ones: evaluation never copies or changes a context.
 *
 * <pre>{@code
 * Context user = Context.newBuilder("user-42")
 *     .set("country", "NZ")
 *     .set("plan", "pro")
 *     .set("age", 37)
 *     .set("groups", List.of("beta", "staff"))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Context {
  /** A context with no key and no attributes: targets and key-based rollouts never match it. */
  public static final Context EMPTY = new Context("", new String[0], new Object[0], null);

  /** The attribute arrays of every context without attributes: empty, so never written. */
  private static final String[] NO_NAMES = EMPTY.names;

  private static final Object[] NO_VALUES = EMPTY.values;

  /** The reserved attribute name that refers to the context key. */
  public static final String KEY_ATTRIBUTE = "key";

  /** Above this many attributes, lookups go through a hash map instead of a linear scan. */
  private static final int LINEAR_SCAN_LIMIT = 8;

  private final String key;
  private final String[] names;
  private final Object[] values;
  private final @Nullable Map<String, Object> index;

  private Context(
      String key, String[] names, Object[] values, @Nullable Map<String, Object> index) {
    this.key = key;
    this.names = names;
    this.values = values;
    this.index = index;
  }

  /**
   * A context with only a key.
   *
   * @param key the context key, usually a user id; may be empty for an anonymous context
   * @return the context
   * @throws NullPointerException if {@code key} is null
   */
  public static Context of(String key) {
    Objects.requireNonNull(key, "key");
    return key.isEmpty() ? EMPTY : new Context(key, NO_NAMES, NO_VALUES, null);
  }

  /**
   * A builder for a context with this key.
   *
   * @param key the context key, usually a user id; may be empty for an anonymous context
   * @return a new builder
   * @throws NullPointerException if {@code key} is null
   */
  public static Builder newBuilder(String key) {
    return new Builder(Objects.requireNonNull(key, "key"));
  }

  /**
   * The context key.
   *
   * @return the key, never null, empty for an anonymous context
   */
  public String key() {
    return key;
  }

  /**
   * The value of an attribute.
   *
   * @param name the attribute name; {@code "key"} returns the context key (or null when empty)
   * @return a {@code String}, {@code Double}, {@code Boolean} or unmodifiable {@code
   *     List<String>}, or null when the context has no such attribute
   */
  public @Nullable Object get(String name) {
    if (KEY_ATTRIBUTE.equals(name)) {
      return key.isEmpty() ? null : key;
    }
    Map<String, Object> map = index;
    if (map != null) {
      return map.get(name);
    }
    String[] n = names;
    for (int i = 0; i < n.length; i++) {
      if (n[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /**
   * The attribute names of this context, in the order they were first set (without {@code key}).
   *
   * @return an unmodifiable list
   */
  public List<String> attributeNames() {
    return List.of(names);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Context other)) {
      return false;
    }
    return key.equals(other.key) && asMap().equals(other.asMap());
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + asMap().hashCode();
  }

  @Override
  public String toString() {
    return "Context{key=" + key + ", attributes=" + asMap() + "}";
  }

  private Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return map;
  }

  /**
   * Builds a {@link Context}. Setting an attribute twice keeps the last value. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String key;
    private String[] names = new String[4];
    private Object[] values = new Object[4];
    private int size;

    private Builder(String key) {
      this.key = key;
    }

    /**
     * Sets a string attribute.
     *
     * @param name the attribute name (not {@code "key"})
     * @param value the value
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is {@code "key"} or empty
     */
    public Builder set(String name, String value) {
      return put(name, Objects.requireNonNull(value, "value"));
    }

    /**
     * Sets a numeric attribute.
     *
     * @param name the attribute name (not {@code "key"})
     * @param value the value
     * @return this builder
     */
    public Builder set(String name, double value) {
      return put(name, value);
    }

    /**
     * Sets a numeric attribute.
     *
     * @param name the attribute name (not {@code "key"})
     * @param value the value; held as a {@code double}, exact up to 2^53
     * @return this builder
     */
    public Builder set(String name, long value) {
      return put(name, (double) value);
    }

    /**
     * Sets a boolean attribute.
     *
     * @param name the attribute name (not {@code "key"})
     * @param value the value
     * @return this builder
     */
    public Builder set(String name, boolean value) {
      return put(name, value);
    }

    /**
     * Sets a list-of-strings attribute. A condition matches a list when it matches any element.
     *
     * @param name the attribute name (not {@code "key"})
     * @param values the values, copied
     * @return this builder
     * @throws NullPointerException if the collection or an element is null
     */
    public Builder set(String name, Collection<String> values) {
      return put(name, List.copyOf(values));
    }

    /**
     * Sets a time attribute, held as epoch milliseconds (a number), for {@code before} and {@code
     * after} conditions.
     *
     * @param name the attribute name (not {@code "key"})
     * @param time the instant
     * @return this builder
     */
    public Builder set(String name, Instant time) {
      return put(name, (double) time.toEpochMilli());
    }

    private Builder put(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || KEY_ATTRIBUTE.equals(name)) {
        throw new IllegalArgumentException("attribute name must not be empty or '" + KEY_ATTRIBUTE
            + "' (the key is given to Context.newBuilder(key)) but was '" + name + "'");
      }
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          values[i] = value;
          return this;
        }
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size] = value;
      size++;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return an immutable context
     */
    public Context build() {
      if (size == 0 && key.isEmpty()) {
        return EMPTY;
      }
      String[] n = Arrays.copyOf(names, size);
      Object[] v = Arrays.copyOf(values, size);
      Map<String, Object> index = null;
      if (size > LINEAR_SCAN_LIMIT) {
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
          index.put(n[i], v[i]);
        }
      }
      return new Context(key, n, v, index);
    }
  }
}
