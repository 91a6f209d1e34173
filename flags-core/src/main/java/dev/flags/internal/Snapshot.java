package dev.flags.internal;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, compiled flag set: what one evaluation reads. A client holds the current snapshot
 * in a single volatile field and replaces it whole; nothing in a snapshot ever changes.
 */
public final class Snapshot {
  /** Before any document is loaded: every evaluation returns the caller's default, NOT_READY. */
  public static final Snapshot EMPTY = new Snapshot("", false, new HashMap<>(), null, Instant.EPOCH);

  private final String version;
  private final boolean ready;
  private final HashMap<String, CompiledFlag> flags;
  private final Evaluation[] errors;
  private final @Nullable FlagDocument document;
  private final Instant loadedAt;

  Snapshot(String version, boolean ready, HashMap<String, CompiledFlag> flags,
      @Nullable FlagDocument document, Instant loadedAt) {
    this.version = version;
    this.ready = ready;
    this.flags = flags;
    this.document = document;
    this.loadedAt = loadedAt;
    ErrorCode[] codes = ErrorCode.values();
    this.errors = new Evaluation[codes.length];
    for (ErrorCode c : codes) {
      errors[c.ordinal()] = Evaluation.error(ready || c != ErrorCode.FLAG_NOT_FOUND ? c
          : ErrorCode.NOT_READY, version);
    }
  }

  /** The document version, empty for {@link #EMPTY}. */
  public String version() {
    return version;
  }

  /** False only for {@link #EMPTY}. */
  public boolean ready() {
    return ready;
  }

  /** The compiled flag, or null. Allocation-free. */
  public @Nullable CompiledFlag flag(String key) {
    return flags.get(key);
  }

  /** The precomputed error result for this snapshot's version. */
  public Evaluation error(ErrorCode code) {
    return errors[code.ordinal()];
  }

  public Map<String, CompiledFlag> flags() {
    return java.util.Collections.unmodifiableMap(flags);
  }

  /** The validated document this snapshot was compiled from; null for {@link #EMPTY}. */
  public @Nullable FlagDocument document() {
    return document;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  @Override
  public String toString() {
    return "Snapshot{version=" + version + ", flags=" + flags.size() + "}";
  }
}
