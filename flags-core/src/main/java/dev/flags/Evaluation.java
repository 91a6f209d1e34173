package dev.flags;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The full result of evaluating a flag: the value, the variant it came from, why, and from which
 * document version.
 *
 * <p>Results are precomputed when a document is compiled, so {@link Flags#evaluate(String,
 * Context)} returns a shared, immutable instance and allocates nothing. Thread-safe.
 *
 * <pre>{@code
 * Evaluation e = flags.evaluate("new-checkout", user);
 * log.info("new-checkout={} variant={} reason={} rule={} version={}",
 *     e.value(), e.variant(), e.reason(), e.ruleId(), e.version());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Evaluation {
  private final @Nullable Object value;
  private final @Nullable String valueJson;
  private final @Nullable String variant;
  private final Reason reason;
  private final @Nullable String ruleId;
  private final @Nullable String prerequisiteKey;
  private final @Nullable ErrorCode errorCode;
  private final String version;

  private Evaluation(
      @Nullable Object value,
      @Nullable String valueJson,
      @Nullable String variant,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisiteKey,
      @Nullable ErrorCode errorCode,
      String version) {
    this.value = value;
    this.valueJson = valueJson;
    this.variant = variant;
    this.reason = reason;
    this.ruleId = ruleId;
    this.prerequisiteKey = prerequisiteKey;
    this.errorCode = errorCode;
    this.version = version;
  }

  /**
   * A result that served a variant. Used by the compiler and by tests; applications receive
   * evaluations from {@link Flags}.
   *
   * @param value the variant's value: {@code Boolean}, {@code String}, {@code Long}, {@code
   *     Double}, or an unmodifiable {@code Map}/{@code List} for JSON variants
   * @param valueJson the value as compact JSON text
   * @param variant the variant name
   * @param reason why it was served
   * @param ruleId the matching rule's id for {@link Reason#RULE_MATCH}, else null
   * @param prerequisiteKey the failed prerequisite for {@link Reason#PREREQUISITE_FAILED}, else null
   * @param version the document version
   * @return the evaluation
   */
  public static Evaluation served(
      Object value,
      String valueJson,
      String variant,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisiteKey,
      String version) {
    return new Evaluation(
        Objects.requireNonNull(value, "value"),
        Objects.requireNonNull(valueJson, "valueJson"),
        Objects.requireNonNull(variant, "variant"),
        Objects.requireNonNull(reason, "reason"),
        ruleId,
        prerequisiteKey,
        null,
        Objects.requireNonNull(version, "version"));
  }

  /**
   * A result that served the caller's default because of an error.
   *
   * @param errorCode why
   * @param version the document version, empty when none is loaded
   * @return the evaluation
   */
  public static Evaluation error(ErrorCode errorCode, String version) {
    return new Evaluation(
        null,
        null,
        null,
        Reason.ERROR,
        null,
        null,
        Objects.requireNonNull(errorCode, "errorCode"),
        Objects.requireNonNull(version, "version"));
  }

  /**
   * A result that served the caller's default because no variant applies (see {@link
   * Reason#DEFAULT}).
   *
   * @param version the document version
   * @return the evaluation
   */
  public static Evaluation noVariant(String version) {
    return new Evaluation(
        null,
        null,
        null,
        Reason.DEFAULT,
        null,
        null,
        null,
        Objects.requireNonNull(version, "version"));
  }

  /**
   * The served value.
   *
   * @return a {@code Boolean}, {@code String}, {@code Long} (integral numbers), {@code Double},
   *     unmodifiable {@code Map<String, Object>} or {@code List<Object>} (JSON variants); null
   *     when no variant was served (then the caller's default applies)
   */
  public @Nullable Object value() {
    return value;
  }

  /**
   * The served value as compact JSON text.
   *
   * @return the JSON text, or null when no variant was served
   */
  public @Nullable String valueAsJson() {
    return valueJson;
  }

  /**
   * The name of the served variant.
   *
   * @return the variant name, or null when no variant was served
   */
  public @Nullable String variant() {
    return variant;
  }

  /**
   * Why this value was served.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The id of the rule that matched.
   *
   * @return the rule id when {@link #reason()} is {@link Reason#RULE_MATCH}, else null
   */
  public @Nullable String ruleId() {
    return ruleId;
  }

  /**
   * The prerequisite flag that was not satisfied.
   *
   * @return its key when {@link #reason()} is {@link Reason#PREREQUISITE_FAILED}, else null
   */
  public @Nullable String prerequisiteKey() {
    return prerequisiteKey;
  }

  /**
   * What went wrong.
   *
   * @return the error code when {@link #reason()} is {@link Reason#ERROR}, else null
   */
  public @Nullable ErrorCode errorCode() {
    return errorCode;
  }

  /**
   * Whether the evaluation failed (the caller's default applies).
   *
   * @return true when {@link #errorCode()} is not null
   */
  public boolean isError() {
    return errorCode != null;
  }

  /**
   * The version of the flag document this result came from.
   *
   * @return the document's {@code version} string, empty before any document is loaded
   */
  public String version() {
    return version;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Evaluation{");
    if (variant != null) {
      sb.append("variant=").append(variant).append(", value=").append(valueJson).append(", ");
    }
    sb.append("reason=").append(reason);
    if (ruleId != null) {
      sb.append(", ruleId=").append(ruleId);
    }
    if (prerequisiteKey != null) {
      sb.append(", prerequisite=").append(prerequisiteKey);
    }
    if (errorCode != null) {
      sb.append(", errorCode=").append(errorCode);
    }
    return sb.append(", version=").append(version).append('}').toString();
  }
}
