package dev.flags.spi;

import dev.flags.Problem;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the client did with a document a source delivered. Immutable.
 *
 * @since 0.1.0
 */
public final class LoadResult {
  private final boolean accepted;
  private final @Nullable String version;
  private final List<Problem> problems;

  private LoadResult(boolean accepted, @Nullable String version, List<Problem> problems) {
    this.accepted = accepted;
    this.version = version;
    this.problems = List.copyOf(problems);
  }

  /**
   * An accepted document.
   *
   * @param version its version
   * @return the result
   */
  public static LoadResult accepted(String version) {
    return new LoadResult(true, Objects.requireNonNull(version, "version"), List.of());
  }

  /**
   * A rejected document.
   *
   * @param version its version, if it could be read
   * @param problems every problem found
   * @return the result
   */
  public static LoadResult rejected(@Nullable String version, List<Problem> problems) {
    return new LoadResult(false, version, problems);
  }

  /** @return whether the document was accepted */
  public boolean isAccepted() {
    return accepted;
  }

  /** @return the document's version, or null if it could not be read */
  public @Nullable String version() {
    return version;
  }

  /** @return every problem found; empty when accepted */
  public List<Problem> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return accepted ? "accepted " + version : "rejected " + version + " " + problems;
  }
}
