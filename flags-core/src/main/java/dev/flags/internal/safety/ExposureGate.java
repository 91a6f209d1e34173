package dev.flags.internal.safety;

import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCell;

/**
 * A served snapshot and its twin without the exposure tap, and the client's field that holds one
 * of them. While the exposure queue is full the tracker serves the twin, so that an evaluation
 * takes exactly the path it takes with exposures off; once the queue has drained, the snapshot
 * again. Each swap is one compare-and-set of the field, so it neither waits nor allocates, and it
 * never replaces a snapshot the controller published since.
 *
 * @param cell the client's field
 * @param open the snapshot as published, with the tap
 * @param shed the same snapshot without the tap (metrics, if on, still count)
 */
record ExposureGate(SnapshotCell cell, Snapshot open, Snapshot shed) {
  /** The gate for a snapshot about to be published: its twin is made here. */
  static ExposureGate of(SnapshotCell cell, Snapshot open) {
    return new ExposureGate(cell, open, open.withObservation(open.counters(), null));
  }

  /**
   * Serves the twin if the snapshot is served.
   *
   * @return whether this call swapped
   */
  boolean close() {
    return cell.get() == open && cell.compareAndSet(open, shed);
  }

  /**
   * Serves the snapshot if the twin is served.
   *
   * @return whether this call swapped
   */
  boolean reopen() {
    return cell.get() == shed && cell.compareAndSet(shed, open);
  }

  /**
   * Whether the twin is served.
   *
   * @return true while this gate is closed
   */
  boolean closed() {
    return cell.get() == shed;
  }
}
