package dev.flags;

/**
 * Receives exposure events ({@link Flags.Builder#onExposure}): one per context key, flag and
 * variant within the de-duplication period. Runs on the client's exposure thread, never on the
 * evaluating thread; when it falls behind and its queue is full, the client sheds exposures
 * (evaluations stop recording them until the listener has drained half the queue) and counts
 * what it dropped and how long it shed ({@link FlagMetrics#exposuresDropped()}, {@link
 * FlagMetrics#exposureSheds()}, {@link FlagMetrics#exposureShedTime()}).
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
