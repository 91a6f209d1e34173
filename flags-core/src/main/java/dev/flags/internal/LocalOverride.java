package dev.flags.internal;

import dev.flags.Evaluation;
import org.jspecify.annotations.Nullable;

/** A runtime override: this result for these keys (or everyone when {@code keys} is null). */
public final class LocalOverride {
  final @Nullable StringSet keys;
  final Evaluation result;

  LocalOverride(@Nullable StringSet keys, Evaluation result) {
    this.keys = keys;
    this.result = result;
  }
}
