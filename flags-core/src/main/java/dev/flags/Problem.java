package dev.flags;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reason a flag document was rejected: where (a path into the document) and why.
 *
 * <p>Paths are dotted, with list indexes in brackets and unusual keys quoted, for example {@code
 * flags.new-checkout.rules[2].rollout}. {@code $} is the document root. Immutable.
 *
 * @since 0.1.0
 */
public final class Problem {
  private final String path;
  private final String message;

  private Problem(String path, String message) {
    this.path = path;
    this.message = message;
  }

  /**
   * Creates a problem.
   *
   * @param path where in the document
   * @param message the reason
   * @return the problem
   */
  public static Problem of(String path, String message) {
    return new Problem(
        Objects.requireNonNull(path, "path"), Objects.requireNonNull(message, "message"));
  }

  /**
   * Where in the document the problem is.
   *
   * @return the path, e.g. {@code flags.new-checkout.rules[2].rollout}
   */
  public String path() {
    return path;
  }

  /**
   * What is wrong.
   *
   * @return the reason, e.g. {@code weights sum to 99.5%, expected 100%}
   */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Problem other && other.path.equals(path) && other.message.equals(message);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + message.hashCode();
  }

  /** Returns {@code path: message}. */
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
