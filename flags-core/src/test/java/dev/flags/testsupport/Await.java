package dev.flags.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Poll-with-deadline helpers for every module's tests: a test waits for a condition, never for a
 * fixed time. Shared through flags-core's test jar.
 */
public final class Await {
  /** Generous, because the build machine is shared: a passing condition returns at once. */
  public static final Duration DEFAULT = Duration.ofSeconds(15);

  private static final long STEP_MILLIS = 2;

  private Await() {}

  /** Waits until {@code condition} holds; fails the test if it does not within {@code timeout}. */
  public static void until(Duration timeout, BooleanSupplier condition) {
    until(timeout, condition, () -> "condition");
  }

  /** Waits with the {@link #DEFAULT} deadline, describing what was awaited on failure. */
  public static void until(BooleanSupplier condition, Supplier<String> description) {
    until(DEFAULT, condition, description);
  }

  /** Waits until {@code condition} holds, describing what was awaited on failure. */
  public static void until(
      Duration timeout, BooleanSupplier condition, Supplier<String> description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out after %s waiting for: %s", timeout, description.get());
      }
      pause();
    }
  }

  /** Waits with the {@link #DEFAULT} deadline until {@code what} holds. */
  public static void until(String what, BooleanSupplier condition) {
    until(DEFAULT, condition, () -> what);
  }

  /** Waits until {@code what} holds. */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    until(timeout, condition, () -> what);
  }

  /** Waits until the supplied value matches, and returns it (the last value in the failure). */
  public static <T> T until(String what, Supplier<T> value, Predicate<? super T> condition) {
    return until(DEFAULT, what, value, condition);
  }

  /** Like {@link #until(String, Supplier, Predicate)} with a deadline. */
  public static <T> T until(
      Duration timeout, String what, Supplier<T> value, Predicate<? super T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = value.get();
      if (condition.test(v)) {
        return v;
      }
      if (System.nanoTime() - deadline > 0) {
        fail("timed out after %s waiting for: %s; last value: %s", timeout, what, v);
      }
      pause();
    }
  }

  /** Asserts that the condition holds during the whole window, checking it continuously. */
  public static void stays(Duration window, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + window.toNanos();
    do {
      if (!condition.getAsBoolean()) {
        fail("expected %s to hold for %s, but it stopped holding", what, window);
      }
      pause();
    } while (System.nanoTime() - end < 0);
  }

  private static void pause() {
    try {
      Thread.sleep(STEP_MILLIS); // the poll step, not a wait for an effect
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
