package dev.flags.http;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Poll-with-deadline helpers: tests wait for a condition, never for a fixed time. */
final class Await {
  /** Generous, because the build machine is shared: a passing condition returns at once. */
  static final Duration DEFAULT = Duration.ofSeconds(15);

  private static final long STEP_MILLIS = 5;

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    until(DEFAULT, what, condition);
  }

  static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after %s waiting until %s", timeout, what);
      }
      pause();
    }
  }

  /** Waits until the supplied value matches, and returns it (the last value in the failure). */
  static <T> T until(String what, Supplier<T> value, Predicate<? super T> condition) {
    return until(DEFAULT, what, value, condition);
  }

  static <T> T until(
      Duration timeout, String what, Supplier<T> value, Predicate<? super T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = value.get();
      if (condition.test(v)) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        fail("timed out after %s waiting until %s; last value: %s", timeout, what, v);
      }
      pause();
    }
  }

  /** Asserts that the condition holds during the whole window, checking it continuously. */
  static void stays(Duration window, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + window.toNanos();
    do {
      if (!condition.getAsBoolean()) {
        fail("expected %s to hold for %s, but it stopped holding", what, window);
      }
      pause();
    } while (System.nanoTime() < end);
  }

  private static void pause() {
    try {
      Thread.sleep(STEP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
