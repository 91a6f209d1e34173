package dev.flags;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted snapshot in a client's history: its version, the source that delivered it, when,
 * and what it changed. Immutable.
 *
 * @since 0.1.0
 */
public final class HistoryEntry {
  private final String version;
  private final String source;
  private final Instant loadedAt;
  private final String summary;

  private HistoryEntry(String version, String source, Instant loadedAt, String summary) {
    this.version = version;
    this.source = source;
    this.loadedAt = loadedAt;
    this.summary = summary;
  }

  /**
   * Creates an entry (used by the client).
   *
   * @param version the version
   * @param source the source that delivered it
   * @param loadedAt when it was accepted
   * @param summary what it changed, e.g. {@code added=[a] removed=[] changed=[b(rules)]}
   * @return the entry
   */
  static HistoryEntry of(String version, String source, Instant loadedAt, String summary) {
    return new HistoryEntry(
        Objects.requireNonNull(version),
        Objects.requireNonNull(source),
        Objects.requireNonNull(loadedAt),
        Objects.requireNonNull(summary));
  }

  /**
   * Returns the version.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * Returns the source that delivered it.
   *
   * @return the source that delivered it
   */
  public String source() {
    return source;
  }

  /**
   * Returns when it was accepted.
   *
   * @return when it was accepted
   */
  public Instant loadedAt() {
    return loadedAt;
  }

  /**
   * Returns what it changed compared with the snapshot before it.
   *
   * @return what it changed compared with the snapshot before it
   */
  public String summary() {
    return summary;
  }

  @Override
  public String toString() {
    return version + " from " + source + " at " + loadedAt + ": " + summary;
  }
}
