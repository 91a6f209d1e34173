package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Where evaluations that served a variant are reported when exposure events are on. The client
 * has one; its implementation must not block, and must allocate nothing for an exposure it has
 * seen recently. While its listener is behind, the client serves a twin of the snapshot without
 * the tap, so evaluations do not reach it (see {@code ExposureTracker}).
 *
 * <p>Evaluations call {@link #tap}, which calls {@link #exposed} through a method handle held in
 * a field: the JIT cannot inline through it, so the tap's code is never compiled into the
 * evaluation. Inlined, it made the compiled evaluation about three times larger, too large to be
 * inlined into its caller in turn; a client whose listener had fallen behind then paid for it on
 * every evaluation, though the evaluation no longer reached the tap (BENCHMARKS.md, "Exposures:
 * shedding while the queue is full").
 */
public abstract class ExposureTap {
  private static final MethodHandle EXPOSED;

  static {
    try {
      EXPOSED = MethodHandles.lookup()
          .findVirtual(
              ExposureTap.class,
              "exposed",
              MethodType.methodType(
                  void.class, CompiledFlag.class, Evaluation.class, Context.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link #exposed} bound to this tap: a field, not a constant, so never inlined. */
  private final MethodHandle exposed = EXPOSED.bindTo(this);

  /** For subclasses. */
  protected ExposureTap() {}

  /**
   * Reports an exposure: what the evaluation calls.
   *
   * @param flag the flag
   * @param result the result, with a variant
   * @param context who asked
   */
  public final void tap(CompiledFlag flag, Evaluation result, Context context) {
    try {
      exposed.invokeExact(flag, result, context);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      // exposed declares no checked exception; a handle of this exact type throws none either.
      throw new IllegalStateException(t);
    }
  }

  /**
   * A context was served a variant of a flag.
   *
   * @param flag the flag
   * @param result the result, with a variant
   * @param context who asked
   */
  public abstract void exposed(CompiledFlag flag, Evaluation result, Context context);
}
