package dev.flags.internal.snapshot;

import dev.flags.internal.snapshot.Conditions.Condition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The distinct conditions of one flag while it is compiled: two conditions with the same
 * attribute, operator, values, negation and case rule are one, compiled once (one regex memo
 * table, one hash set) and numbered, so that the evaluator tests it at most once per evaluation
 * however many rules share it. The compiled conditions themselves come from the compile's {@link
 * SharedValues}, so that other flags testing the same condition hold the same instance. Not
 * thread-safe; one per compile, {@link #clear() emptied} for each flag.
 */
final class SharedConditions {
  private final Map<String, CompiledSegment> segments;
  private final SharedValues values;
  /** The distinct conditions as the document has them, by number. */
  private final List<FlagDocument.Condition> definitions = new ArrayList<>(4); // most have a few

  /** Their {@link Key} hashes, by number: a scan compares these first. */
  private int[] hashes = new int[8];

  /**
   * Set to each condition looked up: a key is made only for a condition the compile keeps (the
   * first flag to test it) or that a flag's map of numbers holds.
   */
  private final Key probe = new Key();

  private final List<Condition> compiled = new ArrayList<>(4);
  /**
   * The numbers by key, made once a flag has more than {@link #SCANNED} distinct conditions: most
   * have a few, found by a scan of {@link #definitions} without a map per flag. (The document
   * readers' {@code FirstIndex} does the same for names; here the scan reads the list of
   * definitions that the numbers index anyway, where a {@code FirstIndex} would keep a second
   * copy of it per flag: 1.9 MB more per 10,000-flag compile, measured.)
   */
  private @Nullable Map<Key, Integer> numbers;

  /** The most distinct conditions looked up by a scan. */
  static final int SCANNED = 8;

  SharedConditions(Map<String, CompiledSegment> segments, SharedValues values) {
    this.segments = segments;
    this.values = values;
  }

  /** Forgets the conditions of the last flag, to number those of the next. */
  void clear() {
    definitions.clear();
    compiled.clear();
    numbers = null;
  }

  /** The number of this condition among the flag's distinct ones, compiling it if it is new. */
  int number(FlagDocument.Condition c) {
    Key key = probe.set(c);
    int n = find(key);
    if (n < 0) {
      n = definitions.size();
      // Compiled once per compile: flags of one document that test the same condition share it.
      Condition shared = values.condition(key);
      compiled.add(shared != null ? shared : values.keep(new Key(c), c.op().compile(c, segments)));
      definitions.add(c);
      if (n == hashes.length) {
        hashes = Arrays.copyOf(hashes, n * 2);
      }
      hashes[n] = key.hashCode();
      Map<Key, Integer> index = numbers;
      if (index != null) {
        index.put(new Key(c), n);
      } else if (definitions.size() > SCANNED) {
        index = new HashMap<>();
        for (int i = 0; i < definitions.size(); i++) {
          index.put(new Key(definitions.get(i)), i);
        }
        numbers = index;
      }
    }
    return n;
  }

  private int find(Key key) {
    Map<Key, Integer> index = numbers;
    if (index != null) {
      Integer n = index.get(key);
      return n == null ? -1 : n;
    }
    for (int i = 0; i < definitions.size(); i++) {
      if (hashes[i] == key.hashCode() && key.sameAs(definitions.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The compiled condition with this number. */
  Condition get(int number) {
    return compiled.get(number);
  }

  /** The condition with this number as the document has it. */
  FlagDocument.Condition definition(int number) {
    return definitions.get(number);
  }

  /** How many distinct conditions there are. */
  int size() {
    return compiled.size();
  }

  /**
   * What makes two conditions the same: attribute, operator, negation, case rule and values in
   * order. Values are compared by their text: patterns by their source, versions as written (the
   * values' own {@code toString}), each with its type, so that the string {@code "1"} and the
   * number 1 differ. Strings, numbers and booleans, whose text follows from their value, are
   * compared as values, which needs no text.
   */
  static final class Key {
    // Set once for a key that is kept; set again for each lookup for the probe, which no map
    // keeps.
    private FlagDocument.@Nullable Condition condition;
    private int hash;

    Key(FlagDocument.Condition c) {
      set(c);
    }

    private Key() {}

    Key set(FlagDocument.Condition c) {
      this.condition = c;
      int h = c.op().hashCode();
      h = 31 * h + Objects.hashCode(c.attribute());
      h = 31 * h + (c.negate() ? 1 : 0);
      h = 31 * h + (c.ignoreCase() ? 1 : 0);
      List<Object> values = c.values();
      for (int i = 0; i < values.size(); i++) { // indexed: no iterator per condition
        Object v = values.get(i);
        h = 31 * h + v.getClass().hashCode();
        h = 31 * h + (byValue(v) ? v.hashCode() : v.toString().hashCode());
      }
      this.hash = h;
      return this;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Key other) || other.hash != hash) {
        return false;
      }
      FlagDocument.Condition b = other.condition;
      return b != null && sameAs(b);
    }

    /** Whether {@code b} is the same condition as this key's (its hash compared already). */
    boolean sameAs(FlagDocument.Condition b) {
      FlagDocument.Condition a = condition;
      if (a == null) {
        return false;
      }
      if (a.op() != b.op()
          || a.negate() != b.negate()
          || a.ignoreCase() != b.ignoreCase()
          || !Objects.equals(a.attribute(), b.attribute())
          || a.values().size() != b.values().size()) {
        return false;
      }
      for (int i = 0; i < a.values().size(); i++) {
        if (!sameValue(a.values().get(i), b.values().get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    private static boolean sameValue(Object a, Object b) {
      if (a.getClass() != b.getClass()) {
        return false;
      }
      return byValue(a) ? a.equals(b) : a.toString().equals(b.toString());
    }

    /** Whether equal text is equal value: one double prints one way, and the other way round. */
    private static boolean byValue(Object v) {
      return v instanceof String
          || v instanceof Double
          || v instanceof Long
          || v instanceof Boolean;
    }
  }
}
