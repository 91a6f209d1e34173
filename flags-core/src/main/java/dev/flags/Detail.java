package dev.flags;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed result: the value the caller gets (the served value, or the caller's default when none
 * applies) together with why, from one snapshot. Returned by {@link
 * FlagEvaluator#booleanDetail}, {@link FlagEvaluator#stringDetail} and their siblings; use {@link
 * FlagEvaluator#evaluate} for the untyped result.
 *
 * <pre>{@code
 * Detail<Boolean> d = flags.booleanDetail("payments-enabled", user, true);
 * if (d.usedDefault()) {
 *   log.debug("payments-enabled: default {} ({} {})", d.value(), d.reason(), d.errorCode());
 * }
 * }</pre>
 *
 * <p>A result the document decides is built once per compiled result and shared afterwards, so
 * reading a detail allocates nothing in the steady state; a result where the caller's default
 * applies is shared while callers pass the same default. Immutable and thread-safe.
 *
 * @param <T> {@code Boolean}, {@code String}, {@code Integer}, {@code Long} or {@code Double}
 * @since 0.1.0
 */
public final class Detail<T> {
  /** What a detail was read as: a cached detail is reused only for the same kind. */
  enum Kind {
    BOOLEAN,
    STRING,
    INT,
    LONG,
    DOUBLE,
    JSON
  }

  private final Kind kind;
  private final T value;
  private final boolean usedDefault;
  private final Evaluation evaluation;

  private Detail(Kind kind, T value, boolean usedDefault, Evaluation evaluation) {
    this.kind = kind;
    this.value = value;
    this.usedDefault = usedDefault;
    this.evaluation = evaluation;
  }

  /**
   * The value the caller gets: the served value, or the caller's default when {@link
   * #usedDefault()}.
   *
   * @return the value, never null
   */
  public T value() {
    return value;
  }

  /**
   * Whether {@link #value()} is the caller's default: an error (see {@link #errorCode()}), no
   * variant served, or a served value of another type.
   *
   * @return true if the default applied
   */
  public boolean usedDefault() {
    return usedDefault;
  }

  /**
   * The served variant.
   *
   * @return the variant name, or null when the default applied
   */
  public @Nullable String variant() {
    return usedDefault ? null : evaluation.variant();
  }

  /**
   * Why this value was served: {@link Reason#ERROR} with an {@link #errorCode()} when the
   * evaluation failed, including when the served value has another type ({@link
   * ErrorCode#TYPE_MISMATCH}).
   *
   * @return the reason
   */
  public Reason reason() {
    return usedDefault && evaluation.value() != null ? Reason.ERROR : evaluation.reason();
  }

  /**
   * What went wrong, if anything.
   *
   * @return the error code, or null
   */
  public @Nullable ErrorCode errorCode() {
    return usedDefault && evaluation.value() != null
        ? ErrorCode.TYPE_MISMATCH
        : evaluation.errorCode();
  }

  /**
   * The id of the rule that matched.
   *
   * @return the rule id, or null
   */
  public @Nullable String ruleId() {
    return usedDefault ? null : evaluation.ruleId();
  }

  /**
   * The version of the document the result came from.
   *
   * @return the version, empty before any document is served
   */
  public String version() {
    return evaluation.version();
  }

  /**
   * The untyped evaluation behind this result (traits, attributes, prerequisite).
   *
   * @return the evaluation
   */
  public Evaluation evaluation() {
    return evaluation;
  }

  @Override
  public String toString() {
    return "Detail{value="
        + value
        + (usedDefault ? " (default)" : "")
        + ", variant="
        + variant()
        + ", reason="
        + reason()
        + (errorCode() != null ? ", errorCode=" + errorCode() : "")
        + ", version="
        + version()
        + "}";
  }

  // Each factory reuses the detail cached on the evaluation when it says the same thing, and
  // caches a new one otherwise. The cache is a plain field on purpose: a detail is immutable
  // (final fields), so a racing reader sees a complete one or builds its own.

  static Detail<Boolean> ofBoolean(Evaluation e, boolean defaultValue) {
    Object v = e.value();
    boolean served = v instanceof Boolean;
    boolean value = v instanceof Boolean b ? b : defaultValue;
    Detail<?> c = e.detail;
    if (c != null
        && c.kind == Kind.BOOLEAN
        && c.usedDefault != served
        && (Boolean) c.value == value) {
      @SuppressWarnings("unchecked") // its kind says so
      Detail<Boolean> same = (Detail<Boolean>) c;
      return same;
    }
    return cache(e, new Detail<>(Kind.BOOLEAN, value, !served, e));
  }

  static Detail<String> ofString(Evaluation e, String defaultValue, Kind kind) {
    Object v = kind == Kind.JSON ? e.valueAsJson() : e.value();
    boolean served = v instanceof String;
    String value =
        v instanceof String str ? str : Objects.requireNonNull(defaultValue, "defaultValue");
    Detail<?> c = e.detail;
    if (c != null && c.kind == kind && c.usedDefault != served && c.value.equals(value)) {
      @SuppressWarnings("unchecked") // its kind says so
      Detail<String> same = (Detail<String>) c;
      return same;
    }
    return cache(e, new Detail<>(kind, value, !served, e));
  }

  static Detail<Integer> ofInt(Evaluation e, int defaultValue) {
    Object v = e.value();
    boolean served = v instanceof Long l && l == l.intValue();
    int value = served && v instanceof Long l ? l.intValue() : defaultValue;
    Detail<?> c = e.detail;
    if (c != null && c.kind == Kind.INT && c.usedDefault != served && (Integer) c.value == value) {
      @SuppressWarnings("unchecked") // its kind says so
      Detail<Integer> same = (Detail<Integer>) c;
      return same;
    }
    return cache(e, new Detail<>(Kind.INT, value, !served, e));
  }

  static Detail<Long> ofLong(Evaluation e, long defaultValue) {
    Object v = e.value();
    boolean served = v instanceof Long;
    long value = v instanceof Long l ? l : defaultValue;
    Detail<?> c = e.detail;
    if (c != null && c.kind == Kind.LONG && c.usedDefault != served && (Long) c.value == value) {
      @SuppressWarnings("unchecked") // its kind says so
      Detail<Long> same = (Detail<Long>) c;
      return same;
    }
    return cache(e, new Detail<>(Kind.LONG, value, !served, e));
  }

  static Detail<Double> ofDouble(Evaluation e, double defaultValue) {
    Object v = e.value();
    boolean served = v instanceof Number;
    double value = v instanceof Number n ? n.doubleValue() : defaultValue;
    Detail<?> c = e.detail;
    if (c != null
        && c.kind == Kind.DOUBLE
        && c.usedDefault != served
        && Double.compare((Double) c.value, value) == 0) {
      @SuppressWarnings("unchecked") // its kind says so
      Detail<Double> same = (Detail<Double>) c;
      return same;
    }
    return cache(e, new Detail<>(Kind.DOUBLE, value, !served, e));
  }

  private static <T> Detail<T> cache(Evaluation e, Detail<T> d) {
    e.detail = d;
    return d;
  }
}
