package dev.flags.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.FlagEvaluator;
import dev.flags.Flags;
import dev.flags.testsupport.Snippets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

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
      String page =
          "<" + flags.getString("checkout-layout", Context.of(user), "classic") + "> Pay now";
      RENDERED.add(page);
      return page;
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

  /** What {@code Checkout.render()} gave, in order. */
  static final List<String> RENDERED = new CopyOnWriteArrayList<>();

  /** Checks that the variant matrix rendered every layout, once each, in declared order. */
  static final class EveryLayoutRendered implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      RENDERED.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
      assertThat(RENDERED)
          .containsExactly("<one-page> Pay now", "<two-page> Pay now", "<wizard> Pay now");
    }
  }

  @Nested
  @ExtendWith(EveryLayoutRendered.class)
  // snippet: matrix
  @FlagsTest
  @FlagsDocument("flags/checkout.json")
  class CheckoutLayoutTest {
    @EachVariant(flag = "checkout-layout")
    void rendersInEveryLayout(Flags flags) {
      assertThat(new Checkout(flags).render()).endsWith("> Pay now");
    }
  }
  // end snippet

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

  @Test
  void guideAndReadme_showTheSnippetsVerbatim() {
    Path self = Path.of("src/test/java/dev/flags/test/TestingDocSnippetsTest.java");

    Snippets.assertQuoted(
        Path.of("../docs/testing.md"), self, "smallest", "matrix", "kill-switch", "rules");
    Snippets.assertQuoted(Path.of("../README.md"), self, "smallest");
  }
}
