package dev.flags.internal.document;

import dev.flags.InvalidDocumentException;
import dev.flags.Problem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a step of loading (reading, validating): a value, or the document's problems.
 * Steps return this instead of throwing, so that callers branch on it; only the public edge turns
 * a rejection into an {@link InvalidDocumentException}.
 *
 * @param <T> the value's type
 */
public sealed interface DocumentResult<T> {
  /**
   * A successful step.
   *
   * @param value the value
   * @param <T> its type
   */
  record Ok<T>(T value) implements DocumentResult<T> {}

  /**
   * A rejected document.
   *
   * @param version the document's version when it could be read, else null
   * @param problems every problem found, at least one
   * @param <T> the type the step would have produced
   */
  record Rejected<T>(@Nullable String version, List<Problem> problems)
      implements DocumentResult<T> {
    public Rejected {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a rejection lists at least one problem");
      }
    }

    /**
     * The same rejection as a result of another type.
     *
     * @param <U> the other type
     * @return the rejection
     */
    public <U> Rejected<U> cast() {
      return new Rejected<>(version, problems);
    }

    /**
     * The rejection as the public exception.
     *
     * @return the exception
     */
    public InvalidDocumentException toException() {
      return new InvalidDocumentException(version, problems);
    }
  }

  /**
   * The value, or the exception for the public edge.
   *
   * @return the value
   * @throws InvalidDocumentException if rejected
   */
  default T orThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw ((Rejected<T>) this).toException();
  }
}
