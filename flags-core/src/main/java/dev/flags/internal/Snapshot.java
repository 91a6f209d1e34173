package dev.flags.internal;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, compiled flag set: what one evaluation reads. A client holds the current snapshot
 * in a single volatile field and replaces it whole; nothing in a snapshot ever changes.
 *
 * <p>A snapshot has two parts. The base is compiled from a document for one instant (schedules
 * resolved). The overlay is the operator's runtime state (local kills and overrides) laid over
 * the base as arrays indexed by {@link CompiledFlag#index}; changing it makes a new snapshot that
 * shares the base, so a kill is one array copy and one volatile write.
 */
public final class Snapshot {
  /** Before any document is loaded: every evaluation returns the caller's default, NOT_READY. */
  public static final Snapshot EMPTY = new Snapshot(
      "",
      false,
      new HashMap<>(),
      new CompiledFlag[0],
      null,
      Map.of(),
      Instant.EPOCH,
      Long.MAX_VALUE,
      null,
      null);

  private final String version;
  private final boolean ready;
  private final HashMap<String, CompiledFlag> flags;
  private final CompiledFlag[] byIndex;
  private final Evaluation[] errors;
  private final @Nullable FlagDocument document;
  private final Map<String, long[]> fingerprints;
  private final Instant loadedAt;
  private final long nextBoundary;
  /** Locally killed flags by index, or null when none is. */
  final boolean @Nullable [] killed;
  /** Local overrides by flag index (null entries for none), or null when there are none. */
  final LocalOverride @Nullable [] @Nullable [] overrides;
  /** No kills and no overrides: a flag's precomputed constant result stands. */
  final boolean noOverlay;

  Snapshot(
      String version,
      boolean ready,
      HashMap<String, CompiledFlag> flags,
      CompiledFlag[] byIndex,
      @Nullable FlagDocument document,
      Map<String, long[]> fingerprints,
      Instant loadedAt,
      long nextBoundary,
      boolean @Nullable [] killed,
      LocalOverride @Nullable [] @Nullable [] overrides) {
    this.version = version;
    this.ready = ready;
    this.flags = flags;
    this.byIndex = byIndex;
    this.document = document;
    this.fingerprints = fingerprints;
    this.loadedAt = loadedAt;
    this.nextBoundary = nextBoundary;
    this.killed = killed;
    this.overrides = overrides;
    this.noOverlay = killed == null && overrides == null;
    ErrorCode[] codes = ErrorCode.values();
    this.errors = new Evaluation[codes.length];
    for (ErrorCode c : codes) {
      errors[c.ordinal()] = Evaluation.error(c, version);
    }
  }

  /** The same base with a different operator overlay. */
  public Snapshot withOverlay(
      boolean @Nullable [] killed, LocalOverride @Nullable [] @Nullable [] overrides) {
    return new Snapshot(
        version,
        ready,
        flags,
        byIndex,
        document,
        fingerprints,
        loadedAt,
        nextBoundary,
        killed,
        overrides);
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

  /** All flags in index order. */
  public CompiledFlag[] flagsByIndex() {
    return byIndex.clone();
  }

  public int size() {
    return byIndex.length;
  }

  /** The precomputed error result for this snapshot's version. */
  public Evaluation error(ErrorCode code) {
    return errors[code.ordinal()];
  }

  public Map<String, CompiledFlag> flags() {
    return Collections.unmodifiableMap(flags);
  }

  /** The validated document this snapshot was compiled from; null for {@link #EMPTY}. */
  public @Nullable FlagDocument document() {
    return document;
  }

  /** Per flag, a hash of each top-level field's JSON, for diffs ({@link SnapshotDiff}). */
  public Map<String, long[]> fingerprints() {
    return fingerprints;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  /** The next instant (epoch millis) at which a schedule changes this snapshot, or MAX_VALUE. */
  public long nextBoundary() {
    return nextBoundary;
  }

  public boolean isKilled(CompiledFlag flag) {
    boolean[] k = killed;
    return k != null && k[flag.index];
  }

  @Override
  public String toString() {
    return "Snapshot{version=" + version + ", flags=" + byIndex.length + "}";
  }
}
