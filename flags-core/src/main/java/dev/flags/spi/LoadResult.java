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

  /**
   * Returns whether the document was accepted.
   *
   * @return whether the document was accepted
   */
  public boolean isAccepted() {
    return accepted;
  }

  /**
   * Returns the document's version, or null if it could not be read.
   *
   * @return the document's version, or null if it could not be read
   */
  public @Nullable String version() {
    return version;
  }

  /**
   * Returns every problem found; empty when accepted.
   *
   * @return every problem found; empty when accepted
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * One line for status and logs: {@code document version 'v2' rejected (2 problems): <first
   * problem>; ...}, or {@code document version 'v2' accepted}. The library words every rejection
   * with this method and {@link #problemList(int)}, so sources that report a rejection should too.
   *
   * @return the summary
   */
  public String summary() {
    StringBuilder sb = new StringBuilder("document ");
    if (version != null) {
      sb.append("version '").append(version).append("' ");
    }
    if (accepted) {
      return sb.append("accepted").toString();
    }
    int n = problems.size();
    sb.append("rejected (").append(n).append(n == 1 ? " problem)" : " problems)");
    if (n > 0) {
      sb.append(": ").append(problems.get(0)).append(n > 1 ? "; ..." : "");
    }
    return sb.toString();
  }

  /**
   * The problems on one line, separated by {@code "; "}: at most {@code max}, then {@code "; ...
   * N more"}.
   *
   * @param max how many problems to list
   * @return the list, empty when there are none
   */
  public String problemList(int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < problems.size() && i < max; i++) {
      sb.append(i == 0 ? "" : "; ").append(problems.get(i));
    }
    if (problems.size() > max) {
      sb.append("; ... ").append(problems.size() - max).append(" more");
    }
    return sb.toString();
  }

  /**
   * The full report: {@code flag document version 'v2' rejected (2 problems)} and then every
   * problem on its own indented line (the message of {@link dev.flags.InvalidDocumentException}).
   *
   * @return the report
   */
  public String report() {
    StringBuilder sb = new StringBuilder("flag document");
    if (version != null) {
      sb.append(" version '").append(version).append('\'');
    }
    int n = problems.size();
    sb.append(accepted ? " accepted" : " rejected (" + n + (n == 1 ? " problem)" : " problems)"));
    for (Problem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return accepted ? "accepted " + version : "rejected " + version + " " + problems;
  }
}
