package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;

/**
 * Where evaluations that served a variant are reported when exposure events are on. The client
 * has one; its implementation must not block, and must allocate nothing for an exposure it has
 * seen recently. While its listener is behind, the client serves a twin of the snapshot without
 * the tap, so evaluations do not reach it (see {@code ExposureTracker}).
 */
public abstract class ExposureTap {
  /** For subclasses. */
  protected ExposureTap() {}

  /**
   * A context was served a variant of a flag.
   *
   * @param flag the flag
   * @param result the result, with a variant
   * @param context who asked
   */
  public abstract void exposed(CompiledFlag flag, Evaluation result, Context context);
}
