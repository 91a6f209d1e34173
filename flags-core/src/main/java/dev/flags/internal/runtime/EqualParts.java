package dev.flags.internal.runtime;

import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.PartEquality;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Lets a newly accepted document take, in place of each of its flags and segments, an equal one
 * from the document accepted before it. A client's history keeps up to {@code historySize}
 * validated documents for rollback; a flag or segment that no reload changed is then held once,
 * through the versions of the history that left it unchanged, and the new snapshot serves the
 * same strings. Equal means the same as validated, every field compared and metadata in order
 * ({@link PartEquality}, which allocates nothing), so nothing served changes. Pure: no threads, no
 * I/O.
 */
final class EqualParts {
  private EqualParts() {}

  /**
   * The document {@code next}, with each flag and segment equal to {@code previous}'s of the same
   * key replaced by {@code previous}'s.
   *
   * @param next the document just validated
   * @param previous the document accepted before it, or null
   * @return {@code next} itself when nothing is equal, else a document equal to it
   */
  static FlagDocument reuse(FlagDocument next, @Nullable FlagDocument previous) {
    if (previous == null) {
      return next;
    }
    Map<String, FlagDocument.Flag> flags =
        reuse(next.flags(), previous.flags(), PartEquality::same);
    Map<String, FlagDocument.Segment> segments =
        reuse(next.segments(), previous.segments(), PartEquality::same);
    if (flags == next.flags() && segments == next.segments()) {
      return next;
    }
    return new FlagDocument(next.schema(), next.version(), flags, segments);
  }

  /** {@code next} in its order, with values equal to {@code previous}'s taken from it. */
  private static <T> Map<String, T> reuse(
      Map<String, T> next, Map<String, T> previous, BiPredicate<T, T> same) {
    if (previous.isEmpty() || next.isEmpty()) {
      return next;
    }
    Map<String, T> out = new LinkedHashMap<>(next.size() * 4 / 3 + 1);
    boolean took = false;
    for (Map.Entry<String, T> e : next.entrySet()) {
      T mine = e.getValue();
      T before = previous.get(e.getKey());
      if (before != null && before != mine && same.test(before, mine)) {
        out.put(e.getKey(), before);
        took = true;
      } else {
        out.put(e.getKey(), mine);
      }
    }
    return took ? Collections.unmodifiableMap(out) : next;
  }
}
