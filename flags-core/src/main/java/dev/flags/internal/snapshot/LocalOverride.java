package dev.flags.internal.snapshot;

import dev.flags.Evaluation;
import org.jspecify.annotations.Nullable;

/** A runtime override: this result for these keys (or everyone when {@code keys} is null). */
record LocalOverride(@Nullable StringSet keys, Evaluation result) {}
