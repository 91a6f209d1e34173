package dev.flags.openfeature.internal;

import dev.flags.Evaluation;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns a flags {@link Evaluation} into an OpenFeature {@link ProviderEvaluation} of one type: the
 * value converted (or TYPE_MISMATCH), the reason mapped (see docs/openfeature.md), the variant,
 * and the flag metadata (the flag's {@code metadata} from the document, then {@code version},
 * {@code ruleId} and {@code prerequisiteKey}, which win over a document entry of the same name).
 * Thread-safe.
 */
public final class Resolutions {
  /** The reason of a failed prerequisite, which OpenFeature has no name for. */
  public static final String PREREQUISITE_FAILED = "PREREQUISITE_FAILED";

  /** Metadata key of the document version (the SDK reports it as {@code feature_flag.version}). */
  public static final String VERSION = "version";

  /** Metadata key of the matching rule's id. */
  public static final String RULE_ID = "ruleId";

  /** Metadata key of the failed prerequisite's flag key. */
  public static final String PREREQUISITE_KEY = "prerequisiteKey";

  private static final String TARGETING_MATCH = Reason.TARGETING_MATCH.name();
  private static final String SPLIT = Reason.SPLIT.name();
  private static final String STATIC = Reason.STATIC.name();
  private static final String DEFAULT = Reason.DEFAULT.name();
  private static final String DISABLED = Reason.DISABLED.name();
  private static final String ERROR = Reason.ERROR.name();

  /** The types a provider resolves; each converts a variant's value or says it cannot. */
  public enum Kind {
    /** {@code Boolean} from a boolean flag. */
    BOOLEAN,
    /** {@code String} from a string flag. */
    STRING,
    /** {@code Integer} from a number flag whose value is an integer in {@code int} range. */
    INTEGER,
    /** {@code Long} from a number flag whose value is an integer. */
    LONG,
    /** {@code Double} from a number flag. */
    DOUBLE,
    /** {@code Value} (a structure or a list) from a JSON flag. */
    OBJECT;

    /** The value as this type, or null if it is not of it. */
    @Nullable
    Object convert(Object value) {
      return switch (this) {
        case BOOLEAN -> value instanceof Boolean ? value : null;
        case STRING -> value instanceof String ? value : null;
        case INTEGER ->
          value instanceof Long l && l.longValue() == l.intValue()
              ? (Object) Integer.valueOf(l.intValue())
              : null;
        case LONG -> value instanceof Long ? value : null;
        case DOUBLE -> value instanceof Number n ? (Object) Double.valueOf(n.doubleValue()) : null;
        case OBJECT -> value instanceof Map || value instanceof List ? Values.of(value) : null;
      };
    }
  }

  /** The document metadata of flags, as a result's document has it. */
  @FunctionalInterface
  public interface FlagMetadata {
    /** No document metadata for any flag. */
    FlagMetadata NONE = (key, version) -> Map.of();

    /**
     * The flag's {@code metadata} in the document of the given version.
     *
     * @param key the flag key
     * @param version the document version a result came from
     * @return the metadata (empty if none), or null if that document is no longer served
     */
    @Nullable
    Map<String, Object> of(String key, String version);
  }

  /** The metadata of results that carry only the version, for the last version seen. */
  private record VersionMetadata(String version, ImmutableMetadata metadata) {}

  /** At most this many results' metadata are kept; then the cache starts afresh. */
  static final int MAX_CACHED = 65_536;

  private final boolean disabledServesCallerDefault;
  private final FlagMetadata flagMetadata;
  private volatile @Nullable VersionMetadata versionMetadata;
  /** Metadata of served results, by result (identity: results are precomputed and shared). */
  private final ConcurrentHashMap<Evaluation, ImmutableMetadata> byResult =
      new ConcurrentHashMap<>();

  /**
   * Resolutions for one provider.
   *
   * @param disabledServesCallerDefault whether a disabled, killed or off-schedule flag gives the
   *     caller's default instead of its off-variant
   */
  public Resolutions(boolean disabledServesCallerDefault) {
    this(disabledServesCallerDefault, FlagMetadata.NONE);
  }

  /**
   * Resolutions for one provider, with the document metadata of its flags.
   *
   * @param disabledServesCallerDefault as above
   * @param flagMetadata the flags' metadata in the document
   */
  public Resolutions(boolean disabledServesCallerDefault, FlagMetadata flagMetadata) {
    this.disabledServesCallerDefault = disabledServesCallerDefault;
    this.flagMetadata = flagMetadata;
  }

  /**
   * The OpenFeature result of an evaluation.
   *
   * @param <T> the type asked for
   * @param key the flag key
   * @param defaultValue the caller's default
   * @param kind the type asked for
   * @param e the evaluation
   * @return the result
   */
  @SuppressWarnings("unchecked") // kind converts to T: Kind.BOOLEAN gives a Boolean, and so on
  public <T> ProviderEvaluation<T> of(String key, T defaultValue, Kind kind, Evaluation e) {
    dev.flags.ErrorCode code = e.errorCode();
    if (code != null) {
      return error(defaultValue, map(code), message(key, code, e.version()), e.version());
    }
    ImmutableMetadata metadata = metadata(key, e);
    Object value = e.value();
    if (value == null) { // no variant applies: the caller's default, without an error
      return new ProviderEvaluation<>(defaultValue, null, DEFAULT, null, null, metadata);
    }
    Object typed = kind.convert(value);
    if (typed == null) {
      return error(defaultValue, ErrorCode.TYPE_MISMATCH, mismatch(key, kind, value), e.version());
    }
    String variant = e.variant();
    String reason = switch (e.reason()) {
      case KILLED, DISABLED, OUTSIDE_SCHEDULE -> DISABLED;
      case TARGET_MATCH, OVERRIDE -> TARGETING_MATCH;
      case RULE_MATCH -> e.has(Evaluation.Trait.ROLLOUT) ? SPLIT : TARGETING_MATCH;
      case FALLTHROUGH ->
        e.has(Evaluation.Trait.ROLLOUT) ? SPLIT : e.has(Evaluation.Trait.STATIC) ? STATIC : DEFAULT;
      case PREREQUISITE_FAILED -> PREREQUISITE_FAILED;
      case DEFAULT, ERROR -> DEFAULT; // handled above
    };
    if (reason.equals(DISABLED) && disabledServesCallerDefault) {
      return new ProviderEvaluation<>(defaultValue, null, DISABLED, null, null, metadata);
    }
    return new ProviderEvaluation<>((T) typed, variant, reason, null, null, metadata);
  }

  /**
   * A failed resolution: the caller's default, reason ERROR, the code and a message.
   *
   * @param <T> the type asked for
   * @param defaultValue the caller's default
   * @param code the error code
   * @param message what went wrong
   * @param version the document version, or empty
   * @return the result
   */
  public <T> ProviderEvaluation<T> error(
      T defaultValue, ErrorCode code, String message, String version) {
    return new ProviderEvaluation<>(
        defaultValue, null, ERROR, code, message, versionMetadata(version));
  }

  private static ErrorCode map(dev.flags.ErrorCode code) {
    return switch (code) {
      case NOT_READY -> ErrorCode.PROVIDER_NOT_READY;
      case FLAG_NOT_FOUND -> ErrorCode.FLAG_NOT_FOUND;
      case TYPE_MISMATCH -> ErrorCode.TYPE_MISMATCH;
      case INVALID_CONTEXT -> ErrorCode.INVALID_CONTEXT;
      case GENERAL -> ErrorCode.GENERAL;
    };
  }

  private static String message(String key, dev.flags.ErrorCode code, String version) {
    return switch (code) {
      case NOT_READY -> "no flag document has been loaded yet";
      case FLAG_NOT_FOUND -> "flag '" + key + "' is not in document version '" + version + "'";
      case TYPE_MISMATCH -> "flag '" + key + "' is of another type";
      case INVALID_CONTEXT -> "the evaluation context was null";
      case GENERAL -> "evaluating flag '" + key + "' failed (logged by flags-core)";
    };
  }

  private static String mismatch(String key, Kind kind, Object value) {
    String type = value instanceof Boolean
        ? "a boolean"
        : value instanceof String ? "a string" : value instanceof Number ? "a number" : "a JSON";
    String asked = kind.name().toLowerCase(java.util.Locale.ROOT);
    if (value instanceof Number) {
      return switch (kind) {
        case INTEGER ->
          "flag '" + key + "' is a number flag, but its value " + value
              + " is not an integer in int range";
        case LONG ->
          "flag '" + key + "' is a number flag, but its value " + value + " is not an integer";
        default -> "flag '" + key + "' is " + type + " flag, read as " + asked;
      };
    }
    return "flag '" + key + "' is " + type + " flag, read as " + asked;
  }

  private ImmutableMetadata metadata(String key, Evaluation e) {
    // Results are precomputed and shared, so their metadata is built once per result.
    ImmutableMetadata cached = byResult.get(e);
    if (cached != null) {
      return cached;
    }
    Map<String, Object> document = flagMetadata.of(key, e.version());
    ImmutableMetadata built = build(e, document == null ? Map.of() : document);
    if (document != null) { // else the result's document was swapped out meanwhile: not kept
      if (byResult.size() >= MAX_CACHED) {
        byResult.clear(); // results of older documents; rebuilt on demand
      }
      byResult.put(e, built);
    }
    return built;
  }

  private ImmutableMetadata build(Evaluation e, Map<String, Object> document) {
    String ruleId = e.ruleId();
    String prerequisite = e.prerequisiteKey();
    if (ruleId == null && prerequisite == null && document.isEmpty()) {
      return versionMetadata(e.version());
    }
    ImmutableMetadata.ImmutableMetadataBuilder b = ImmutableMetadata.builder();
    for (Map.Entry<String, Object> entry : document.entrySet()) {
      add(b, entry.getKey(), entry.getValue());
    }
    if (!e.version().isEmpty()) {
      b.addString(VERSION, e.version());
    }
    if (ruleId != null) {
      b.addString(RULE_ID, ruleId);
    }
    if (prerequisite != null) {
      b.addString(PREREQUISITE_KEY, prerequisite);
    }
    return b.build();
  }

  /** A document metadata entry: integers in {@code int} range as Integer, as JSON readers do. */
  private static void add(ImmutableMetadata.ImmutableMetadataBuilder b, String name, Object value) {
    if (value instanceof String s) {
      b.addString(name, s);
    } else if (value instanceof Boolean bool) {
      b.addBoolean(name, bool);
    } else if (value instanceof Long l) {
      long x = l;
      if (x == (int) x) {
        b.addInteger(name, (int) x);
      } else {
        b.addLong(name, l);
      }
    } else if (value instanceof Number n) {
      b.addDouble(name, n.doubleValue());
    }
  }

  /** The metadata with only the version; built once per version (immutable, so shared). */
  private ImmutableMetadata versionMetadata(String version) {
    VersionMetadata cached = versionMetadata;
    if (cached != null && cached.version().equals(version)) {
      return cached.metadata();
    }
    ImmutableMetadata metadata = version.isEmpty()
        ? ImmutableMetadata.EMPTY
        : ImmutableMetadata.builder().addString(VERSION, version).build();
    versionMetadata = new VersionMetadata(version, metadata);
    return metadata;
  }
}
