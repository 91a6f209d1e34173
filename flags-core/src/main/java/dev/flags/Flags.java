package dev.flags;

import dev.flags.internal.CompiledFlag;
import dev.flags.internal.DocumentLoader;
import dev.flags.internal.Evaluator;
import dev.flags.internal.FlagDocument.ValueType;
import dev.flags.internal.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flags client: evaluates flags from the current compiled snapshot.
 *
 * <pre>{@code
 * Flags flags = Flags.builder().documentFile(Path.of("flags.json")).build();
 * Context user = Context.builder("user-42").set("country", "NZ").build();
 * if (flags.isEnabled("new-checkout", user)) {
 *   // new checkout
 * }
 * }</pre>
 *
 * <p><b>Evaluation never throws</b> and never blocks: an unknown flag, a type mismatch, a null
 * context or an internal error returns the caller's default ({@code false} for {@link
 * #isEnabled}); {@link #evaluate} says why with an {@link ErrorCode}. Unknown flags and type
 * mismatches are logged once per flag key on logger {@code dev.flags.evaluation}, never per call.
 *
 * <p><b>Consistency.</b> The client holds one immutable snapshot in a volatile field. Each
 * evaluation reads it once, so it sees one document version; {@link #load} compiles a new
 * snapshot off to the side and publishes it with a single write. A rejected document changes
 * nothing.
 *
 * <p>Thread-safe: evaluate from any number of threads; loads are serialized.
 *
 * @since 0.1.0
 */
public final class Flags implements AutoCloseable {
  private static final Logger EVALUATION_LOG = LoggerFactory.getLogger("dev.flags.evaluation");
  /** Bounds the once-per-key warning memory against callers that pass unbounded flag keys. */
  private static final int MAX_WARNED_KEYS = 1_000;

  private volatile Snapshot snapshot = Snapshot.EMPTY;

  private final DocumentLoader loader;
  private final Object loadLock = new Object();
  /** Flag keys already warned about, one set per {@link ErrorCode}. */
  private final ConcurrentHashMap<?, ?>[] warned = new ConcurrentHashMap<?, ?>[ErrorCode.values().length];

  private Flags(Builder builder) {
    this.loader = new DocumentLoader(builder.limits, builder.clock);
    for (int i = 0; i < warned.length; i++) {
      warned[i] = new ConcurrentHashMap<String, Boolean>();
    }
  }

  /**
   * A builder for a client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation

  /**
   * Whether a boolean flag is on for an anonymous context ({@link Context#EMPTY}).
   *
   * @param flagKey the flag key
   * @return the flag's value, or {@code false} on any error
   */
  public boolean isEnabled(String flagKey) {
    return isEnabled(flagKey, Context.EMPTY);
  }

  /**
   * Whether a boolean flag is on for this context.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @return the flag's value, or {@code false} when the flag is unknown, not boolean, the context
   *     is null, no variant applies, or anything else goes wrong
   */
  public boolean isEnabled(String flagKey, Context context) {
    Snapshot s = snapshot;
    Object v = value(s, flagKey, context, ValueType.BOOLEAN);
    return v != null && (Boolean) v;
  }

  /**
   * The value of a string flag.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error or when no variant applies
   * @return the value
   */
  public String getString(String flagKey, Context context, String defaultValue) {
    Object v = value(snapshot, flagKey, context, ValueType.STRING);
    return v != null ? (String) v : defaultValue;
  }

  /**
   * The value of a number flag as an {@code int}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error, when no variant applies, or when the value is not
   *     an integer in {@code int} range ({@link ErrorCode#TYPE_MISMATCH})
   * @return the value
   */
  public int getInt(String flagKey, Context context, int defaultValue) {
    Object v = value(snapshot, flagKey, context, ValueType.NUMBER);
    if (v instanceof Long) {
      long l = (Long) v;
      if (l == (int) l) {
        return (int) l;
      }
    }
    if (v != null) {
      warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
    }
    return defaultValue;
  }

  /**
   * The value of a number flag as a {@code long}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error, when no variant applies, or when the value is not
   *     an integer ({@link ErrorCode#TYPE_MISMATCH})
   * @return the value
   */
  public long getLong(String flagKey, Context context, long defaultValue) {
    Object v = value(snapshot, flagKey, context, ValueType.NUMBER);
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v != null) {
      warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
    }
    return defaultValue;
  }

  /**
   * The value of a number flag as a {@code double}.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultValue returned on any error or when no variant applies
   * @return the value
   */
  public double getDouble(String flagKey, Context context, double defaultValue) {
    Object v = value(snapshot, flagKey, context, ValueType.NUMBER);
    return v != null ? ((Number) v).doubleValue() : defaultValue;
  }

  /**
   * The value of a JSON flag (object or array variants) as compact JSON text.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @param defaultJson returned on any error or when no variant applies
   * @return the JSON text
   */
  public String getJson(String flagKey, Context context, String defaultJson) {
    Snapshot s = snapshot;
    Evaluation e = evaluation(s, flagKey, context, ValueType.JSON);
    String json = e.valueAsJson();
    return json != null ? json : defaultJson;
  }

  /**
   * Evaluates a flag of any type and returns the full result: value, variant, reason, rule id,
   * error code and document version. Allocation-free: the result is a shared precomputed
   * instance.
   *
   * @param flagKey the flag key
   * @param context who is asking
   * @return the evaluation; on error its {@link Evaluation#value()} is null and {@link
   *     Evaluation#errorCode()} says why
   */
  public Evaluation evaluate(String flagKey, Context context) {
    return evaluation(snapshot, flagKey, context, null);
  }

  /**
   * A handle to a boolean flag that skips the by-name lookup while the snapshot is unchanged.
   * Handles are cheap, thread-safe, and follow reloads.
   *
   * @param flagKey the flag key; the flag need not exist yet
   * @return the handle
   */
  public BooleanFlag booleanFlag(String flagKey) {
    return new BooleanFlag(this, Objects.requireNonNull(flagKey, "flagKey"));
  }

  /** The typed getters' shared path: the value, or null when the caller's default applies. */
  private @Nullable Object value(Snapshot s, String flagKey, Context context,
      ValueType expected) {
    return evaluation(s, flagKey, context, expected).value();
  }

  private Evaluation evaluation(Snapshot s, String flagKey, @Nullable Context context,
      @Nullable ValueType expected) {
    try {
      CompiledFlag flag = s.flag(flagKey);
      if (flag == null) {
        if (!s.ready()) {
          return s.error(ErrorCode.NOT_READY);
        }
        warnOnce(flagKey, ErrorCode.FLAG_NOT_FOUND);
        return s.error(ErrorCode.FLAG_NOT_FOUND);
      }
      if (expected != null && flag.type() != expected) {
        warnOnce(flagKey, ErrorCode.TYPE_MISMATCH);
        return s.error(ErrorCode.TYPE_MISMATCH);
      }
      if (context == null) {
        warnOnce(flagKey, ErrorCode.INVALID_CONTEXT);
        return s.error(ErrorCode.INVALID_CONTEXT);
      }
      return Evaluator.evaluate(flag, context);
    } catch (RuntimeException | StackOverflowError e) {
      // Last resort: evaluation must never throw into application code.
      if (warnOnce(flagKey, ErrorCode.GENERAL)) {
        EVALUATION_LOG.debug("evaluation of flag '{}' failed", flagKey, e);
      }
      return s.error(ErrorCode.GENERAL);
    }
  }

  /** Evaluates a compiled flag resolved by a handle. */
  Evaluation evaluateResolved(Snapshot s, @Nullable CompiledFlag flag, String flagKey,
      @Nullable Context context, @Nullable ValueType expected) {
    if (flag == null || context == null || (expected != null && flag.type() != expected)) {
      return evaluation(s, flagKey, context, expected);
    }
    try {
      return Evaluator.evaluate(flag, context);
    } catch (RuntimeException | StackOverflowError e) {
      return evaluation(s, flagKey, context, expected);
    }
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** Logs a warning the first time a flag key meets an error code; true if it logged. */
  private boolean warnOnce(@Nullable String flagKey, ErrorCode code) {
    @SuppressWarnings("unchecked")
    ConcurrentHashMap<String, Boolean> seen = (ConcurrentHashMap<String, Boolean>) warned[code.ordinal()];
    String key = flagKey == null ? "" : flagKey;
    // containsKey first: the common case (already warned) must not write or allocate.
    if (seen.containsKey(key) || seen.size() >= MAX_WARNED_KEYS) {
      return false;
    }
    if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
      return false;
    }
    switch (code) {
      case FLAG_NOT_FOUND:
        EVALUATION_LOG.warn("unknown flag '{}': returning the caller's default (logged once per"
            + " flag)", flagKey);
        break;
      case TYPE_MISMATCH:
        EVALUATION_LOG.warn("flag '{}' was read as the wrong type: returning the caller's default"
            + " (logged once per flag)", flagKey);
        break;
      case INVALID_CONTEXT:
        EVALUATION_LOG.warn("flag '{}' was evaluated with a null context: returning the caller's"
            + " default (logged once per flag)", flagKey);
        break;
      default:
        EVALUATION_LOG.error("evaluation of flag '{}' failed: returning the caller's default"
            + " (logged once per flag; stack trace at DEBUG)", flagKey);
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  /**
   * Validates, compiles and swaps in a new flag document. All or nothing: if the document has any
   * problem, nothing changes and the exception lists every problem.
   *
   * @param json the document
   * @throws InvalidDocumentException if the document is rejected
   */
  public void load(String json) {
    load(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Validates, compiles and swaps in a new flag document, given as UTF-8 bytes.
   *
   * @param document the document
   * @throws InvalidDocumentException if the document is rejected
   */
  public void load(byte[] document) {
    Snapshot next = loader.load(document);
    synchronized (loadLock) {
      snapshot = next; // the single write that publishes the new flags
    }
  }

  /**
   * The version of the document being served.
   *
   * @return the document's {@code version}, or empty before the first document is loaded
   */
  public String version() {
    return snapshot.version();
  }

  /**
   * Whether a document has been loaded.
   *
   * @return true once a document is being served
   */
  public boolean isReady() {
    return snapshot.ready();
  }

  /**
   * The keys of all flags in the document being served.
   *
   * @return an unmodifiable set
   */
  public java.util.Set<String> flagKeys() {
    return java.util.Collections.unmodifiableSet(snapshot.flags().keySet());
  }

  /** Releases resources. Idempotent. Evaluation keeps serving the last snapshot afterwards. */
  @Override
  public void close() {
    // Nothing to stop yet: this client owns no threads.
  }

  /**
   * Builds a {@link Flags} client. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private DocumentLimits limits = DocumentLimits.defaults();
    private Clock clock = Clock.systemUTC();
    private byte @Nullable [] document;
    private @Nullable String documentOrigin;

    private Builder() {}

    /**
     * Loads this JSON document at build time.
     *
     * @param json the flag document
     * @return this builder
     * @throws IllegalStateException if a document was already given
     */
    public Builder document(String json) {
      return document(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8),
          "document(String)");
    }

    /**
     * Loads the JSON document in this file at build time.
     *
     * @param file the flag document file
     * @return this builder
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalStateException if a document was already given
     */
    public Builder documentFile(Path file) {
      Objects.requireNonNull(file, "file");
      try {
        return document(Files.readAllBytes(file), "documentFile(" + file + ")");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read flag document " + file + ": " + e, e);
      }
    }

    /**
     * Loads a JSON document from the class path at build time (e.g. defaults shipped in the jar).
     *
     * @param name the resource name, e.g. {@code "flags/defaults.json"}
     * @return this builder
     * @throws IllegalArgumentException if there is no such resource
     * @throws IllegalStateException if a document was already given
     */
    public Builder documentResource(String name) {
      Objects.requireNonNull(name, "name");
      String path = name.startsWith("/") ? name.substring(1) : name;
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      if (cl == null) {
        cl = Flags.class.getClassLoader();
      }
      try (InputStream in = cl.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalArgumentException("no class path resource '" + path
              + "': check the name and that it is packaged (e.g. in src/main/resources)");
        }
        return document(in.readAllBytes(), "documentResource(" + path + ")");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read resource " + path + ": " + e, e);
      }
    }

    private Builder document(byte[] bytes, String origin) {
      if (document != null) {
        throw new IllegalStateException("a document was already given by " + documentOrigin
            + "; give one");
      }
      this.document = bytes;
      this.documentOrigin = origin;
      return this;
    }

    /**
     * Sets the limits applied to every document this client reads.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(DocumentLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the clock used to time-stamp snapshots (tests inject a fixed one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client and loads the document, if one was given.
     *
     * @return the client
     * @throws InvalidDocumentException if the document is rejected
     */
    public Flags build() {
      Flags flags = new Flags(this);
      if (document != null) {
        flags.load(document);
      }
      return flags;
    }
  }
}
