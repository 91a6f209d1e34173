package dev.flags.internal.safety;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Guardrail;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.Evaluator;
import dev.flags.internal.snapshot.Snapshot;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The client's guardrails: which flags have one (from the served document, or set in code, which
 * wins), their states, and the reporting calls ({@link #record}, {@link #guard}). A reporting
 * call evaluates the flag for the context (unobserved: it is not an evaluation the application
 * asked for) to learn whether the context is in the control (the off-variant) or on a new
 * variant, and adds the outcome to the flag's window; the call that crosses a threshold hands
 * the {@link Trip} to the client, which kills the flag.
 *
 * <p>Thread-safe. The states are published as an immutable map in a volatile field, replaced
 * under the client's lock when a document is served or a guardrail set; reporting reads it
 * without locking. A state is kept while its flag's guardrail stays the same, so a reload does
 * not empty a window nor lift a trip.
 */
public final class Guardrails {
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Consumer<Trip> onTrip;
  /** Guardrails set in code, by flag key; guarded by the client's lock. */
  private final Map<String, Guardrail> fromCode = new LinkedHashMap<>();

  private volatile HashMap<String, GuardState> states = new HashMap<>();

  /**
   * Guardrails.
   *
   * @param clock the client's clock: the windows' time
   * @param nanoTime what times guarded calls
   * @param onTrip called (on the reporting thread) with each trip
   */
  public Guardrails(Clock clock, LongSupplier nanoTime, Consumer<Trip> onTrip) {
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.onTrip = onTrip;
  }

  /**
   * Sets or clears a guardrail in code. Called under the client's lock.
   *
   * @param flagKey the flag
   * @param guardrail the guardrail, or null to go back to the document's
   * @param served the base being served
   * @return true if something changed
   */
  public boolean set(String flagKey, @Nullable Guardrail guardrail, Snapshot served) {
    boolean changed = guardrail == null
        ? fromCode.remove(flagKey) != null
        : !guardrail.equals(fromCode.put(flagKey, guardrail));
    update(served);
    return changed;
  }

  /**
   * Rebuilds the states for a served base: the code's guardrails, then the document's for flags
   * the code does not cover. Called under the client's lock.
   *
   * @param served the base being served
   */
  @SuppressWarnings("NonApiType") // a HashMap field on purpose: see states
  public void update(Snapshot served) {
    Map<String, Guardrail> wanted = new LinkedHashMap<>();
    for (CompiledFlag f : served.flagList()) {
      Guardrail g = f.guardrail();
      if (g != null) {
        wanted.put(f.key(), g);
      }
    }
    wanted.putAll(fromCode);
    HashMap<String, GuardState> old = states;
    HashMap<String, GuardState> next = new HashMap<>();
    for (Map.Entry<String, Guardrail> e : wanted.entrySet()) {
      GuardState s = old.get(e.getKey());
      next.put(
          e.getKey(),
          s != null && s.guardrail.equals(e.getValue())
              ? s
              : new GuardState(e.getKey(), e.getValue()));
    }
    states = next;
  }

  /**
   * The guardrail in force for a flag.
   *
   * @param flagKey the flag
   * @return the guardrail, or null
   */
  public @Nullable Guardrail guardrail(String flagKey) {
    GuardState s = states.get(flagKey);
    return s == null ? null : s.guardrail;
  }

  /**
   * The trips in force (not yet restored), by flag key.
   *
   * @return a new map
   */
  public Map<String, Trip> trips() {
    Map<String, Trip> out = new LinkedHashMap<>();
    for (GuardState s : states.values()) {
      Trip t = s.trip();
      if (t != null) {
        out.put(s.flagKey, t);
      }
    }
    return out;
  }

  /**
   * Forgets a flag's trip and window: an operator restored it.
   *
   * @param flagKey the flag
   * @return true if it had tripped
   */
  public boolean reset(String flagKey) {
    GuardState s = states.get(flagKey);
    if (s == null) {
      return false;
    }
    boolean had = s.trip() != null;
    s.reset();
    return had;
  }

  /**
   * Reports an outcome of the code behind a flag. Allocation-free unless it trips.
   *
   * @param snapshot the snapshot the client serves
   * @param flagKey the flag
   * @param context who the code ran for
   * @param failed whether it failed
   * @param latencyNanos how long it took, or a negative number when not timed
   */
  public void record(
      Snapshot snapshot, String flagKey, Context context, boolean failed, long latencyNanos) {
    GuardState s = states.get(flagKey);
    if (s == null) {
      return;
    }
    CompiledFlag flag = snapshot.flag(flagKey);
    if (flag == null) {
      return;
    }
    Evaluation e;
    try {
      e = Evaluator.evaluate(snapshot, flag, context);
    } catch (RuntimeException | StackOverflowError ex) {
      return; // the client's own evaluation never throws either
    }
    add(s, flag, e.variant(), failed, latencyNanos);
  }

  /**
   * Runs the path the flag chose for a context: {@code newPath} when the context was served a
   * variant other than the off-variant, else {@code oldPath}. A guarded flag counts the outcome
   * (and its duration) against the served variant; when {@code newPath} throws, the failure is
   * counted and {@code oldPath} runs instead.
   *
   * @param flag the flag, or null when the snapshot has none
   * @param result the evaluation that chose
   * @param newPath the code behind the flag
   * @param oldPath the code without it
   * @param <T> the result type
   * @return what the path that ran returned
   */
  public <T> T guard(
      @Nullable CompiledFlag flag, Evaluation result, Supplier<T> newPath, Supplier<T> oldPath) {
    String variant = result.variant();
    if (flag == null || variant == null) {
      return oldPath.get();
    }
    GuardState s = states.get(flag.key());
    boolean control = variant.equals(flag.offVariantName());
    Supplier<T> path = control ? oldPath : newPath;
    if (s == null) {
      if (control) {
        return oldPath.get();
      }
      try {
        return newPath.get();
      } catch (RuntimeException e) {
        return oldPath.get();
      }
    }
    long start = nanoTime.getAsLong();
    T out;
    try {
      out = path.get();
    } catch (RuntimeException e) {
      add(s, flag, variant, true, nanoTime.getAsLong() - start);
      if (control) {
        throw e;
      }
      return oldPath.get();
    }
    add(s, flag, variant, false, nanoTime.getAsLong() - start);
    return out;
  }

  private void add(
      GuardState s, CompiledFlag flag, @Nullable String variant, boolean failed, long nanos) {
    if (variant == null) {
      return; // no variant applies: neither control nor new
    }
    String off = flag.offVariantName();
    Trip t = s.add(clock.millis(), variant.equals(off), failed, nanos, off);
    if (t != null) {
      onTrip.accept(t);
    }
  }
}
