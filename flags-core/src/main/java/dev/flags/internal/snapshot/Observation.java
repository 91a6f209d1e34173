package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import org.jspecify.annotations.Nullable;

/**
 * What watches a snapshot's evaluations when metrics or exposures are on: the snapshot's
 * counters and the client's exposure tap. A snapshot without it (the default) is evaluated
 * exactly as before, one null check aside. Immutable; what it points to is thread-safe.
 */
public final class Observation {
  private final @Nullable EvaluationCounters counters;
  private final @Nullable ExposureTap exposures;

  /**
   * An observation.
   *
   * @param counters the snapshot's counters, or null when metrics are off
   * @param exposures the client's exposure tap, or null when exposures are off
   */
  public Observation(@Nullable EvaluationCounters counters, @Nullable ExposureTap exposures) {
    this.counters = counters;
    this.exposures = exposures;
  }

  /**
   * The counters.
   *
   * @return the counters, or null when metrics are off
   */
  public @Nullable EvaluationCounters counters() {
    return counters;
  }

  /**
   * Sees one evaluation of a flag. Allocation-free when the exposure was seen before.
   *
   * @param flag the flag
   * @param result what it returned
   * @param context who asked
   */
  public void evaluated(CompiledFlag flag, Evaluation result, Context context) {
    EvaluationCounters c = counters;
    if (c != null) {
      c.count(flag, result);
    }
    ExposureTap x = exposures;
    if (x != null && result.variant() != null) {
      x.exposed(flag, result, context);
    }
  }

  /**
   * Sees one evaluation that failed without a flag.
   *
   * @param code the error
   */
  public void failed(ErrorCode code) {
    EvaluationCounters c = counters;
    if (c != null) {
      c.countWithoutFlag(code);
    }
  }
}
