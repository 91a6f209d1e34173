package dev.flags.internal.snapshot;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import dev.flags.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Evaluation counters of one base snapshot: one {@code long} per (flag, variant, reason kind),
 * laid out when the counters are made, so that counting an evaluation is an index computation
 * and one atomic add, with no lookup by name and no allocation.
 *
 * <p>Layout: flag {@code f} owns the slots from {@code offset[f]}: {@link #KINDS} per declared
 * variant (the served reasons, with rollouts apart), then one for {@link Reason#DEFAULT} and one
 * per {@link ErrorCode}. The last {@link #ERROR_SLOTS} slots of the table count errors without a
 * flag (an unknown flag, a client not ready).
 *
 * <p>Striped: the slots exist once per stripe (a power of two, about twice the processors) in
 * separate arrays, padded against false sharing; a thread adds to the stripe its id picks. Adds
 * are atomic, so no count is lost when two threads share a stripe; {@link #sums} reads every
 * stripe. The one mutable part of a snapshot, and only when metrics are on.
 */
public final class EvaluationCounters {
  /**
   * Served kinds per variant: reasons TARGET_MATCH to PREREQUISITE_FAILED (by ordinal), then two
   * splits, then the fallthrough of a static flag.
   */
  public static final int KINDS = 11;

  /** Slot of a rule's rollout (a split), relative to the variant's first slot. */
  public static final int RULE_SPLIT = 8;

  /** Slot of the fallthrough's rollout (a split), relative to the variant's first slot. */
  public static final int FALLTHROUGH_SPLIT = 9;

  /** Slot of a static flag's fallthrough, relative to the variant's first slot. */
  public static final int STATIC_FALLTHROUGH = 10;

  /** Slots per flag after its variants': DEFAULT, then one per error code. */
  public static final int FLAG_SLOTS = 1 + ErrorCode.values().length;

  /** Slots at the end of the table for errors without a flag, one per error code. */
  public static final int ERROR_SLOTS = ErrorCode.values().length;

  /** Longs after each stripe's slots, so that two stripes never share a cache line. */
  private static final int PAD = 16;

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int STRIPES = stripes(Runtime.getRuntime().availableProcessors());

  private final int[] offsets;
  private final int size;
  private final long[][] stripes;
  private final int mask;

  private EvaluationCounters(int[] offsets, int size, int stripeCount) {
    this.offsets = offsets;
    this.size = size;
    this.stripes = new long[stripeCount][size + PAD];
    this.mask = stripeCount - 1;
  }

  /**
   * Counters for every flag of {@code snapshot}.
   *
   * @param snapshot a base snapshot
   * @return zeroed counters
   */
  public static EvaluationCounters of(Snapshot snapshot) {
    return of(snapshot, STRIPES);
  }

  static EvaluationCounters of(Snapshot snapshot, int stripeCount) {
    if (Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripes must be a power of two: " + stripeCount);
    }
    int n = snapshot.size();
    int[] offsets = new int[n];
    int next = 0;
    for (CompiledFlag f : snapshot.flagList()) {
      offsets[f.index] = next;
      next += slotsOf(f);
    }
    return new EvaluationCounters(offsets, next + ERROR_SLOTS, stripeCount);
  }

  /** The number of stripes for {@code processors}: the power of two at or above twice it, 2..64. */
  static int stripes(int processors) {
    int wanted = Math.max(2, Math.min(64, 2 * processors));
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  /**
   * The slots a flag owns.
   *
   * @param f a flag
   * @return its variant count times {@link #KINDS}, plus {@link #FLAG_SLOTS}
   */
  public static int slotsOf(CompiledFlag f) {
    return f.variantNames.length * KINDS + FLAG_SLOTS;
  }

  /**
   * The first slot of a flag.
   *
   * @param f a flag of the snapshot these counters were made for
   * @return the offset
   */
  public int offset(CompiledFlag f) {
    return offsets[f.index];
  }

  /**
   * The number of slots, error slots included.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Counts one evaluation of {@code flag} that returned {@code result}. Allocation-free.
   *
   * @param flag a flag of the snapshot these counters were made for
   * @param result what the evaluation returned
   */
  public void count(CompiledFlag flag, Evaluation result) {
    add(offsets[flag.index] + slot(flag, result));
  }

  /**
   * Counts one evaluation that failed without a flag (unknown flag, client not ready).
   *
   * @param code the error
   */
  @SuppressWarnings("EnumOrdinal") // a slot per code, sized by ErrorCode.values()
  public void countWithoutFlag(ErrorCode code) {
    add(size - ERROR_SLOTS + code.ordinal());
  }

  private void add(int slot) {
    long[] stripe = stripes[(int) Thread.currentThread().getId() & mask];
    LONGS.getAndAdd(stripe, slot, 1L);
  }

  /** The slot of {@code result} relative to the flag's offset. */
  // Reason and error ordinals index the layout above, which is sized from the enums.
  @SuppressWarnings("EnumOrdinal")
  static int slot(CompiledFlag flag, Evaluation result) {
    String[] names = flag.variantNames;
    ErrorCode error = result.errorCode();
    if (error != null) {
      return names.length * KINDS + 1 + error.ordinal();
    }
    String variant = result.variant();
    if (variant == null) {
      return names.length * KINDS; // DEFAULT: no variant applies
    }
    int v = variantIndex(names, variant);
    if (v < 0) {
      return names.length * KINDS;
    }
    Reason reason = result.reason();
    int kind = reason.ordinal();
    if (result.has(Evaluation.Trait.ROLLOUT)) {
      kind = reason == Reason.RULE_MATCH ? RULE_SPLIT : FALLTHROUGH_SPLIT;
    } else if (result.has(Evaluation.Trait.STATIC)) {
      kind = STATIC_FALLTHROUGH;
    }
    return v * KINDS + kind;
  }

  /** Results hold the flag's own name strings: compared by identity first, then by value. */
  @SuppressWarnings("ReferenceEquality") // identity on purpose, see above
  private static int variantIndex(String[] names, String variant) {
    for (int i = 0; i < names.length; i++) {
      if (names[i] == variant) {
        return i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(variant)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Every slot summed over the stripes, at about this moment (adds racing with the read may or
   * may not be seen).
   *
   * @return the sums, {@link #size()} long
   */
  public long[] sums() {
    long[] out = new long[size];
    for (long[] stripe : stripes) {
      for (int i = 0; i < size; i++) {
        out[i] += (long) LONGS.getOpaque(stripe, i);
      }
    }
    return out;
  }
}
