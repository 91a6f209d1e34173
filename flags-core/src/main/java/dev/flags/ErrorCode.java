package dev.flags;

/**
 * Why an evaluation returned the caller's default instead of a variant.
 *
 * @since 0.1.0
 */
public enum ErrorCode {
  /** No flag document has been loaded yet. */
  NOT_READY,
  /** The current snapshot has no flag with this key. */
  FLAG_NOT_FOUND,
  /** The flag's variants are not of the type the caller asked for. */
  TYPE_MISMATCH,
  /** The context was null. */
  INVALID_CONTEXT,
  /** An unexpected internal error; logged once per flag. */
  GENERAL
}
