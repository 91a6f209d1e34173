package dev.flags;

import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.EvaluationCounters;
import dev.flags.internal.snapshot.Evaluator;
import dev.flags.internal.snapshot.ExposureTap;
import dev.flags.internal.snapshot.FlagDocument.ValueType;
import dev.flags.internal.snapshot.Snapshot;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation methods shared by {@link Flags} and {@link FlagSnapshot}; subclasses say which
 * snapshot to read. Each public method reads the snapshot once.
 */
abstract class EvaluationSupport implements FlagEvaluator {
  private static final Logger EVALUATION_LOG = LoggerFactory.getLogger("dev.flags.evaluation");

  private final Warnings warnings;

  EvaluationSupport(Warnings warnings) {
    this.warnings = warnings;
  }

  /** The snapshot to evaluate against; read once per evaluation. */
  abstract Snapshot current();

  @Override
  public boolean isEnabled(String flagKey) {
    return isEnabled(flagKey, Context.EMPTY);
  }

  @Override
  public boolean isEnabled(String flagKey, Context context) {
    Object v = evaluation(current(), flagKey, context, ValueType.BOOLEAN).value();
    return v != null && (Boolean) v;
  }

  @Override
  public boolean isEnabled(String flagKey, Context context, boolean defaultValue) {
    Object v = evaluation(current(), flagKey, context, ValueType.BOOLEAN).value();
    return v != null ? (Boolean) v : defaultValue;
  }

  @Override
  public String getString(String flagKey, Context context, String defaultValue) {
    Object v = evaluation(current(), flagKey, context, ValueType.STRING).value();
    return v != null ? (String) v : defaultValue;
  }

  @Override
  public int getInt(String flagKey, Context context, int defaultValue) {
    Object v = evaluation(current(), flagKey, context, ValueType.NUMBER).value();
    if (v instanceof Long boxed) {
      long l = boxed;
      if (l == (int) l) {
        return (int) l;
      }
    }
    if (v != null) {
      warnings.warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
    }
    return defaultValue;
  }

  @Override
  public long getLong(String flagKey, Context context, long defaultValue) {
    Object v = evaluation(current(), flagKey, context, ValueType.NUMBER).value();
    if (v instanceof Long l) {
      return l;
    }
    if (v != null) {
      warnings.warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
    }
    return defaultValue;
  }

  @Override
  public double getDouble(String flagKey, Context context, double defaultValue) {
    Object v = evaluation(current(), flagKey, context, ValueType.NUMBER).value();
    return v != null ? ((Number) v).doubleValue() : defaultValue;
  }

  @Override
  public String getJson(String flagKey, Context context, String defaultJson) {
    String json = evaluation(current(), flagKey, context, ValueType.JSON).valueAsJson();
    return json != null ? json : defaultJson;
  }

  @Override
  public Evaluation evaluate(String flagKey, Context context) {
    return evaluation(current(), flagKey, context, null);
  }

  @Override
  public Detail<Boolean> booleanDetail(String flagKey, Context context, boolean defaultValue) {
    return Detail.ofBoolean(
        evaluation(current(), flagKey, context, ValueType.BOOLEAN), defaultValue);
  }

  @Override
  public Detail<String> stringDetail(String flagKey, Context context, String defaultValue) {
    return Detail.ofString(
        evaluation(current(), flagKey, context, ValueType.STRING),
        defaultValue,
        Detail.Kind.STRING);
  }

  @Override
  public Detail<Integer> intDetail(String flagKey, Context context, int defaultValue) {
    Detail<Integer> d =
        Detail.ofInt(evaluation(current(), flagKey, context, ValueType.NUMBER), defaultValue);
    if (d.errorCode() == ErrorCode.TYPE_MISMATCH) {
      warnings.warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
    }
    return d;
  }

  @Override
  public Detail<Long> longDetail(String flagKey, Context context, long defaultValue) {
    Detail<Long> d =
        Detail.ofLong(evaluation(current(), flagKey, context, ValueType.NUMBER), defaultValue);
    if (d.errorCode() == ErrorCode.TYPE_MISMATCH) {
      warnings.warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
    }
    return d;
  }

  @Override
  public Detail<Double> doubleDetail(String flagKey, Context context, double defaultValue) {
    return Detail.ofDouble(evaluation(current(), flagKey, context, ValueType.NUMBER), defaultValue);
  }

  @Override
  public Detail<String> jsonDetail(String flagKey, Context context, String defaultJson) {
    return Detail.ofString(
        evaluation(current(), flagKey, context, ValueType.JSON), defaultJson, Detail.Kind.JSON);
  }

  @Override
  public String version() {
    return current().version();
  }

  /**
   * The names of the context attributes that evaluating a flag may read, besides the key: what
   * {@link Evaluation#attributes()} holds for its results that attributes can change. An adapter
   * that copies a context from another representation (an OpenFeature context, a request) needs
   * only these; {@link #evaluate(String, Object, Context.Mapper)} looks them up and evaluates on
   * one snapshot. The names are interned ({@link String#intern()}), so a map keyed by string
   * literals finds them by reference. Allocation-free.
   *
   * @param flagKey the flag key
   * @return the names, sorted and unmodifiable; empty for an unknown flag or one that reads none
   * @since 0.1.0
   */
  public List<String> attributesRead(String flagKey) {
    CompiledFlag flag = current().flag(flagKey);
    return flag == null ? List.of() : flag.attributes();
  }

  /**
   * Evaluates a flag for a caller held in another representation (an OpenFeature context, a web
   * request), building its context once with only the attributes the flag reads: the flag is
   * looked up once, {@code mapper} gets {@linkplain #attributesRead the names it reads}, and the
   * flag is evaluated on the same snapshot, so a reload in between cannot leave an attribute out.
   * The mapper is not called for an unknown flag or before the first document. Never throws: a
   * mapper that throws gives an error result ({@link ErrorCode#GENERAL}, logged once per flag),
   * one that returns null an {@link ErrorCode#INVALID_CONTEXT} result.
   *
   * <pre>{@code
   * Context.Mapper<HttpServletRequest> fromRequest = (request, names) -> ...;
   * Evaluation e = flags.evaluate("new-checkout", request, fromRequest);
   * }</pre>
   *
   * @param <S> the caller's other representation
   * @param flagKey the flag key
   * @param source the caller
   * @param mapper builds the context from {@code source} and the names of the attributes read
   * @return the evaluation, as {@link #evaluate(String, Context)} gives it
   * @since 0.1.0
   */
  public <S> Evaluation evaluate(String flagKey, S source, Context.Mapper<? super S> mapper) {
    Snapshot s = current();
    try {
      CompiledFlag flag = s.flag(flagKey);
      Context context = flag == null ? Context.EMPTY : mapper.map(source, flag.attributes());
      return evaluateFlag(s, flag, flagKey, context, null);
    } catch (RuntimeException | StackOverflowError e) {
      return failed(s, flagKey, e);
    }
  }

  final Evaluation evaluation(
      Snapshot s,
      @Nullable String flagKey,
      @Nullable Context context,
      @Nullable ValueType expected) {
    try {
      CompiledFlag flag = flagKey == null ? null : s.flag(flagKey);
      return evaluateFlag(s, flag, flagKey, context, expected);
    } catch (RuntimeException | StackOverflowError e) {
      return failed(s, flagKey, e);
    }
  }

  /**
   * Evaluates an already resolved flag (null when the snapshot has none), and lets the
   * snapshot's counters and exposure tap, if any, see the result.
   */
  final Evaluation evaluateFlag(
      Snapshot s,
      @Nullable CompiledFlag flag,
      @Nullable String flagKey,
      @Nullable Context context,
      @Nullable ValueType expected) {
    Evaluation result = resolveFlag(s, flag, flagKey, context, expected);
    if (s.observed()) { // not counters() or exposures() themselves: see Snapshot.observed()
      observe(s, flag, result, context);
    }
    return result;
  }

  private static void observe(
      Snapshot s, @Nullable CompiledFlag flag, Evaluation result, @Nullable Context context) {
    try {
      EvaluationCounters counters = s.counters();
      ExposureTap exposures = s.exposures();
      if (flag == null) {
        if (counters != null) {
          ErrorCode code = result.errorCode();
          counters.countWithoutFlag(code == null ? ErrorCode.GENERAL : code);
        }
        return;
      }
      if (counters != null) {
        counters.count(flag, result);
      }
      if (exposures != null && result.variant() != null) {
        exposures.tap(flag, result, context == null ? Context.EMPTY : context);
      }
    } catch (RuntimeException e) {
      // Watching must never break evaluation; counters and the exposure tap do not throw.
      EVALUATION_LOG.debug("observing an evaluation failed", e);
    }
  }

  /** Like {@link #evaluateFlag}, unobserved: for the client's own evaluations (guardrails). */
  final Evaluation resolveFlag(
      Snapshot s,
      @Nullable CompiledFlag flag,
      @Nullable String flagKey,
      @Nullable Context context,
      @Nullable ValueType expected) {
    try {
      if (flag == null) {
        if (!s.ready()) {
          return s.error(ErrorCode.NOT_READY);
        }
        warnings.warnUnknownOnce(flagKey);
        return s.notFound();
      }
      if (expected != null && flag.type() != expected) {
        warnings.warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
        return s.error(ErrorCode.TYPE_MISMATCH);
      }
      if (context == null) {
        warnings.warnOnce(flagKey, ErrorCode.INVALID_CONTEXT);
        return s.error(ErrorCode.INVALID_CONTEXT);
      }
      return Evaluator.evaluate(s, flag, context);
    } catch (RuntimeException | StackOverflowError e) {
      return failed(s, flagKey, e);
    }
  }

  private Evaluation failed(Snapshot s, @Nullable String flagKey, Throwable e) {
    // Last resort: evaluation must never throw into application code.
    if (warnings.warnOnce(flagKey, ErrorCode.GENERAL)) {
      EVALUATION_LOG.debug("evaluation of flag '{}' failed", flagKey, e);
    }
    return s.error(ErrorCode.GENERAL);
  }

  /** Logs each (flag key, error code) once, never per call; bounded against unbounded keys. */
  static final class Warnings {
    private static final int MAX_KEYS = 1_000;
    private final ConcurrentHashMap<?, ?>[] seen =
        new ConcurrentHashMap<?, ?>[ErrorCode.values().length];
    /**
     * Per code, the key object of the last call: callers pass the same literal every time, so a
     * repeated unknown flag is recognised by identity, without hashing. Written without
     * synchronization on purpose: a reader that sees an older key only takes the map lookup.
     */
    private final @Nullable String[] last = new String[ErrorCode.values().length];

    Warnings() {
      for (int i = 0; i < seen.length; i++) {
        seen[i] = new ConcurrentHashMap<String, Boolean>();
      }
    }

    /**
     * The unknown flag key of the last call, for {@link #warnUnknownOnce}: the same trick as
     * {@link #last} with one field read instead of an array's.
     */
    private @Nullable String lastUnknown;

    /** {@link #warnOnce} for FLAG_NOT_FOUND, with the repeated-literal check first. */
    @SuppressWarnings("ReferenceEquality") // see lastUnknown
    boolean warnUnknownOnce(@Nullable String flagKey) {
      if (flagKey != null && flagKey == lastUnknown) {
        return false;
      }
      boolean logged = warnOnce(flagKey, ErrorCode.FLAG_NOT_FOUND);
      lastUnknown = flagKey;
      return logged;
    }

    /** Returns true if this call logged. Allocation-free once a key has been logged. */
    // Indexed by ordinal: unknown-flag evaluations pass here on every call, and an array read is
    // the cheapest lookup; the array is sized by ErrorCode.values().
    @SuppressWarnings({"EnumOrdinal", "ReferenceEquality"}) // see the fields
    boolean warnOnce(@Nullable String flagKey, ErrorCode code) {
      String key = flagKey == null ? "" : flagKey;
      int c = code.ordinal();
      if (last[c] == key) { // by identity, see the field
        return false;
      }
      @SuppressWarnings("unchecked")
      ConcurrentHashMap<String, Boolean> set = (ConcurrentHashMap<String, Boolean>) seen[c];
      if (set.containsKey(key) || set.size() >= MAX_KEYS) {
        last[c] = key;
        return false;
      }
      if (set.putIfAbsent(key, Boolean.TRUE) != null) {
        last[c] = key;
        return false;
      }
      last[c] = key;
      switch (code) {
        case FLAG_NOT_FOUND ->
          EVALUATION_LOG.warn(
              "unknown flag '{}': returning the caller's default (logged once per flag)", flagKey);
        case TYPE_MISMATCH ->
          EVALUATION_LOG.warn(
              "flag '{}' was read as the wrong type: returning the caller's default (logged once"
                  + " per flag)",
              flagKey);
        case INVALID_CONTEXT ->
          EVALUATION_LOG.warn(
              "flag '{}' was evaluated with a null context: returning the caller's default (logged"
                  + " once per flag)",
              flagKey);
        default ->
          EVALUATION_LOG.error(
              "evaluation of flag '{}' failed: returning the caller's default (logged once per"
                  + " flag; stack trace at DEBUG)",
              flagKey);
      }
      return true;
    }
  }
}
