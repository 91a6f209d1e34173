package dev.flags;

/**
 * Receives exposure events ({@link Flags.Builder#onExposure}): one per context key, flag and
 * variant within the de-duplication period. Runs on the client's exposure thread, never on the
 * evaluating thread; when it falls behind, exposures are dropped and counted ({@link
 * FlagMetrics#exposuresDropped()}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExposureListener {
  /**
   * A context key saw a flag's variant.
   *
   * @param exposure the exposure
   */
  void onExposure(Exposure exposure);
}
