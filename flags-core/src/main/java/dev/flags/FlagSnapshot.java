package dev.flags;

import dev.flags.internal.snapshot.Snapshot;

/**
 * One snapshot of a client's flags, pinned: every evaluation through it sees the same document
 * version and the same operator state, however many reloads or kills happen meanwhile. Take one
 * per request when several evaluations must agree. Cheap (one small object), immutable and
 * thread-safe.
 *
 * <pre>{@code
 * FlagSnapshot flagsForRequest = flags.snapshot();
 * boolean a = flagsForRequest.isEnabled("new-checkout", user);
 * String b = flagsForRequest.getString("search-ranking", user, "bm25");   // same version as a
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FlagSnapshot extends EvaluationSupport {
  private final Snapshot snapshot;

  FlagSnapshot(Snapshot snapshot, Warnings warnings) {
    super(warnings);
    this.snapshot = snapshot;
  }

  @Override
  Snapshot current() {
    return snapshot;
  }

  /**
   * Whether this snapshot holds a document.
   *
   * @return false if taken before the client's first document
   */
  public boolean isReady() {
    return snapshot.ready();
  }

  @Override
  public String toString() {
    return "FlagSnapshot{version=" + snapshot.version() + "}";
  }
}
