package dev.flags;

/**
 * Evaluates flags. Implemented by the client {@link Flags} (always the latest snapshot) and by
 * {@link FlagSnapshot} (one snapshot, pinned for the length of a request). Application code can
 * depend on this interface. Implementations are thread-safe, never throw from evaluation methods,
 * and allocate nothing for a pre-built context.
 *
 * @since 0.1.0
 */
public interface FlagEvaluator {
  /**
   * Whether a boolean flag is on for an anonymous context ({@link Context#EMPTY}).
   *
   * @param flagKey the flag key
   * @return the flag's value, or {@code false} on any error
   */
  boolean isEnabled(String flagKey);

  /**
   * Whether a boolean flag is on for this context.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @return the flag's value, or {@code false} when the flag is unknown, not boolean, the context
   *     is null, no variant applies, or anything else goes wrong
   */
  boolean isEnabled(String flagKey, Context context);

  /**
   * Whether a boolean flag is on for this context, with the caller's answer for when the client
   * cannot say: a kill switch that must stay on when flags are unavailable passes {@code true}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned when the flag is unknown, not boolean, the context is null, no
   *     variant applies, the client is not ready, or anything else goes wrong
   * @return the flag's value, or {@code defaultValue}
   */
  boolean isEnabled(String flagKey, Context context, boolean defaultValue);

  /**
   * The value of a string flag.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error or when no variant applies
   * @return the value
   */
  String getString(String flagKey, Context context, String defaultValue);

  /**
   * The value of a number flag as an {@code int}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error, when no variant applies, or when the value is not
   *     an integer in {@code int} range
   * @return the value
   */
  int getInt(String flagKey, Context context, int defaultValue);

  /**
   * The value of a number flag as a {@code long}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error, when no variant applies, or when the value is not
   *     an integer
   * @return the value
   */
  long getLong(String flagKey, Context context, long defaultValue);

  /**
   * The value of a number flag as a {@code double}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error or when no variant applies
   * @return the value
   */
  double getDouble(String flagKey, Context context, double defaultValue);

  /**
   * The value of a JSON flag (object or array variants) as compact JSON text.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultJson returned on any error or when no variant applies
   * @return the JSON text
   */
  String getJson(String flagKey, Context context, String defaultJson);

  /**
   * Evaluates a flag of any type with full details: value, variant, reason, rule id, error code
   * and document version. Allocation-free: the result is a shared precomputed instance.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @return the evaluation; on error its {@link Evaluation#value()} is null and {@link
   *     Evaluation#errorCode()} says why
   */
  Evaluation evaluate(String flagKey, Context context);

  /**
   * A boolean flag's value with the reason, from one snapshot.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue the value when the client cannot answer (see {@link #isEnabled(String,
   *     Context, boolean)})
   * @return the value and why; allocation-free in the steady state
   */
  Detail<Boolean> booleanDetail(String flagKey, Context context, boolean defaultValue);

  /**
   * A string flag's value with the reason, from one snapshot.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue the value when the client cannot answer
   * @return the value and why
   */
  Detail<String> stringDetail(String flagKey, Context context, String defaultValue);

  /**
   * A number flag's value as an {@code int} with the reason, from one snapshot. A value that is
   * not an integer in {@code int}'s range gives the default with {@link ErrorCode#TYPE_MISMATCH}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue the value when the client cannot answer
   * @return the value and why
   */
  Detail<Integer> intDetail(String flagKey, Context context, int defaultValue);

  /**
   * A number flag's value as a {@code long} with the reason, from one snapshot. A value that is
   * not an integer gives the default with {@link ErrorCode#TYPE_MISMATCH}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue the value when the client cannot answer
   * @return the value and why
   */
  Detail<Long> longDetail(String flagKey, Context context, long defaultValue);

  /**
   * A number flag's value as a {@code double} with the reason, from one snapshot.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue the value when the client cannot answer
   * @return the value and why
   */
  Detail<Double> doubleDetail(String flagKey, Context context, double defaultValue);

  /**
   * A JSON flag's value as compact JSON text with the reason, from one snapshot.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultJson the JSON text when the client cannot answer
   * @return the value and why
   */
  Detail<String> jsonDetail(String flagKey, Context context, String defaultJson);

  /**
   * The version of the document this evaluator serves.
   *
   * @return the version, empty before the first document
   */
  String version();
}
