package dev.flags.spi;

import java.util.Map;

/**
 * Delivers flag documents to a client. A source only fetches bytes and reports its health; the
 * client reads, validates, merges and compiles them, and a rejected document never replaces what
 * is served.
 *
 * <p>Lifecycle: the client calls {@link #start} once, from {@code Flags.Builder.build()}, and
 * {@link #close} once when the client closes. A source must not block in {@code start} for long:
 * it should deliver what it has at hand (e.g. a cache file) and schedule the rest on {@link
 * SourceContext#scheduler()}, which the client owns. A source that needs threads of its own must
 * make them named daemon threads and stop them in {@code close}.
 *
 * <p>Implementations must be thread-safe: {@link #refresh} may be called from any thread.
 *
 * @since 0.1.0
 */
public interface FlagSource {
  /**
   * A short name for status, logs and the audit trail (e.g. {@code "file:/etc/flags.json"}).
   *
   * @return the name
   */
  String name();

  /**
   * Starts delivering documents.
   *
   * @param context where to deliver documents and report health
   */
  void start(SourceContext context);

  /** Fetches now rather than at the next scheduled time, if the source polls. */
  default void refresh() {}

  /**
   * The source's own monotonic counters, by name, for metrics (e.g. {@code requests}, {@code
   * failures}); shown in {@link dev.flags.SourceStatus#counters()} and exported by metrics
   * adapters. Called from any thread, with the client's lock held: cheap, never blocking.
   *
   * @return the counters; by default none
   */
  default Map<String, Long> counters() {
    return Map.of();
  }

  /** Stops the source: promptly, idempotently, leaving no thread behind. */
  void close();
}
