package dev.flags;

import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.FlagDocument.ValueType;
import dev.flags.internal.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * A handle to one boolean flag, from {@link Flags#booleanFlag(String)}. It resolves the flag once
 * per snapshot instead of once per call, and follows reloads. Thread-safe.
 *
 * <pre>{@code
 * private static final BooleanFlag NEW_CHECKOUT = flags.booleanFlag("new-checkout");
 * ...
 * if (NEW_CHECKOUT.isEnabled(user)) { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class BooleanFlag {
  private final Flags flags;
  private final String key;
  /**
   * The last resolution. A plain field on purpose: {@link Resolved} is immutable (final fields),
   * so a racing reader sees either an old or a new complete pair, and a stale pair only costs a
   * lookup. It is written once per snapshot change, never per call.
   */
  private @Nullable Resolved resolved;

  BooleanFlag(Flags flags, String key) {
    this.flags = flags;
    this.key = key;
  }

  /**
   * The flag key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Whether the flag is on for this context; {@code false} on any error (see {@link
   * Flags#isEnabled(String, Context)}).
   *
   * @param context who is asking
   * @return the value
   */
  public boolean isEnabled(Context context) {
    Object v = evaluate(context).value();
    return v != null && (Boolean) v;
  }

  /**
   * Whether the flag is on for this context, or {@code defaultValue} when the client cannot say
   * (see {@link Flags#isEnabled(String, Context, boolean)}).
   *
   * @param context who is asking
   * @param defaultValue the answer when the flag is unknown, the client is not ready, or anything
   *     goes wrong
   * @return the value
   */
  public boolean isEnabled(Context context, boolean defaultValue) {
    Object v = evaluate(context).value();
    return v != null ? (Boolean) v : defaultValue;
  }

  /**
   * The flag's value with the reason (see {@link Flags#booleanDetail}).
   *
   * @param context who is asking
   * @param defaultValue the answer when the client cannot say
   * @return the value and why; allocation-free in the steady state
   */
  public Detail<Boolean> detail(Context context, boolean defaultValue) {
    return Detail.ofBoolean(evaluate(context), defaultValue);
  }

  /**
   * Evaluates the flag with full details.
   *
   * @param context who is asking
   * @return the evaluation
   */
  public Evaluation evaluate(Context context) {
    Snapshot s = flags.current();
    Resolved r = resolved;
    if (r == null || r.snapshot != s) {
      r = new Resolved(s, s.flag(key));
      resolved = r;
    }
    return flags.evaluateFlag(s, r.flag, key, context, ValueType.BOOLEAN);
  }

  private static final class Resolved {
    final Snapshot snapshot;
    final @Nullable CompiledFlag flag;

    Resolved(Snapshot snapshot, @Nullable CompiledFlag flag) {
      this.snapshot = snapshot;
      this.flag = flag;
    }
  }
}
