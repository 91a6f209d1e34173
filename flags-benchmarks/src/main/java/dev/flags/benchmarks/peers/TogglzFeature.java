package dev.flags.benchmarks.peers;

import org.togglz.core.Feature;

/** The scenario flags Togglz can express, as the enum Togglz requires. */
public enum TogglzFeature implements Feature {
  /** {@link dev.flags.benchmarks.Fixture#SIMPLE}. */
  SIMPLE_ON,
  /** {@link dev.flags.benchmarks.Fixture#KILLED}. */
  KILLED,
  /** {@link dev.flags.benchmarks.Fixture#TARGETS}. */
  TARGETS,
  /** {@link dev.flags.benchmarks.Fixture#ROLLOUT}. */
  ROLLOUT
}
