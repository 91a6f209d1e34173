package dev.flags;

import dev.flags.internal.snapshot.Murmur3x64;
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
  private static final Object[] NO_ATTRIBUTES = new Object[0];

  /** A context with no key and no attributes: targets and key-based rollouts never match it. */
  public static final Context EMPTY = new Context("", NO_ATTRIBUTES, 0, null);

  /** The reserved attribute name that refers to the context key. */
  public static final String KEY_ATTRIBUTE = "key";

  /** Above this many attributes, lookups go through a hash map instead of a linear scan. */
  private static final int LINEAR_SCAN_LIMIT = 8;

  /** Attribute pairs a builder has room for before it grows: most contexts have fewer. */
  private static final int INITIAL_PAIRS = 8;

  private final String key;
  /**
   * Attribute names and values, interleaved ({@code name0, value0, name1, value1, ...}), in the
   * first {@code 2 * size} slots: one array instead of two, shared with the builder that made it
   * (which copies before any later change).
   */
  private final Object[] attributes;

  private final int size;
  private final @Nullable Map<String, Object> index;
  /**
   * {@link #keyHash()} once computed, else 0 (a key whose hash is 0 is hashed on every call,
   * which is correct and, at one key in 2^64, free). One volatile field: a reader sees either 0 or
   * the whole hash.
   */
  private volatile long keyHash;

  private Context(String key, Object[] attributes, int size, @Nullable Map<String, Object> index) {
    this.key = key;
    this.attributes = attributes;
    this.size = size;
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
    return key.isEmpty() ? EMPTY : new Context(key, NO_ATTRIBUTES, 0, null);
  }

  /**
   * A builder for a context with this key.
   *
   * @param key the context key, usually a user id; may be empty for an anonymous context
   * @return a new builder
   * @throws NullPointerException if {@code key} is null
   */
  public static Builder newBuilder(String key) {
    return new Builder(Objects.requireNonNull(key, "key"), INITIAL_PAIRS);
  }

  /**
   * A builder for a context with this key, sized for this many attributes: a caller that knows
   * how many it sets (a mapping from another context type, say) allocates nothing it does not
   * use. Setting more still works.
   *
   * @param key the context key, usually a user id; may be empty for an anonymous context
   * @param expectedAttributes how many attributes will be set, at least 0
   * @return a new builder
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code expectedAttributes} is negative
   * @since 0.1.0
   */
  public static Builder newBuilder(String key, int expectedAttributes) {
    if (expectedAttributes < 0) {
      throw new IllegalArgumentException(
          "expectedAttributes must be 0 or more but was " + expectedAttributes);
    }
    return new Builder(Objects.requireNonNull(key, "key"), Math.max(1, expectedAttributes));
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
   * The 64-bit hash of the key that sticky percentage rollouts bucket by: murmur3_x64_128 of the
   * key's UTF-8 bytes, seed 0, first 64 bits (the bucketing contract, {@code docs/bucketing.md}).
   * Computed once, when first needed, and kept: a context evaluated against many rollouts hashes
   * its key once. Allocation-free.
   *
   * @return the hash
   */
  public long keyHash() {
    long h = keyHash;
    if (h != 0) {
      return h;
    }
    h = Murmur3x64.ofUtf8(key);
    keyHash = h;
    return h;
  }

  /**
   * The value of an attribute.
   *
   * @param name the attribute name; {@code "key"} returns the context key (or null when empty)
   * @return a {@code String}, {@code Double}, {@code Boolean} or unmodifiable {@code
   *     List<String>}, or null when the context has no such attribute
   */
  public @Nullable Object get(String name) {
    Object[] a = attributes;
    int n = 2 * size;
    Map<String, Object> map = index;
    if (map == null) {
      // Names are usually the same literal as the rule's (which the JVM interns, and the rule's
      // name is interned when compiled): a first pass compares references only. Comparing
      // different strings' contents costs several nanoseconds each.
      for (int i = 0; i < n; i += 2) {
        if (a[i] == name) {
          return a[i + 1];
        }
      }
    }
    if (KEY_ATTRIBUTE.equals(name)) {
      return key.isEmpty() ? null : key;
    }
    if (map != null) {
      return map.get(name);
    }
    int hash = name.hashCode(); // cached by String, as are the names' own
    for (int i = 0; i < n; i += 2) {
      String candidate = (String) a[i];
      if (candidate.hashCode() == hash && candidate.equals(name)) {
        return a[i + 1];
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
    String[] names = new String[size];
    for (int i = 0; i < size; i++) {
      names[i] = (String) attributes[2 * i];
    }
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
    for (int i = 0; i < size; i++) {
      map.put((String) attributes[2 * i], attributes[2 * i + 1]);
    }
    return map;
  }

  /**
   * Builds a context from another representation of the caller (an OpenFeature context, a web
   * request), copying only the attributes a flag reads: see {@link Flags#evaluate(String, Object,
   * Mapper)}. An adapter keeps one and passes it on every call, so no lambda is captured per call.
   *
   * @param <S> the caller's other representation
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Mapper<S> {
    /**
     * The context of {@code source}, with each named attribute that {@code source} has (more do
     * no harm, and ones it lacks are left out).
     *
     * @param source the caller
     * @param attributes the names of the attributes the flag reads, sorted and unmodifiable;
     *     empty when it reads none, so that the key alone will do
     * @return the context
     */
    Context map(S source, List<String> attributes);
  }

  /**
   * Builds a {@link Context}. Setting an attribute twice keeps the last value. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String key;
    private Object[] attributes;
    private int size;
    /** The array is shared with a built context: copy it before the next change. */
    private boolean shared;

    private Builder(String key, int pairs) {
      this.key = key;
      this.attributes = new Object[2 * pairs];
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
      if (shared) {
        attributes = attributes.clone();
        shared = false;
      }
      Object[] a = attributes;
      int n = 2 * size;
      for (int i = 0; i < n; i += 2) {
        if (a[i].equals(name)) {
          a[i + 1] = value;
          return this;
        }
      }
      if (n == a.length) {
        a = Arrays.copyOf(a, 2 * n);
        attributes = a;
      }
      a[n] = name;
      a[n + 1] = value;
      size++;
      return this;
    }

    /**
     * Builds the context. The builder can go on being used; the context does not change.
     *
     * @return an immutable context
     */
    public Context build() {
      if (size == 0) {
        return key.isEmpty() ? EMPTY : new Context(key, NO_ATTRIBUTES, 0, null);
      }
      Map<String, Object> index = null;
      if (size > LINEAR_SCAN_LIMIT) {
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
          index.put((String) attributes[2 * i], attributes[2 * i + 1]);
        }
      }
      shared = true; // the context takes the array as it is; a later set() copies it first
      return new Context(key, attributes, size, index);
    }
  }
}
