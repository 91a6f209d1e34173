package dev.flags;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How many evaluations of one flag, from one document version, served one variant for one
 * reason: a row of {@link FlagMetrics}. Never holds a context key. Immutable.
 *
 * <p>The OpenTelemetry semantic conventions for feature flags name the attributes: {@link
 * #flagKey()} is {@code feature_flag.key}, {@link #variant()} {@code feature_flag.result.variant},
 * {@link #openTelemetryReason()} {@code feature_flag.result.reason}, {@link #errorType()} {@code
 * error.type} and {@link #version()} {@code feature_flag.version}.
 *
 * @since 0.1.0
 */
public final class EvaluationCount {
  private final String flagKey;
  private final @Nullable String variant;
  private final Reason reason;
  private final boolean rollout;
  private final boolean isStatic;
  private final @Nullable ErrorCode errorCode;
  private final String version;
  private final long count;

  private EvaluationCount(
      String flagKey,
      @Nullable String variant,
      Reason reason,
      boolean rollout,
      boolean isStatic,
      @Nullable ErrorCode errorCode,
      String version,
      long count) {
    this.flagKey = flagKey;
    this.variant = variant;
    this.reason = reason;
    this.rollout = rollout;
    this.isStatic = isStatic;
    this.errorCode = errorCode;
    this.version = version;
    this.count = count;
  }

  static EvaluationCount of(
      String flagKey,
      @Nullable String variant,
      Reason reason,
      boolean rollout,
      boolean isStatic,
      @Nullable ErrorCode errorCode,
      String version,
      long count) {
    return new EvaluationCount(
        Objects.requireNonNull(flagKey),
        variant,
        Objects.requireNonNull(reason),
        rollout,
        isStatic,
        errorCode,
        Objects.requireNonNull(version),
        count);
  }

  /**
   * Returns the flag key; empty for evaluations that failed without a flag ({@link
   * ErrorCode#FLAG_NOT_FOUND}, {@link ErrorCode#NOT_READY}), whose keys are not kept.
   *
   * @return the flag key, or empty
   */
  public String flagKey() {
    return flagKey;
  }

  /**
   * Returns the served variant.
   *
   * @return the variant, or null for {@link Reason#DEFAULT} and {@link Reason#ERROR}
   */
  public @Nullable String variant() {
    return variant;
  }

  /**
   * Returns why the variant was served.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns whether the results counted here have a trait ({@link Evaluation.Trait#ROLLOUT}: a
   * rollout split; {@link Evaluation.Trait#STATIC}: a static flag's fallthrough).
   *
   * @param trait ROLLOUT or STATIC
   * @return true if they have it; always false for KEY_ONLY, which is not counted apart
   */
  public boolean has(Evaluation.Trait trait) {
    return switch (trait) {
      case ROLLOUT -> rollout;
      case STATIC -> isStatic;
      case KEY_ONLY -> false;
    };
  }

  /**
   * Returns the error.
   *
   * @return the error code for {@link Reason#ERROR}, else null
   */
  public @Nullable ErrorCode errorCode() {
    return errorCode;
  }

  /**
   * Returns the document version the evaluations read (empty before the first document).
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * Returns the number of evaluations.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Returns the reason as the OpenTelemetry semantic conventions spell {@code
   * feature_flag.result.reason}: {@code targeting_match} (a target or a rule), {@code split} (a
   * rollout), {@code static} (a static flag's fallthrough), {@code default} (another
   * fallthrough, or no variant), {@code disabled} (killed, switched off in the document, or
   * outside its schedule), {@code error}, and two of this library's own, {@code override} and
   * {@code prerequisite_failed}.
   *
   * @return the lower-case reason
   */
  public String openTelemetryReason() {
    if (rollout) {
      return "split";
    }
    return switch (reason) {
      case TARGET_MATCH, RULE_MATCH -> "targeting_match";
      case FALLTHROUGH -> isStatic ? "static" : "default";
      case KILLED, DISABLED, OUTSIDE_SCHEDULE -> "disabled";
      case OVERRIDE -> "override";
      case PREREQUISITE_FAILED -> "prerequisite_failed";
      case DEFAULT -> "default";
      case ERROR -> "error";
    };
  }

  /**
   * Returns the error code in lower case, as OpenTelemetry's {@code error.type}.
   *
   * @return for example {@code flag_not_found}, or null when not an error
   */
  public @Nullable String errorType() {
    return errorCode == null ? null : errorCode.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return (flagKey.isEmpty() ? "(no flag)" : flagKey) + (variant == null ? "" : "=" + variant)
        + " " + reason + (rollout ? " (split)" : "") + (errorCode == null ? "" : " " + errorCode)
        + " version " + version + ": " + count;
  }
}
