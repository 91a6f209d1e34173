package dev.flags.internal.document;

import org.jspecify.annotations.Nullable;

/**
 * A place in the document, as a chain of keys and indexes from the root. Readers pass one down
 * for every value they visit, but the dotted text of {@link Paths} ({@code flags.a-b.rules[2]})
 * is built only by {@link #toString()}, when a problem names the place: a valid document builds
 * none. Immutable.
 */
final class Path {
  /** The document itself: {@code $}. */
  static final Path ROOT = new Path(null, "$", -1);
  /** The document's {@code flags}. */
  static final Path FLAGS = ROOT.key("flags");
  /** The document's {@code segments}. */
  static final Path SEGMENTS = ROOT.key("segments");

  /** The parent, or null for a path given as text (the root among them). */
  private final @Nullable Path parent;
  /** The key of this step; for a path given as text, that text; null for an index. */
  private final @Nullable String key;

  private final int index;

  private Path(@Nullable Path parent, @Nullable String key, int index) {
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  /**
   * A path given as its text, such as {@code flags.a.rules[0]}: what {@link #toString()} returns
   * and what the paths below it start with.
   *
   * @param text the path's text; {@code $} is the root
   * @return the path
   */
  static Path of(String text) {
    return "$".equals(text) ? ROOT : new Path(null, text, -1);
  }

  /** The field {@code key} of the object at this path. */
  Path key(String key) {
    return new Path(this, key, -1);
  }

  /** The element {@code index} of the array at this path. */
  Path index(int index) {
    return new Path(this, null, index);
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

  private void appendTo(StringBuilder sb) {
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
}
