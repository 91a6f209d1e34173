package dev.flags.internal.document;

import org.jspecify.annotations.Nullable;

/**
 * A place in the document, as a chain of keys and indexes from the root. Readers pass one down
 * for every value they visit, but the dotted text of {@link Paths} ({@code flags.a-b.rules[2]})
 * is built only by {@link #toString()}, when a problem names the place: a valid document builds
 * none.
 *
 * <p>Most paths a reader visits repeat from flag to flag ({@code rules[0].conditions[1]} of every
 * flag), so a reader reads each flag below an {@link Anchor}: a root that stands for the flag
 * being read, moved to each flag in turn. The paths below an anchor keep their first steps (the
 * first {@link #CACHED} keys, by reference, and indexes) and hand back the same path for the same
 * step, so that a document of many flags of one shape makes its paths once, not once per flag.
 * Such a path names its place only while its anchor stands on the flag: a problem's text is taken
 * when the problem is added. Paths not below an anchor are immutable. Not thread-safe: an anchor
 * and the paths below it belong to one reader of one document.
 */
class Path {
  /** The document itself: {@code $}. */
  static final Path ROOT = new Path(null, "$", -1, false);

  /** The document's {@code flags}. */
  static final Path FLAGS = ROOT.key("flags");

  /** The document's {@code segments}. */
  static final Path SEGMENTS = ROOT.key("segments");

  /** The most steps below a path that it keeps, of keys and of indexes each. */
  static final int CACHED = 8;

  /** The parent, or null for a path given as text (the root among them) or an anchor. */
  private final @Nullable Path parent;

  /** The key of this step; for a path given as text, that text; null for an index. */
  private final @Nullable String key;

  private final int index;

  /** Whether this path keeps its steps: it is below an anchor. */
  private final boolean keeps;

  /** The steps by key kept so far (their keys, then the paths), made when first needed. */
  private @Nullable String @Nullable [] keptKeys;

  private @Nullable Path @Nullable [] byKey;

  /** The steps by index below {@link #CACHED}, made when first needed. */
  private @Nullable Path @Nullable [] byIndex;

  private Path(@Nullable Path parent, @Nullable String key, int index, boolean keeps) {
    this.parent = parent;
    this.key = key;
    this.index = index;
    this.keeps = keeps;
  }

  /**
   * A path given as its text, such as {@code flags.a.rules[0]}: what {@link #toString()} returns
   * and what the paths below it start with.
   *
   * @param text the path's text; {@code $} is the root
   * @return the path
   */
  static Path of(String text) {
    return "$".equals(text) ? ROOT : new Path(null, text, -1, false);
  }

  /**
   * A new anchor, for one reader of one document.
   *
   * @return an anchor standing nowhere yet (its text is {@code $})
   */
  static Anchor anchor() {
    return new Anchor();
  }

  /** The field {@code key} of the object at this path. */
  Path key(String key) {
    if (!keeps) {
      return new Path(this, key, -1, false);
    }
    String[] keys = keptKeys;
    Path[] paths = byKey;
    if (keys == null || paths == null) {
      keys = new String[CACHED];
      paths = new Path[CACHED];
      keptKeys = keys;
      byKey = paths;
    }
    for (int i = 0; i < CACHED; i++) {
      String k = keys[i];
      if (k == null) {
        Path p = new Path(this, key, -1, true);
        keys[i] = key;
        paths[i] = p;
        return p;
      }
      if (sameReference(k, key)) {
        return paths[i];
      }
    }
    // Full: the keys a document repeats came first. This one is made each time, and keeps none.
    return new Path(this, key, -1, false);
  }

  // The readers' literals are interned and the parser shares each field name within a read: a
  // repeat is mostly the same reference, and a key equal by value but not by reference only
  // misses the cache.
  @SuppressWarnings({"ReferenceEquality", "StringEquality"})
  private static boolean sameReference(String a, String b) {
    return a == b;
  }

  /** The element {@code index} of the array at this path. */
  Path index(int index) {
    if (!keeps || index >= CACHED) {
      return new Path(this, null, index, false);
    }
    Path[] paths = byIndex;
    if (paths == null) {
      paths = new Path[CACHED];
      byIndex = paths;
    }
    Path p = paths[index];
    if (p == null) {
      p = new Path(this, null, index, true);
      paths[index] = p;
    }
    return p;
  }

  /** The dotted text, as {@link Paths#key} and {@link Paths#index} would have built it. */
  @Override
  public String toString() {
    if (parent == null && key != null) {
      return key;
    }
    StringBuilder sb = new StringBuilder(32);
    appendTo(sb);
    return sb.length() == 0 ? "$" : sb.toString();
  }

  void appendTo(StringBuilder sb) {
    Path p = parent;
    String k = key;
    if (p == null) {
      if (k != null && !"$".equals(k)) {
        sb.append(k);
      }
      return;
    }
    p.appendTo(sb);
    if (k != null) {
      Paths.appendKey(sb, k);
    } else {
      Paths.appendIndex(sb, index);
    }
  }

  /**
   * A root that stands for the place a reader is reading ({@code flags.<key>}, say), moved from
   * one place to the next with {@link #at}; the paths below it are kept (see {@link Path}).
   */
  static final class Anchor extends Path {
    private Path place = ROOT;

    private Anchor() {
      super(null, null, -1, true);
    }

    /**
     * Stands this anchor on {@code place}: the paths below it now name places below that one.
     *
     * @param place an immutable path (not below an anchor)
     * @return this anchor
     */
    Anchor at(Path place) {
      this.place = place;
      return this;
    }

    @Override
    public String toString() {
      return place.toString();
    }

    @Override
    void appendTo(StringBuilder sb) {
      place.appendTo(sb);
    }
  }
}
