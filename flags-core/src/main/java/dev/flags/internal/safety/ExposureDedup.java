package dev.flags.internal.safety;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Which exposures were delivered within the period: a Caffeine cache of exposure hashes bounded
 * by size and by time since first seen, with the client's clock as its ticker and maintenance on
 * the calling thread (no thread of Caffeine's own). Used on the delivery thread only, never on an
 * evaluating thread; the only class that touches Caffeine.
 */
final class ExposureDedup {
  private final Cache<Long, Boolean> seen;

  ExposureDedup(long maxEntries, Duration period, Clock clock) {
    this.seen = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfterWrite(period)
        .ticker(() -> clock.millis() * 1_000_000L)
        .executor(Runnable::run)
        .build();
  }

  /**
   * Records an exposure hash.
   *
   * @return true if it was not seen within the period (or was forgotten for room)
   */
  boolean firstSeen(long hash) {
    return seen.asMap().putIfAbsent(hash, Boolean.TRUE) == null;
  }

  /** Entries held now, for tests and measurements (runs pending maintenance first). */
  long size() {
    seen.cleanUp();
    return seen.estimatedSize();
  }
}
