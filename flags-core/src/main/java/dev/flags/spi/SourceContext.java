package dev.flags.spi;

import dev.flags.DocumentLimits;
import dev.flags.ErrorInfo;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What a client gives each of its sources: where to deliver documents, where to report health, a
 * clock and a scheduler. Thread-safe.
 *
 * @since 0.1.0
 */
public interface SourceContext {
  /**
   * Delivers a document. The client reads, validates and (if it is acceptable together with the
   * other sources' documents) serves it before this method returns. The client reads the array
   * during this call only (it keeps a compressed copy of the document), so the source may reuse
   * the array once the call returns.
   *
   * @param document the document's UTF-8 bytes
   * @return whether it was accepted, and why not
   */
  LoadResult update(byte[] document);

  /**
   * Delivers a document from a fallback, such as a last-known-good cache file, while the real
   * origin cannot be reached. Accepted like {@link #update}, but the source is reported {@link
   * dev.flags.Status.State#STALE} with this note until its next {@link #update} or {@link
   * #unchanged}. The client reads the array during this call only, as with {@link #update}.
   *
   * @param document the document's UTF-8 bytes
   * @param note why, e.g. {@code "server unreachable; serving cache file /var/cache/flags.json"}
   * @return whether it was accepted, and why not
   */
  LoadResult updateStale(byte[] document, String note);

  /** The source checked its origin and the document is unchanged (e.g. HTTP 304). */
  void unchanged();

  /**
   * The source now has no document (e.g. an optional override file was deleted): its layer is
   * removed and the others serve.
   */
  void clear();

  /**
   * The source failed to fetch. What is served does not change.
   *
   * @param error what went wrong
   */
  void failed(ErrorInfo error);

  /**
   * Sets a note about the source that does not change its state: e.g. {@code "notifications down:
   * HTTP 503 from https://relay.example.com/flags"} while the source still fetches its document
   * by polling. The note shows in {@link dev.flags.SourceStatus#detail()} after the state's own
   * detail, if any, until the source replaces it or removes it with null. The client's status
   * listeners hear of it like of any other change. Sources that have nothing to note ignore this.
   *
   * @param note the note, or null to remove it
   */
  default void note(@Nullable String note) {}

  /**
   * The client's clock: use it for every time the source records or compares.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * A scheduler for this source alone: one named daemon thread, owned by the client and stopped
   * when it closes. A source that blocks here (slow disk, hung network file system) delays only
   * itself, never the other sources or the client's schedule boundaries.
   *
   * @return the scheduler
   */
  ScheduledExecutorService scheduler();

  /**
   * The largest document the client accepts, in bytes ({@code DocumentLimits.maxDocumentBytes}):
   * a source should stop reading beyond it rather than hold an endless stream in memory.
   *
   * @return the limit in bytes
   */
  default int maxDocumentBytes() {
    return DocumentLimits.DEFAULT_MAX_DOCUMENT_BYTES;
  }
}
