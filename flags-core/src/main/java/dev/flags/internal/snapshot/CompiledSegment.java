package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.internal.snapshot.Conditions.Condition;
import org.jspecify.annotations.Nullable;

/**
 * A compiled segment. Membership: a key in {@code included} is a member; otherwise a key in
 * {@code excluded} is not; otherwise the context is a member when any rule matches. Key lookups
 * are O(1) whatever the list sizes.
 */
final class CompiledSegment {
  final String key;
  private final KeyList included;
  private final KeyList excluded;
  private final Condition[][] rules;

  CompiledSegment(String key, KeyList included, KeyList excluded, Condition[][] rules) {
    this.key = key;
    this.included = included;
    this.excluded = excluded;
    this.rules = rules;
  }

  boolean contains(Context context) {
    String k = context.key();
    if (!k.isEmpty()) {
      if (included.contains(k)) {
        return true;
      }
      if (excluded.contains(k)) {
        return false;
      }
    }
    Condition[][] r = rules;
    for (int i = 0; i < r.length; i++) {
      if (Conditions.all(r[i], context)) {
        return true;
      }
    }
    return false;
  }

  /** The included keys when they alone decide membership (no excluded keys, no rules); else null. */
  @Nullable
  KeyList onlyIncluded() {
    return excluded.isEmpty() && rules.length == 0 ? included : null;
  }
}
