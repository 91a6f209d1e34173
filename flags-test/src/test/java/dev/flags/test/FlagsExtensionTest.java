package dev.flags.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.flags.Context;
import dev.flags.FlagEvaluator;
import dev.flags.Flags;
import dev.flags.Reason;
import dev.flags.testsupport.Await;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs fixture test classes (the nested static classes below, which the build does not run by
 * themselves) with JUnit's test kit and checks what the extension made of them.
 */
final class FlagsExtensionTest {
  /** What the fixtures saw, in order; cleared before each run. */
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  private static final String FIXTURES = "dev.flags.test.fixtures";

  /** A fixture: runs only when this test runs it, never on its own (e.g. with -Dtest). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @ExtendWith(FixtureCondition.class)
  @interface Fixture {}

  /** Enables fixtures only in the runs this test starts. */
  static final class FixtureCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(FIXTURES).isPresent()
          ? ConditionEvaluationResult.enabled("run by FlagsExtensionTest")
          : ConditionEvaluationResult.disabled("a fixture of FlagsExtensionTest, run by it");
    }
  }

  private static EngineExecutionResults execute(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(FIXTURES, "true")
        .selectors(selectClass(fixture))
        .execute();
  }

  private static Events run(Class<?> fixture) {
    SEEN.clear();
    return execute(fixture).testEvents();
  }

  private static void passes(Class<?> fixture, int tests) {
    Events events = run(fixture);
    assertThat(events.failed().stream()
            .map(e -> e.getTestDescriptor().getDisplayName() + ": "
                + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .map(Throwable::toString)
                    .orElse("")))
        .as("failed fixture tests")
        .isEmpty();
    events.assertStatistics(s -> s.started(tests).succeeded(tests));
  }

  // --- each annotation at method level ---

  @Fixture
  @FlagsTest
  static final class MethodLevel {
    @Test
    @SetBooleanFlag(flag = "new-checkout", value = true)
    void booleanFlag(Flags flags) {
      assertTrue(flags.isEnabled("new-checkout"));
      flags.kill("new-checkout", "the kill switch");
      assertFalse(flags.isEnabled("new-checkout"));
    }

    @Test
    @SetStringFlag(flag = "theme", value = "dark")
    void stringFlag(Flags flags) {
      assertEquals("dark", flags.getString("theme", Context.EMPTY, "light"));
    }

    @Test
    @SetNumberFlag(flag = "retries", value = 3)
    @SetNumberFlag(flag = "ratio", value = 0.25)
    void numberFlags(Flags flags) {
      assertEquals(3, flags.getInt("retries", Context.EMPTY, 0));
      assertEquals(3L, flags.getLong("retries", Context.EMPTY, 0));
      assertEquals(0.25, flags.getDouble("ratio", Context.EMPTY, 0));
    }

    @Test
    @FlagsDocument("flags/checkout.json")
    @SetVariant(flag = "checkout-layout", variant = "wizard")
    void documentAndVariant(FlagEvaluator flags) {
      assertEquals("wizard", flags.getString("checkout-layout", Context.EMPTY, "none"));
      assertEquals(
          Reason.OVERRIDE, flags.evaluate("checkout-layout", Context.EMPTY).reason());
      assertTrue(flags.isEnabled("new-checkout", Context.of("alice"))); // the document's target
    }

    @Test
    @SetBooleanFlag(flag = "a", value = true)
    @SetBooleanFlag(flag = "b", value = false)
    void repeated(Flags flags) {
      assertTrue(flags.isEnabled("a"));
      assertFalse(flags.isEnabled("b"));
    }

    @Test
    void noAnnotation_readyWithNoFlags(Flags flags) {
      assertTrue(flags.isReady());
      assertEquals(Set.of(), flags.flagKeys());
    }
  }

  @Test
  void methodLevel_eachAnnotation_appliesToItsTest() {
    passes(MethodLevel.class, 6);
  }

  // --- class level, and the method over its class ---

  @Fixture
  @FlagsTest
  @FlagsDocument("flags/checkout.json")
  @SetBooleanFlag(flag = "dark-mode", value = true)
  @SetStringFlag(flag = "theme", value = "dark")
  @SetNumberFlag(flag = "retries", value = 5)
  @SetVariant(flag = "checkout-layout", variant = "one-page")
  static final class ClassLevel {
    @Test
    void classAnnotations(Flags flags) {
      assertTrue(flags.isEnabled("dark-mode"));
      assertEquals("dark", flags.getString("theme", Context.EMPTY, "light"));
      assertEquals(5, flags.getInt("retries", Context.EMPTY, 0));
      assertEquals("one-page", flags.getString("checkout-layout", Context.EMPTY, "none"));
      assertEquals("checkout-3+test", flags.version());
    }

    @Test
    @SetBooleanFlag(flag = "dark-mode", value = false)
    @SetVariant(flag = "checkout-layout", variant = "wizard")
    void methodOverClass(Flags flags) {
      assertFalse(flags.isEnabled("dark-mode"));
      assertEquals("wizard", flags.getString("checkout-layout", Context.EMPTY, "none"));
    }

    @Test
    @FlagsDocument("flags/extra.json")
    void methodDocumentLayeredOverClassDocument(Flags flags) {
      assertEquals(
          List.of("classic", "one-page"), flags.flagInfo("checkout-layout").variants());
      assertTrue(flags.isEnabled("new-checkout", Context.of("alice")));
    }
  }

  @Test
  void classLevel_annotations_applyToEveryTestAndMethodsWin() {
    passes(ClassLevel.class, 3);
  }

  // --- inherited from a superclass, and through an annotation of yours ---

  @Fixture
  @FlagsTest
  @FlagsDocument("flags/checkout.json")
  @SetVariant(flag = "checkout-layout", variant = "wizard")
  @SetBooleanFlag(flag = "dark-mode", value = true)
  @SetNumberFlag(flag = "retries", value = 2)
  @SetStringFlag(flag = "theme", value = "dark")
  @SetStringFlag(flag = "font", value = "serif")
  abstract static class Base {}

  @Fixture
  @SetStringFlag(flag = "font", value = "sans")
  static final class Inherited extends Base {
    @Test
    void superclassAnnotations(Flags flags) {
      assertEquals("wizard", flags.getString("checkout-layout", Context.EMPTY, "none"));
      assertTrue(flags.isEnabled("dark-mode"));
      assertEquals(2, flags.getInt("retries", Context.EMPTY, 0));
      assertEquals("dark", flags.getString("theme", Context.EMPTY, "light"));
      assertEquals("sans", flags.getString("font", Context.EMPTY, "mono"));
    }
  }

  @Test
  void inherited_superclassAnnotations_applySubclassWins() {
    passes(Inherited.class, 1);
  }

  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  @FlagsTest
  @SetBooleanFlag(flag = "new-checkout", value = true)
  @interface NewCheckoutOn {}

  @Fixture
  @NewCheckoutOn
  static final class MetaAnnotated {
    @Test
    void metaAnnotation(Flags flags) {
      assertTrue(flags.isEnabled("new-checkout"));
    }
  }

  @Test
  void metaAnnotation_annotationOfYours_applies() {
    passes(MetaAnnotated.class, 1);
  }

  // --- parameterized, nested, fields, reset ---

  @Fixture
  @FlagsTest
  @SetBooleanFlag(flag = "new-checkout", value = true)
  static final class Parameterized {
    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob", "carol"})
    @SetStringFlag(flag = "theme", value = "dark")
    @SetNumberFlag(flag = "retries", value = 4)
    @FlagsDocument("flags/checkout.json")
    @SetVariant(flag = "checkout-layout", variant = "two-page")
    void eachInvocationFreshClient(String user, Flags flags) {
      assertTrue(flags.isEnabled("new-checkout", Context.of(user)), "not killed by the last one");
      assertEquals("dark", flags.getString("theme", Context.of(user), "light"));
      assertEquals(4, flags.getInt("retries", Context.of(user), 0));
      assertEquals("two-page", flags.getString("checkout-layout", Context.of(user), "none"));
      flags.kill("new-checkout", user);
      SEEN.add(user + "@" + flags);
    }
  }

  @Test
  void parameterized_eachInvocation_ownClient() {
    passes(Parameterized.class, 3);
    assertThat(SEEN).hasSize(3).doesNotHaveDuplicates();
  }

  @Fixture
  @FlagsTest
  @SetBooleanFlag(flag = "outer", value = true)
  static final class Outer {
    Flags flags;

    @Test
    void outerTest() {
      assertTrue(flags.isEnabled("outer"));
    }

    @Nested
    @SetBooleanFlag(flag = "inner", value = true)
    final class Inner {
      FlagEvaluator evaluator;

      @Test
      void innerSeesOuterAndOwnAnnotations(Flags param) {
        assertSame(param, flags);
        assertSame(param, evaluator);
        assertTrue(param.isEnabled("outer"));
        assertTrue(param.isEnabled("inner"));
      }
    }
  }

  @Test
  void nested_innerClass_outerAnnotationsAndFieldsToo() {
    passes(Outer.class, 2);
  }

  @Fixture
  @FlagsTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @SetBooleanFlag(flag = "new-checkout", value = true)
  static final class Reset {
    private Flags flags;

    @BeforeEach
    void before(Flags param) {
      assertSame(param, flags, "the field is set before @BeforeEach methods run");
    }

    @Test
    @Order(1)
    void first() {
      flags.kill("new-checkout", "first");
      flags.load(TestFlags.document(TestFlags.flag("other").on()));
    }

    @Test
    @Order(2)
    void second() {
      assertTrue(flags.isEnabled("new-checkout"));
      assertEquals(List.of(), flags.status().killedFlags().keySet().stream().toList());
      SEEN.add(flags.toString());
    }
  }

  @Test
  void reset_betweenTests_freshClientAndClosedAfter() {
    passes(Reset.class, 2);

    assertThat(SEEN).hasSize(1);
    awaitNoClientThreads();
  }

  /** Holds the parallel fixture's tests until all four run at once. */
  static final CyclicBarrier TOGETHER = new CyclicBarrier(4);

  @Fixture
  @FlagsTest
  @SetBooleanFlag(flag = "new-checkout", value = true)
  static final class Parallel {
    private Flags flags;

    private void meet() throws Exception {
      TOGETHER.await(30, TimeUnit.SECONDS);
    }

    @Test
    void kills() throws Exception {
      meet();
      flags.kill("new-checkout", "parallel");
      meet();
      assertFalse(flags.isEnabled("new-checkout"));
      SEEN.add(flags.toString());
    }

    @Test
    void overrides() throws Exception {
      meet();
      flags.override("new-checkout", "off");
      meet();
      assertFalse(flags.isEnabled("new-checkout"));
      SEEN.add(flags.toString());
    }

    @Test
    void loads() throws Exception {
      meet();
      flags.load(TestFlags.document(TestFlags.flag("new-checkout").off()));
      meet();
      assertFalse(flags.isEnabled("new-checkout"));
      SEEN.add(flags.toString());
    }

    @Test
    @SetBooleanFlag(flag = "new-checkout", value = false)
    void readsOnly() throws Exception {
      meet();
      meet();
      assertFalse(flags.isEnabled("new-checkout"));
      assertEquals(
          Reason.FALLTHROUGH, flags.evaluate("new-checkout", Context.EMPTY).reason());
      SEEN.add(flags.toString());
    }
  }

  @Test
  void parallel_testsRunningAtOnce_eachItsOwnClient() {
    SEEN.clear();
    TOGETHER.reset();
    Events events = EngineTestKit.engine("junit-jupiter")
        .configurationParameter(FIXTURES, "true")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(selectClass(Parallel.class))
        .execute()
        .testEvents();

    events.assertStatistics(s -> s.started(4).succeeded(4));
    assertThat(SEEN).hasSize(4).doesNotHaveDuplicates();
    awaitNoClientThreads();
  }

  // --- run a test once for each variant ---

  @Fixture
  @FlagsTest
  @FlagsDocument("flags/checkout.json")
  static final class Matrix {
    @EachVariant(flag = "checkout-layout")
    void eachLayout(Flags flags) {
      SEEN.add(flags.getString("checkout-layout", Context.of("u"), "none"));
      flags.kill("checkout-layout", "a kill beats the variant under test");
      assertEquals("one-page", flags.getString("checkout-layout", Context.of("u"), "none"));
    }

    @EachVariant(
        flag = "checkout-layout",
        variants = {"wizard", "one-page"})
    void someLayouts(Flags flags) {
      SEEN.add("some:" + flags.getString("checkout-layout", Context.of("u"), "none"));
    }
  }

  @Test
  void eachVariant_threeVariants_threeInvocationsInDeclaredOrder() {
    Events events = run(Matrix.class);

    events.assertStatistics(s -> s.started(5).succeeded(5));
    assertThat(SEEN)
        .containsExactly("one-page", "two-page", "wizard", "some:wizard", "some:one-page");
    assertThat(events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
        .contains("checkout-layout=one-page", "checkout-layout=two-page", "checkout-layout=wizard");
  }

  @Fixture
  @FlagsTest
  static final class MatrixOfUnknownFlag {
    @EachVariant(flag = "nope")
    void each() {}
  }

  @Fixture
  @FlagsTest
  @FlagsDocument("flags/checkout.json")
  static final class MatrixOfUndeclaredVariant {
    @EachVariant(
        flag = "checkout-layout",
        variants = {"wizard", "carousel"})
    void each() {}
  }

  @Test
  void eachVariant_unknownFlagOrVariant_failsSaying() {
    Events unknown = execute(MatrixOfUnknownFlag.class).containerEvents();
    Events undeclared = execute(MatrixOfUndeclaredVariant.class).containerEvents();

    unknown
        .assertThatEvents()
        .haveExactly(
            1,
            event(finishedWithFailure(message(
                "@EachVariant(flag = \"nope\"): the test's documents have no such flag (flags:"
                    + " [])"))));
    undeclared
        .assertThatEvents()
        .haveExactly(
            1,
            event(finishedWithFailure(message(
                "@EachVariant(flag = \"checkout-layout\"): 'carousel' is not a declared variant"
                    + " (declared: [one-page, two-page, wizard])"))));
  }

  // --- failing set-ups ---

  @Fixture
  @FlagsTest
  @FlagsDocument("flags/bad.json")
  static final class BadDocument {
    @Test
    void never() {
      SEEN.add("ran");
    }
  }

  @Test
  void badDocument_classAnnotation_testFailsListingEveryProblem() {
    Events events = run(BadDocument.class);

    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("never"),
                finishedWithFailure(message(
                    "@FlagsDocument(\"flags/bad.json\") flag document version 'bad-1' rejected"
                        + " (2 problems)\n"
                        + "  flags.new-checkout.offVariant: 'of' is not a declared variant"
                        + " (declared: on, off)\n"
                        + "  flags.new-checkout.fallthrough.variant: 'maybe' is not a declared"
                        + " variant (declared: on, off)"))));
    assertThat(SEEN).isEmpty();
    awaitNoClientThreads();
  }

  @Fixture
  @FlagsTest
  static final class BadAnnotations {
    @Test
    @SetNumberFlag(flag = "ratio", value = Double.NaN)
    void notJson() {}

    @Test
    @SetBooleanFlag(flag = "new-checkout", value = true)
    @SetVariant(flag = "new-checkout", variant = "maybe")
    void undeclaredVariant() {}

    @Test
    @FlagsDocument("flags/missing.json")
    void missingResource() {}
  }

  @Test
  void badAnnotations_eachTestFailsSaying() {
    Events events = run(BadAnnotations.class);

    events.assertStatistics(s -> s.started(3).failed(3));
    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("notJson"),
                finishedWithFailure(message(
                    "@SetBooleanFlag, @SetStringFlag, @SetNumberFlag: flag document rejected (1"
                        + " problem)\n  flags.ratio.variants.value: invalid JSON: Non-standard"
                        + " token 'NaN' (line 1, column 79)"))))
        .haveExactly(
            1,
            event(
                test("undeclaredVariant"),
                finishedWithFailure(message(
                    "@SetVariant(flag = \"new-checkout\", variant = \"maybe\"): cannot override flag"
                        + " 'new-checkout' with variant 'maybe': declared variants are [on, off]"
                        + " (flags served: [new-checkout])"))))
        .haveExactly(
            1,
            event(
                test("missingResource"),
                finishedWithFailure(message(
                    "@FlagsDocument(\"flags/missing.json\"): no such class path resource (looked up"
                        + " with the class loader of " + BadAnnotations.class.getName() + ")"))));
  }

  @Fixture
  @FlagsTest
  static final class ParameterOutsideTests {
    @BeforeAll
    static void beforeAll(Flags flags) {}

    @Test
    void never() {}
  }

  @Test
  void parameter_beforeAll_notResolvedSaying() {
    Events events = execute(ParameterOutsideTests.class).containerEvents();

    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(finishedWithFailure(message(m -> m.startsWith(
                "a Flags client is given to test methods and to @BeforeEach and @AfterEach"
                    + " methods, not to static void")))));
  }

  private static void awaitNoClientThreads() {
    Await.until("the kit's clients' threads to end", () -> clientThreads() == 0);
  }

  private static long clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("flags-test-"))
        .count();
  }
}
