package dev.flags.internal.snapshot;

/**
 * The client's one mutable reference: the snapshot its evaluations read. The client's controller
 * writes it under its lock; the exposure tracker swaps it between a snapshot and that snapshot's
 * twin without the exposure tap, lock-free, when its queue fills and drains (see {@code
 * ExposureGate}).
 */
public interface SnapshotCell {
  /**
   * The snapshot served now.
   *
   * @return the snapshot
   */
  Snapshot get();

  /**
   * Serves {@code next}.
   *
   * @param next the snapshot to serve
   */
  void set(Snapshot next);

  /**
   * Serves {@code next} if {@code expected} is served now (by identity).
   *
   * @param expected the snapshot thought to be served
   * @param next the snapshot to serve instead
   * @return whether it was swapped
   */
  boolean compareAndSet(Snapshot expected, Snapshot next);
}
