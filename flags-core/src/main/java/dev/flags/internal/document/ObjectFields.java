package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one JSON object of a document, in document order, for {@link SharedTextNodes}.
 * Jackson's own map for an object, a {@code LinkedHashMap}, takes a 16-slot table and a 40-byte
 * entry per field, and most objects of a document have a few fields (a condition, a target, a
 * weighted variant). Here the names and values sit side by side in one array, with no object per
 * field; up to {@link #MAX_SMALL} fields are found by a scan (a name is first compared by
 * reference, then by its cached hash), more through a table of positions by hash.
 *
 * <p>Readers go through the fields by position ({@link #of}, {@link #name}, {@link #value}),
 * which allocates nothing; {@link #entrySet()} makes an entry per field it returns, for Jackson
 * and any other caller of the map. A map like any other: equal to a map with the same fields,
 * whatever its class. It implements {@code Map} itself rather than extend {@code AbstractMap},
 * whose two cached views would add a quarter to the size of every object of a document. Not
 * thread-safe while written; read only once its document is read.
 */
final class ObjectFields implements Map<String, JsonNode> {
  /** The most fields found by a scan: a flag's fields, with room to spare. */
  static final int MAX_SMALL = 16;

  private static final Object[] NONE = new Object[0];

  /** Field {@code i}'s name at {@code 2i}, its value at {@code 2i + 1}; the first {@link #size}. */
  private Object[] fields = NONE;

  private int size;

  /**
   * Once there are more than {@link #MAX_SMALL} fields: an open-addressing table, by the name's
   * hash, of each field's position plus one (0 is an empty slot), at most half full.
   */
  private int @Nullable [] positions;

  /** An object node whose fields are an {@link ObjectFields}, so readers can reach them. */
  // javac reports ObjectNode's own deepCopy(), which narrows JsonNode's generic one, as an
  // unchecked override in every subclass; this class declares no method of Jackson's.
  @SuppressWarnings("unchecked")
  static final class Node extends ObjectNode {
    private static final long serialVersionUID = 1L;

    Node(JsonNodeFactory factory, ObjectFields fields) {
      super(factory, fields);
    }

    ObjectFields own() {
      return (ObjectFields) _children;
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
    reset(names, values);
  }

  /**
   * Makes these the fields {@code names[i]: values[i]}, in order, in place of any fields there
   * were: for a node made again from a recycled one ({@link SharedTextNodes#recycle}). The array
   * is reused when it is large enough. The names must be distinct and at most {@link #MAX_SMALL}.
   */
  void reset(List<String> names, List<JsonNode> values) {
    int n = names.size();
    if (n > MAX_SMALL || values.size() != n) {
      throw new IllegalArgumentException("fields: " + n + " names, " + values.size() + " values");
    }
    Object[] kv = fields.length >= 2 * n ? fields : new Object[2 * n];
    for (int i = 0; i < n; i++) {
      kv[2 * i] = names.get(i);
      kv[2 * i + 1] = values.get(i);
    }
    Arrays.fill(kv, 2 * n, 2 * size > 2 * n ? 2 * size : 2 * n, null);
    fields = kv;
    size = n;
    positions = null;
  }

  /** Forgets every field but keeps the array, for {@link #reset}. */
  void empty() {
    Arrays.fill(fields, 0, 2 * size, null);
    size = 0;
    positions = null;
  }

  /**
   * The fields of an object node, to go through by position: the node's own when a {@link
   * SharedTextNodes} made it, else a copy (a tree built elsewhere, such as a caller's). None for a
   * node that is not an object.
   *
   * @param node any node
   * @return its fields
   */
  static ObjectFields of(JsonNode node) {
    if (node instanceof Node own) {
      return own.own();
    }
    ObjectFields copy = new ObjectFields();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        copy.put(e.getKey(), e.getValue());
      }
    }
    return copy;
  }

  /**
   * The name of field {@code i}, in document order.
   *
   * @param i below {@link #size()}
   * @return the name
   */
  String name(int i) {
    Objects.checkIndex(i, size);
    return (String) fields[2 * i];
  }

  /**
   * The value of field {@code i}, in document order.
   *
   * @param i below {@link #size()}
   * @return the value
   */
  JsonNode value(int i) {
    Objects.checkIndex(i, size);
    return (JsonNode) fields[2 * i + 1];
  }

  /**
   * The position of the field named {@code key}, in document order.
   *
   * @param key a field name (anything else is in no object)
   * @return its position, or -1 when the object has no such field
   */
  int position(@Nullable Object key) {
    if (!(key instanceof String name)) {
      return -1;
    }
    Object[] kv = fields;
    int[] table = positions;
    if (table == null) {
      for (int i = 0; i < size; i++) {
        if (sameName((String) kv[2 * i], name)) {
          return i;
        }
      }
      return -1;
    }
    int mask = table.length - 1;
    for (int s = spread(name.hashCode()) & mask; ; s = (s + 1) & mask) {
      int p = table[s] - 1;
      if (p < 0 || sameName((String) kv[2 * p], name)) {
        return p;
      }
    }
  }

  /**
   * Whether two field names are equal: the parser shares each name within a read, so a name
   * repeated in a document is the same reference, and the strings' cached hashes rule out most
   * of the rest before any characters are compared.
   */
  @SuppressWarnings({"ReferenceEquality", "StringEquality"}) // a fast path, equals() follows
  static boolean sameName(String a, String b) {
    return a == b || (a.hashCode() == b.hashCode() && a.equals(b));
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** Builds the table of positions afresh, for the fields there are now. */
  private void index() {
    if (size <= MAX_SMALL) {
      positions = null;
      return;
    }
    int[] table = new int[Integer.highestOneBit(size) << 2];
    int mask = table.length - 1;
    for (int p = 0; p < size; p++) {
      int s = spread(fields[2 * p].hashCode()) & mask;
      while (table[s] != 0) {
        s = (s + 1) & mask;
      }
      table[s] = p + 1;
    }
    positions = table;
  }

  @Override
  public @Nullable JsonNode get(@Nullable Object key) {
    int i = position(key);
    return i < 0 ? null : (JsonNode) fields[2 * i + 1];
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return position(key) >= 0;
  }

  @Override
  public @Nullable JsonNode put(String key, JsonNode value) {
    Objects.requireNonNull(key, "key");
    int i = position(key);
    if (i >= 0) {
      JsonNode old = (JsonNode) fields[2 * i + 1];
      fields[2 * i + 1] = value;
      return old;
    }
    if (2 * size == fields.length) {
      fields = Arrays.copyOf(fields, size == 0 ? 8 : 4 * size);
    }
    fields[2 * size] = key;
    fields[2 * size + 1] = value;
    size++;
    int[] table = positions;
    if (table != null && 2 * size <= table.length) {
      int mask = table.length - 1;
      int s = spread(key.hashCode()) & mask;
      while (table[s] != 0) {
        s = (s + 1) & mask;
      }
      table[s] = size;
    } else if (size > MAX_SMALL) {
      index();
    }
    return null;
  }

  @Override
  public @Nullable JsonNode remove(@Nullable Object key) {
    int i = position(key);
    if (i < 0) {
      return null;
    }
    JsonNode old = (JsonNode) fields[2 * i + 1];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    System.arraycopy(fields, 2 * i + 2, fields, 2 * i, 2 * (size - i - 1));
    size--;
    fields[2 * size] = null;
    fields[2 * size + 1] = null;
    if (positions != null) {
      index(); // removal is rare: positions after i moved
    }
  }

  @Override
  public void clear() {
    fields = NONE;
    size = 0;
    positions = null;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean containsValue(@Nullable Object value) {
    for (int i = 0; i < size; i++) {
      if (fields[2 * i + 1].equals(value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void putAll(Map<? extends String, ? extends JsonNode> m) {
    for (Map.Entry<? extends String, ? extends JsonNode> e : m.entrySet()) {
      put(e.getKey(), e.getValue());
    }
  }

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Walk<>() {
          @Override
          String at(int i) {
            return (String) fields[2 * i];
          }
        };
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public boolean contains(@Nullable Object o) {
        return containsKey(o);
      }
    };
  }

  @Override
  public Collection<JsonNode> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<JsonNode> iterator() {
        return new Walk<>() {
          @Override
          JsonNode at(int i) {
            return (JsonNode) fields[2 * i + 1];
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Equal to any map with the same fields, as {@code Map} says. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> other) || other.size() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!fields[2 * i + 1].equals(other.get(fields[2 * i]))) {
        return false;
      }
    }
    return true;
  }

  /** The sum of the fields' hashes, as {@code Map} says. */
  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < size; i++) {
      h += fields[2 * i].hashCode() ^ fields[2 * i + 1].hashCode();
    }
    return h;
  }

  /** As {@code AbstractMap} writes a map: {@code {a=1, b=2}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(fields[2 * i]).append('=').append(fields[2 * i + 1]);
    }
    return sb.append('}').toString();
  }

  /** One field as a map entry; {@link #setValue} writes through to the fields. */
  private final class Entry implements Map.Entry<String, JsonNode> {
    private final String key;
    private JsonNode value;

    Entry(String key, JsonNode value) {
      this.key = key;
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
      int i = position(key);
      if (i >= 0) {
        fields[2 * i + 1] = v;
      }
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

  /** Goes through the fields in order, handing out what {@link #at} makes of each. */
  private abstract class Walk<T> implements Iterator<T> {
    private int next;
    private boolean removable;

    /** What the iterator hands out for field {@code i}. */
    abstract T at(int i);

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public T next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      removable = true;
      return at(next++);
    }

    @Override
    public void remove() {
      if (!removable) {
        throw new IllegalStateException();
      }
      removable = false;
      removeAt(--next);
    }
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, JsonNode>> iterator() {
        return new Walk<>() {
          @Override
          Map.Entry<String, JsonNode> at(int i) {
            return new Entry((String) fields[2 * i], (JsonNode) fields[2 * i + 1]);
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
