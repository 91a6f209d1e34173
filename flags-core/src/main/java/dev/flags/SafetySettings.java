package dev.flags;

import dev.flags.internal.runtime.SafetyOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What {@link Flags.Builder} collects for metrics, exposures and guardrails. Not thread-safe. */
final class SafetySettings {
  /** The default number of exposures remembered for de-duplication. */
  static final long DEFAULT_EXPOSURE_ENTRIES = 1_000_000;

  /** The default capacity of the exposure queue. */
  static final int DEFAULT_EXPOSURE_QUEUE = 8_192;

  static final Duration DEFAULT_EXPOSURE_PERIOD = Duration.ofMinutes(5);
  private static final int MAX_QUEUE = 1 << 24;

  boolean metrics;

  @Nullable
  ExposureListener exposureListener;

  private long exposureEntries = DEFAULT_EXPOSURE_ENTRIES;
  private Duration exposurePeriod = DEFAULT_EXPOSURE_PERIOD;
  private int exposureQueue = DEFAULT_EXPOSURE_QUEUE;
  final Map<String, Guardrail> guardrails = new LinkedHashMap<>();

  void exposureDedup(long maxEntries, Duration period) {
    Objects.requireNonNull(period, "period");
    if (maxEntries < 1) {
      throw new IllegalArgumentException(
          "exposure de-duplication needs at least 1 entry but was " + maxEntries);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "exposure de-duplication period must be more than zero but was " + period);
    }
    this.exposureEntries = maxEntries;
    this.exposurePeriod = period;
  }

  void exposureQueue(int capacity) {
    if (capacity < 2 || capacity > MAX_QUEUE) {
      throw new IllegalArgumentException(
          "exposure queue capacity must be from 2 to " + MAX_QUEUE + " but was " + capacity);
    }
    this.exposureQueue = Integer.highestOneBit(capacity - 1) << 1;
  }

  SafetyOptions options(boolean clockSet) {
    ExposureListener l = exposureListener;
    SafetyOptions.Exposures x = l == null
        ? null
        : new SafetyOptions.Exposures(l, exposureEntries, exposurePeriod, exposureQueue);
    return new SafetyOptions(metrics, x, guardrails, !clockSet);
  }
}
