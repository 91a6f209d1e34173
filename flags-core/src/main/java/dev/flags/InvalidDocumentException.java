package dev.flags;

import dev.flags.spi.LoadResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A flag document was rejected. Lists every problem found; nothing of the document was applied
 * and the previously loaded flags keep serving.
 *
 * @since 0.1.0
 */
public final class InvalidDocumentException extends FlagsException {
  /** The serialized form's version. */
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;
  /** The rejected document's version, when it could be read. */
  private final @Nullable String version;

  /**
   * Creates the exception.
   *
   * @param version the document's version, when it could be read
   * @param problems every problem found, at least one
   */
  public InvalidDocumentException(@Nullable String version, List<Problem> problems) {
    super(LoadResult.rejected(version, problems).report());
    this.problems = List.copyOf(problems);
    this.version = version;
  }

  /**
   * Every problem found: segments first, then flags (each in document order, a flag's fields in
   * a fixed order), then references between flags (unknown prerequisites, cycles).
   *
   * @return an unmodifiable, non-empty list
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The version of the rejected document, when it could be read.
   *
   * @return the version or null
   */
  public @Nullable String version() {
    return version;
  }
}
