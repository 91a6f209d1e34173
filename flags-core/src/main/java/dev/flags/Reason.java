package dev.flags;

/**
 * Why an evaluation produced its value.
 *
 * @since 0.1.0
 */
public enum Reason {
  /** The context key is listed in one of the flag's individual targets. */
  TARGET_MATCH,
  /** A rule matched; {@link Evaluation#ruleId()} says which. */
  RULE_MATCH,
  /** No target or rule matched; the flag's fallthrough variant or rollout was served. */
  FALLTHROUGH,
  /**
   * The flag was killed at runtime by an operator ({@link Flags#kill}, {@link Flags#killTag}):
   * the off-variant is served. Beats everything, including the document.
   */
  KILLED,
  /** The flag is switched off in the document (its kill switch): the off-variant is served. */
  DISABLED,
  /** A local override ({@link Flags#override}) forced the variant. */
  OVERRIDE,
  /** The flag's schedule has no window containing the current time: the off-variant is served. */
  OUTSIDE_SCHEDULE,
  /** A prerequisite flag did not serve the required variant: the off-variant is served. */
  PREREQUISITE_FAILED,
  /**
   * No variant applies to this context (e.g. the fallthrough rollout buckets by an attribute the
   * context lacks): the caller's default is served, without an error.
   */
  DEFAULT,
  /** The evaluation failed; the caller's default is served and {@link Evaluation#errorCode()} says why. */
  ERROR
}
