package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;

/**
 * Where evaluations that served a variant are reported when exposure events are on. The client
 * has one; its implementation must not block, and must allocate nothing for an exposure it has
 * seen recently. While its listener is behind, every such evaluation reaches it and is dropped,
 * so dropping must cost less than recognising a repeat.
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
