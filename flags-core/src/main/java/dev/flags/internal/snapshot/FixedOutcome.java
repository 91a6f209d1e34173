package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;

/** Serves one precomputed result. */
final class FixedOutcome extends Outcome {
  private final Evaluation result;

  FixedOutcome(Evaluation result) {
    this.result = result;
  }

  @Override
  Evaluation resolve(Context context) {
    return result;
  }

  @Override
  Evaluation fixedResult() {
    return result;
  }

  @Override
  int resolvedState() {
    return 0;
  }
}
