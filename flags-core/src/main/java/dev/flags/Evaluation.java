package dev.flags;

import java.util.List;
import java.util.Objects;
import java.util.Set;
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
  /**
   * Facts about how a result was reached, fixed when the document is compiled (so reading one
   * costs a field read). Adapters use them to map reasons (OpenFeature's {@code SPLIT} and {@code
   * STATIC}) and to skip work; see {@link #has(Trait)}.
   *
   * @since 0.1.0
   */
  public enum Trait {
    /** A percentage rollout picked the variant by the context's bucket. */
    ROLLOUT,
    /**
     * The flag has no targets, rules, prerequisites or schedule and its fallthrough serves one
     * fixed variant: every context gets this result while the document stands (operators' kills
     * and overrides aside).
     */
    STATIC,
    /**
     * Nothing but the context key decided this result: evaluating the flag with a context that
     * has the same key and no attributes gives the same result. Kills, the document's kill
     * switch, overrides, schedules, targets of a flag without prerequisites, a fallthrough of a
     * flag without prerequisites or rules (bucketed by the key, if a rollout), and errors other
     * than {@link ErrorCode#GENERAL} and {@link ErrorCode#INVALID_CONTEXT}.
     */
    KEY_ONLY
  }

  private final @Nullable Object value;
  private final @Nullable String valueJson;
  private final @Nullable String variant;
  private final Reason reason;
  private final @Nullable String ruleId;
  private final @Nullable String prerequisiteKey;
  private final @Nullable ErrorCode errorCode;
  private final String version;
  private final boolean rollout;
  private final boolean isStatic;
  private final boolean keyOnly;
  private final List<String> attributes;

  /**
   * The last typed view of this result, reused while callers read it the same way (see {@link
   * Detail}). A plain field on purpose: details are immutable, so a racing reader sees a complete
   * one or builds its own.
   */
  @Nullable
  Detail<?> detail;

  private Evaluation(
      @Nullable Object value,
      @Nullable String valueJson,
      @Nullable String variant,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisiteKey,
      @Nullable ErrorCode errorCode,
      String version,
      Set<Trait> traits,
      List<String> attributes) {
    this.value = value;
    this.valueJson = valueJson;
    this.variant = variant;
    this.reason = reason;
    this.ruleId = ruleId;
    this.prerequisiteKey = prerequisiteKey;
    this.errorCode = errorCode;
    this.version = version;
    this.rollout = traits.contains(Trait.ROLLOUT);
    this.isStatic = traits.contains(Trait.STATIC);
    this.keyOnly = traits.contains(Trait.KEY_ONLY);
    this.attributes = List.copyOf(attributes);
  }

  /**
   * A result that served a variant, without {@link Trait traits}. Used by tests; applications
   * receive evaluations from {@link Flags}.
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
    return served(
        value, valueJson, variant, reason, ruleId, prerequisiteKey, version, Set.of(), List.of());
  }

  /**
   * A result that served a variant, with the {@link Trait traits} of how it was reached and the
   * attributes the flag reads. Used by the compiler and by tests.
   *
   * @param value the variant's value, as for {@link #served(Object, String, String, Reason,
   *     String, String, String)}
   * @param valueJson the value as compact JSON text
   * @param variant the variant name
   * @param reason why it was served
   * @param ruleId the matching rule's id for {@link Reason#RULE_MATCH}, else null
   * @param prerequisiteKey the failed prerequisite for {@link Reason#PREREQUISITE_FAILED}, else null
   * @param version the document version
   * @param traits how the result was reached
   * @param attributes see {@link #attributes()}
   * @return the evaluation
   */
  public static Evaluation served(
      Object value,
      String valueJson,
      String variant,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisiteKey,
      String version,
      Set<Trait> traits,
      List<String> attributes) {
    return new Evaluation(
        Objects.requireNonNull(value, "value"),
        Objects.requireNonNull(valueJson, "valueJson"),
        Objects.requireNonNull(variant, "variant"),
        Objects.requireNonNull(reason, "reason"),
        ruleId,
        prerequisiteKey,
        null,
        Objects.requireNonNull(version, "version"),
        Objects.requireNonNull(traits, "traits"),
        Objects.requireNonNull(attributes, "attributes"));
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
        Objects.requireNonNull(version, "version"),
        // The flag key, the flag's type and the client's readiness decided; the context did not.
        errorCode == ErrorCode.GENERAL || errorCode == ErrorCode.INVALID_CONTEXT
            ? Set.of()
            : Set.of(Trait.KEY_ONLY),
        List.of());
  }

  /**
   * A result that served the caller's default because no variant applies (see {@link
   * Reason#DEFAULT}).
   *
   * @param version the document version
   * @return the evaluation
   */
  public static Evaluation noVariant(String version) {
    return noVariant(version, List.of());
  }

  /**
   * Like {@link #noVariant(String)}, with the attributes the flag reads.
   *
   * @param version the document version
   * @param attributes see {@link #attributes()}
   * @return the evaluation
   */
  public static Evaluation noVariant(String version, List<String> attributes) {
    return new Evaluation(
        null,
        null,
        null,
        Reason.DEFAULT,
        null,
        null,
        null,
        Objects.requireNonNull(version, "version"),
        Set.of(),
        Objects.requireNonNull(attributes, "attributes"));
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
   * Whether this result has a trait: how it was reached, fixed when the document was compiled.
   * Allocation-free.
   *
   * @param trait the trait
   * @return true if the result has it
   */
  public boolean has(Trait trait) {
    return switch (trait) {
      case ROLLOUT -> rollout;
      case STATIC -> isStatic;
      case KEY_ONLY -> keyOnly;
    };
  }

  /**
   * The names of the context attributes that evaluating this flag may read, besides the key: the
   * attributes of its rules' conditions and of the segments they test, its rollouts' {@code
   * bucketBy}, and those of its prerequisites, sorted. Fixed when the document is compiled; empty
   * for errors and for results that no attribute can change ({@link Trait#KEY_ONLY}). An adapter
   * that copies attributes into a {@link Context} from another representation needs only these to
   * evaluate the flag again (on the same {@link FlagSnapshot}) with the same result. The names
   * are interned ({@link String#intern()}).
   *
   * @return the attribute names, unmodifiable
   */
  public List<String> attributes() {
    return attributes;
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
