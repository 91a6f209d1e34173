package dev.flags.internal.snapshot;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, compiled flag set: what one evaluation reads. A client holds the current snapshot
 * in a single volatile field and replaces it whole; nothing in a snapshot ever changes.
 *
 * <p>A snapshot has two parts. The base is compiled from a document for one instant (schedules
 * resolved). The overlay is the operator's runtime state (local kills and overrides) laid over the
 * base by {@link Overlay} as arrays indexed by {@link CompiledFlag#index}; changing it makes a new
 * snapshot that shares the base, so a kill is one array copy and one volatile write.
 */
public final class Snapshot {
  /** Before any document is loaded: every evaluation returns the caller's default, NOT_READY. */
  public static final Snapshot EMPTY =
      new Snapshot("", false, new HashMap<>(), new CompiledFlag[0], Map.of(), Long.MAX_VALUE);

  private final String version;
  private final boolean ready;
  /** A HashMap, not a Map: the by-key lookup on the hot path stays one monomorphic call. */
  private final HashMap<String, CompiledFlag> flags;

  private final CompiledFlag[] byIndex;
  private final Evaluation[] errors;
  /** {@code errors[FLAG_NOT_FOUND]}, read without the array on the unknown-flag path. */
  private final Evaluation notFound;

  /**
   * The validated flags this snapshot was compiled from, by key: what diffs compare ({@link
   * SnapshotDiff}). The client's history holds the same document, so keeping it here costs a
   * reference.
   */
  private final Map<String, FlagDocument.Flag> documented;

  private final long nextBoundary;
  /** Locally killed flags by index, or null when none is. */
  final boolean @Nullable [] killed;
  /** Local overrides by flag index (null entries for none), or null when there are none. */
  final LocalOverride @Nullable [] @Nullable [] overrides;
  /** No kills and no overrides: a flag's precomputed constant result stands. */
  final boolean noOverlay;
  /** The evaluation counters when metrics are on: the client counts each evaluation. */
  private final @Nullable EvaluationCounters counters;
  /**
   * The client's exposure tap when exposures are on, one field away from the snapshot; null in
   * the twin the client serves while the tap sheds (see {@link ExposureTap}).
   */
  private final @Nullable ExposureTap exposures;
  /** Whether either is set: what the hot path reads (see {@link #observed()}). */
  private final boolean observed;

  /** A base snapshot, without overlay. */
  @SuppressWarnings("NonApiType") // see the field
  Snapshot(
      String version,
      boolean ready,
      HashMap<String, CompiledFlag> flags,
      CompiledFlag[] byIndex,
      Map<String, FlagDocument.Flag> documented,
      long nextBoundary) {
    this(
        version,
        ready,
        flags,
        byIndex,
        errors(version),
        documented,
        nextBoundary,
        null,
        null,
        null,
        null);
  }

  @SuppressWarnings("NonApiType") // see the field
  private Snapshot(
      String version,
      boolean ready,
      HashMap<String, CompiledFlag> flags,
      CompiledFlag[] byIndex,
      Evaluation[] errors,
      Map<String, FlagDocument.Flag> documented,
      long nextBoundary,
      boolean @Nullable [] killed,
      LocalOverride @Nullable [] @Nullable [] overrides,
      @Nullable EvaluationCounters counters,
      @Nullable ExposureTap exposures) {
    this.version = version;
    this.ready = ready;
    this.flags = flags;
    this.byIndex = byIndex;
    this.errors = errors;
    this.notFound = error(ErrorCode.FLAG_NOT_FOUND);
    this.documented = documented;
    this.nextBoundary = nextBoundary;
    this.killed = killed;
    this.overrides = overrides;
    this.noOverlay = killed == null && overrides == null;
    this.counters = counters;
    this.exposures = exposures;
    this.observed = counters != null || exposures != null;
  }

  // Indexed by ordinal: error() is on the hot path and an array read is the cheapest lookup.
  @SuppressWarnings("EnumOrdinal")
  private static Evaluation[] errors(String version) {
    ErrorCode[] codes = ErrorCode.values();
    Evaluation[] out = new Evaluation[codes.length];
    for (ErrorCode c : codes) {
      out[c.ordinal()] = Evaluation.error(c, version);
    }
    return out;
  }

  /** The same base with another overlay; the base's own results and maps are shared. */
  Snapshot withOverlay(
      boolean @Nullable [] killed, LocalOverride @Nullable [] @Nullable [] overrides) {
    if (!ready || (killed == null && overrides == null && noOverlay)) {
      return this;
    }
    return new Snapshot(
        version,
        ready,
        flags,
        byIndex,
        errors,
        documented,
        nextBoundary,
        killed,
        overrides,
        counters,
        exposures);
  }

  /**
   * The same snapshot, watched by metrics and exposures; an overlay laid over it later keeps
   * them.
   *
   * @param counters the snapshot's counters, or null when metrics are off
   * @param exposures the client's exposure tap, or null when exposures are off
   * @return a snapshot sharing everything else with this one
   */
  public Snapshot withObservation(
      @Nullable EvaluationCounters counters, @Nullable ExposureTap exposures) {
    return new Snapshot(
        version,
        ready,
        flags,
        byIndex,
        errors,
        documented,
        nextBoundary,
        killed,
        overrides,
        counters,
        exposures);
  }

  /**
   * The evaluation counters.
   *
   * @return the counters, or null when metrics are off
   */
  public @Nullable EvaluationCounters counters() {
    return counters;
  }

  /**
   * The client's exposure tap.
   *
   * @return the tap, or null when exposures are off
   */
  public @Nullable ExposureTap exposures() {
    return exposures;
  }

  /**
   * Whether metrics or exposures watch this snapshot. The evaluation path asks this before
   * {@link #counters()} or {@link #exposures()}: while metrics and exposures are off, their classes
   * are never loaded, and the JIT does not inline a method whose signature names a class not
   * loaded yet, which would cost a call on every evaluation.
   *
   * @return true when {@link #counters()} or {@link #exposures()} is not null
   */
  public boolean observed() {
    return observed;
  }

  /**
   * The document version.
   *
   * @return the version, empty for {@link #EMPTY}
   */
  public String version() {
    return version;
  }

  /**
   * Whether a document was compiled.
   *
   * @return false only for {@link #EMPTY}
   */
  public boolean ready() {
    return ready;
  }

  /**
   * The compiled flag with this key. Allocation-free.
   *
   * @param key the flag key
   * @return the flag, or null
   */
  public @Nullable CompiledFlag flag(String key) {
    return flags.get(key);
  }

  /**
   * All flags, in document order.
   *
   * @return an unmodifiable list
   */
  public List<CompiledFlag> flagList() {
    return List.of(byIndex);
  }

  /**
   * The number of flags.
   *
   * @return the count
   */
  public int size() {
    return byIndex.length;
  }

  /**
   * The precomputed error result for this snapshot's version.
   *
   * @param code the error code
   * @return the result
   */
  /**
   * The result for a flag key this snapshot does not have.
   *
   * @return the FLAG_NOT_FOUND result
   */
  public Evaluation notFound() {
    return notFound;
  }

  @SuppressWarnings("EnumOrdinal") // see errors(String)
  public Evaluation error(ErrorCode code) {
    return errors[code.ordinal()];
  }

  /**
   * The flags by key.
   *
   * @return an unmodifiable view
   */
  public Map<String, CompiledFlag> flags() {
    return Collections.unmodifiableMap(flags);
  }

  /**
   * The validated flags this snapshot was compiled from, for diffs ({@link SnapshotDiff}).
   *
   * @return the flags, by key
   */
  public Map<String, FlagDocument.Flag> documented() {
    return documented;
  }

  /**
   * The next instant (epoch millis) at which a schedule changes this snapshot.
   *
   * @return the instant, or {@link Long#MAX_VALUE} if none
   */
  public long nextBoundary() {
    return nextBoundary;
  }

  /**
   * Whether an operator killed this flag locally in this snapshot.
   *
   * @param flag a flag of this snapshot
   * @return true if killed
   */
  public boolean isKilled(CompiledFlag flag) {
    boolean[] k = killed;
    return k != null && k[flag.index];
  }

  @Override
  public String toString() {
    return "Snapshot{version=" + version + ", flags=" + byIndex.length + "}";
  }
}
