package dev.flags.internal.runtime;

import dev.flags.ExposureListener;
import dev.flags.Guardrail;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the client's builder asked of the safety loop: metrics on or off, the exposure listener
 * and its bounds, guardrails set in code, and whether guarded calls are timed with {@link
 * System#nanoTime} (the default clock) or with the injected clock.
 *
 * @param metrics whether evaluations are counted
 * @param exposures the exposure settings, or null when exposures are off
 * @param guardrails guardrails set in code, by flag key
 * @param nanoTimer whether guarded calls are timed with {@link System#nanoTime}
 */
public record SafetyOptions(
    boolean metrics,
    @Nullable Exposures exposures,
    Map<String, Guardrail> guardrails,
    boolean nanoTimer) {

  /** Nothing on: the client as it was before metrics, exposures and guardrails. */
  public static final SafetyOptions NONE = new SafetyOptions(false, null, Map.of(), true);

  /** Copies the map. */
  public SafetyOptions {
    guardrails = Map.copyOf(guardrails);
  }

  /**
   * Exposure settings.
   *
   * @param listener who receives exposures
   * @param maxEntries the most exposures remembered for de-duplication
   * @param period how long one is remembered
   * @param queueCapacity the delivery queue's capacity (a power of two)
   */
  public record Exposures(
      ExposureListener listener, long maxEntries, Duration period, int queueCapacity) {}
}
