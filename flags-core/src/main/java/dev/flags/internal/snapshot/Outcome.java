package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;
import org.jspecify.annotations.Nullable;

/**
 * What a rule or a fallthrough serves: a {@link FixedOutcome} or a {@link RolloutOutcome}. Two
 * final classes behind one call site, which the JIT inlines as a bimorphic call.
 */
abstract sealed class Outcome permits FixedOutcome, RolloutOutcome {
  /** The result for this context, or null when a rollout cannot bucket it. Allocation-free. */
  abstract @Nullable Evaluation resolve(Context context);

  /** The result whatever the context, or null for a rollout. */
  abstract @Nullable Evaluation fixedResult();

  /** A hash of what the outcome resolved to at compile time (its weights), for diffs. */
  abstract int resolvedState();
}
