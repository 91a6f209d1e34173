package dev.flags.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.FlagEvaluator;
import dev.flags.Flags;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The code of docs/testing.md and the README's test-kit snippet, run as the build runs any test
 * (each snippet is a nested class here, a top-level class in the docs).
 */
final class TestingDocSnippetsTest {
  /** The code under test in the docs: a checkout that asks a flag. */
  record Checkout(FlagEvaluator flags, String user) {
    Checkout(FlagEvaluator flags) {
      this(flags, "user-42");
    }

    String page() {
      return flags.isEnabled("new-checkout", Context.of(user)) ? "new" : "old";
    }

    String render() {
      return "<" + flags.getString("checkout-layout", Context.of(user), "classic") + "> Pay now";
    }
  }

  @Nested
  // snippet: smallest
  @FlagsTest
  class CheckoutTest {
    @Test @SetBooleanFlag(flag = "new-checkout", value = true)
    void newCheckout(Flags flags) { assertThat(new Checkout(flags).page()).isEqualTo("new"); }
  }
  // end snippet

  static final List<String> LAYOUTS = new CopyOnWriteArrayList<>();

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  // snippet: matrix
  @FlagsTest
  @FlagsDocument("flags/checkout.json")
  class CheckoutLayoutTest {
    @EachVariant(flag = "checkout-layout")
    void rendersInEveryLayout(Flags flags) {
      assertThat(new Checkout(flags).render()).endsWith("> Pay now");
    }
    // end snippet

    @AfterEach
    void record(Flags flags) {
      LAYOUTS.add(new Checkout(flags).render());
    }

    @AfterAll
    void everyLayoutRan() {
      assertThat(LAYOUTS)
          .containsExactly("<one-page> Pay now", "<two-page> Pay now", "<wizard> Pay now");
    }
  }

  @Nested
  @FlagsTest
  class KillSwitchTest {
    // snippet: kill-switch
    @Test
    @SetBooleanFlag(flag = "new-checkout", value = true)
    void killSwitch_oldCheckoutAgain(Flags flags) {
      assertThat(new Checkout(flags).page()).isEqualTo("new");

      flags.kill("new-checkout", "INC-2041");

      assertThat(new Checkout(flags).page()).isEqualTo("old");
    }
    // end snippet

    // snippet: rules
    @Test
    void rollout_targetsAndTenPercent(Flags flags) {
      flags.load(TestFlags.document(
          TestFlags.flag("new-checkout").on().forKeys("alice").rolloutPercent(10)));

      assertThat(new Checkout(flags, "alice").page()).isEqualTo("new");
      assertThat(new Checkout(flags, "user-3").page()).isEqualTo("old"); // in the other 90%
    }
    // end snippet
  }
}
