package dev.flags;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: for effects that happen on threads. */
public final class Await {
  /** A deadline generous enough for a loaded CI machine; conditions normally hold in ms. */
  public static final Duration DEFAULT = Duration.ofSeconds(10);

  private Await() {}

  /** Waits until {@code condition} holds; fails the test if it does not within {@code timeout}. */
  public static void until(Duration timeout, BooleanSupplier condition) {
    until(timeout, condition, () -> "condition");
  }

  /** Like {@link #until(Duration, BooleanSupplier)}, describing what was awaited on failure. */
  public static void until(
      Duration timeout, BooleanSupplier condition, Supplier<String> description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for: " + description.get());
      }
      try {
        Thread.sleep(2); // the poll step, not a wait for an effect
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + description.get(), e);
      }
    }
  }

  /** Waits with the {@link #DEFAULT} deadline. */
  public static void until(BooleanSupplier condition, Supplier<String> description) {
    until(DEFAULT, condition, description);
  }
}
