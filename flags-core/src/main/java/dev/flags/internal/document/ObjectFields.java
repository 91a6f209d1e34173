package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one JSON object of a document, in document order, for {@link SharedTextNodes}.
 * Most objects of a document have a few fields (a condition, a target, a weighted variant), and
 * Jackson's own map for them, a {@code LinkedHashMap}, takes a 16-slot table and a 40-byte entry
 * per field. Here up to {@link #MAX_SMALL} fields are kept in one array and found by a scan
 * (field names are interned, so a present field is found by identity); beyond that, in a {@code
 * LinkedHashMap}. A map like any other: equal to a map with the same fields, whatever its class.
 * Not thread-safe while written; read only once its document is read.
 */
final class ObjectFields extends AbstractMap<String, JsonNode> {
  /** The most fields kept in the array: a flag's fields, with room to spare. */
  static final int MAX_SMALL = 16;

  private static final Field[] NONE = new Field[0];

  /** The fields while there are at most {@link #MAX_SMALL}, the first {@link #size} used. */
  private Field[] small = NONE;

  private int size;
  /** The fields once there are more than {@link #MAX_SMALL}; then {@link #small} is unused. */
  private @Nullable LinkedHashMap<String, JsonNode> large;

  /** One field: a key and its value, replaced in place when the key is put again. */
  private static final class Field implements Map.Entry<String, JsonNode> {
    private final String key;
    /** The key's hash, compared before the key itself. */
    private final int hash;

    private JsonNode value;

    Field(String key, int hash, JsonNode value) {
      this.key = key;
      this.hash = hash;
      this.value = value;
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public JsonNode getValue() {
      return value;
    }

    @Override
    public JsonNode setValue(JsonNode v) {
      JsonNode old = value;
      value = v;
      return old;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Map.Entry<?, ?> e
          && key.equals(e.getKey())
          && Objects.equals(value, e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ Objects.hashCode(value);
    }

    @Override
    public String toString() {
      return key + "=" + value;
    }
  }

  /** Empty fields, grown as fields are put. */
  ObjectFields() {}

  /**
   * The fields {@code names[i]: values[i]}, in order, kept in an array of their exact number: for
   * a reader that gathered an object's fields before making it. The names must be distinct and at
   * most {@link #MAX_SMALL}.
   */
  ObjectFields(List<String> names, List<JsonNode> values) {
    int n = names.size();
    if (n > MAX_SMALL || values.size() != n) {
      throw new IllegalArgumentException("fields: " + n + " names, " + values.size() + " values");
    }
    if (n > 0) {
      Field[] fields = new Field[n];
      for (int i = 0; i < n; i++) {
        String key = names.get(i);
        fields[i] = new Field(key, key.hashCode(), values.get(i));
      }
      small = fields;
      size = n;
    }
  }

  /** The position of {@code key} (whose hash is {@code hash}) among the small fields, or -1. */
  @SuppressWarnings({"ReferenceEquality", "StringEquality"}) // interned names: a fast path only
  private int indexOf(Object key, int hash) {
    Field[] fields = small;
    for (int i = 0; i < size; i++) {
      Field f = fields[i];
      if (f.hash == hash && (f.key == key || f.key.equals(key))) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public @Nullable JsonNode get(@Nullable Object key) {
    Map<String, JsonNode> l = large;
    if (l != null) {
      return l.get(key);
    }
    if (key == null) {
      return null;
    }
    int i = indexOf(key, key.hashCode());
    return i < 0 ? null : small[i].value;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    Map<String, JsonNode> l = large;
    if (l != null) {
      return l.containsKey(key);
    }
    return key != null && indexOf(key, key.hashCode()) >= 0;
  }

  @Override
  public @Nullable JsonNode put(String key, JsonNode value) {
    Objects.requireNonNull(key, "key");
    Map<String, JsonNode> l = large;
    if (l != null) {
      return l.put(key, value);
    }
    int hash = key.hashCode();
    int i = indexOf(key, hash);
    if (i >= 0) {
      return small[i].setValue(value);
    }
    if (size == MAX_SMALL) {
      LinkedHashMap<String, JsonNode> grown = new LinkedHashMap<>(MAX_SMALL * 4);
      for (int k = 0; k < size; k++) {
        grown.put(small[k].key, small[k].value);
      }
      grown.put(key, value);
      large = grown;
      small = NONE;
      size = 0;
      return null;
    }
    if (size == small.length) {
      small = Arrays.copyOf(small, size == 0 ? 4 : size * 2);
    }
    small[size++] = new Field(key, hash, value);
    return null;
  }

  @Override
  public @Nullable JsonNode remove(@Nullable Object key) {
    Map<String, JsonNode> l = large;
    if (l != null) {
      return l.remove(key);
    }
    if (key == null) {
      return null;
    }
    int i = indexOf(key, key.hashCode());
    if (i < 0) {
      return null;
    }
    JsonNode old = small[i].value;
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    System.arraycopy(small, i + 1, small, i, size - i - 1);
    size--; // the last slot keeps a stale field until overwritten: removal is rare
  }

  @Override
  public void clear() {
    large = null;
    small = NONE;
    size = 0;
  }

  @Override
  public int size() {
    Map<String, JsonNode> l = large;
    return l != null ? l.size() : size;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    Map<String, JsonNode> l = large;
    if (l != null) {
      return l.entrySet();
    }
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, JsonNode>> iterator() {
        return new Iterator<>() {
          private int next;
          private boolean removable;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, JsonNode> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            removable = true;
            return small[next++];
          }

          @Override
          public void remove() {
            if (!removable) {
              throw new IllegalStateException();
            }
            removable = false;
            removeAt(--next);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
