package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class KillSwitchTest {
  private static final Context ALICE = Context.of("alice");
  private static final Context NZ =
      Context.newBuilder("kiwi").set("country", "NZ").build();
  private static final Context ANYONE = Context.of("someone");

  /** checkout: target alice → on, rule country=NZ → on, fallthrough off; tagged payments. */
  private static final String CHECKOUT = flag(
      "checkout",
      "'tags': ['payments'], 'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
          + " 'targets': [{'variant': 'on', 'keys': ['alice']}],"
          + " 'rules': [{'id': 'nz', 'conditions': [{'attribute': 'country', 'op': 'in',"
          + " 'values': ['NZ']}], 'variant': 'on'}],"
          + " 'fallthrough': {'variant': 'on'}");

  private static final String REFUNDS = onOff("refunds", "on", "'tags': ['payments', 'money']");
  private static final String SEARCH = onOff("search", "on");
  private static final String LEGACY = onOff("legacy", "on", "'enabled': false");

  private final MemorySource remote =
      MemorySource.of("remote", doc("v1", CHECKOUT, REFUNDS, SEARCH, LEGACY));
  private final Flags flags =
      Flags.newBuilder().name("kill-test").source(remote).build();

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void kill_flag_servesOffVariantWithReasonKilledToEveryone() {
    flags.kill("checkout", "card processor outage");

    for (Context c : List.of(ALICE, NZ, ANYONE, Context.EMPTY)) {
      Evaluation e = flags.evaluate("checkout", c);
      assertThat(e.reason()).as(c.toString()).isEqualTo(Reason.KILLED);
      assertThat(e.variant()).isEqualTo("off");
      assertThat(e.value()).isEqualTo(false);
      assertThat(e.version()).isEqualTo("v1");
    }
    assertThat(flags.isEnabled("checkout", ALICE)).isFalse();
    assertThat(flags.evaluate("search", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void kill_beforeKill_targetsAndRulesServe() {
    assertThat(flags.evaluate("checkout", ALICE).reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(flags.evaluate("checkout", NZ).reason()).isEqualTo(Reason.RULE_MATCH);
  }

  @Test
  void kill_documentDisabledFlag_killedWins() {
    assertThat(flags.evaluate("legacy", ANYONE).reason()).isEqualTo(Reason.DISABLED);

    flags.kill("legacy", "belt and braces");

    assertThat(flags.evaluate("legacy", ANYONE).reason()).isEqualTo(Reason.KILLED);
  }

  @Test
  void kill_overriddenFlag_killedWinsAndOverrideReturnsOnRestore() {
    flags.override("checkout", "on");
    assertThat(flags.evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.OVERRIDE);

    flags.kill("checkout", "outage");
    assertThat(flags.evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.KILLED);

    assertThat(flags.restore("checkout")).isTrue();
    assertThat(flags.evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.OVERRIDE);
  }

  @Test
  void kill_thenReload_stillKilled() {
    flags.kill("checkout", "outage");

    assertThat(remote.update(doc("v2", CHECKOUT, SEARCH)).isAccepted()).isTrue();

    Evaluation e = flags.evaluate("checkout", ALICE);
    assertThat(e.reason()).isEqualTo(Reason.KILLED);
    assertThat(e.version()).isEqualTo("v2");
  }

  @Test
  void kill_flagNotYetInDocument_appliesWhenItAppears() {
    flags.kill("new-thing", "not ready for production");
    assertThat(flags.evaluate("new-thing", ANYONE).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(flags.status().killedFlags()).containsEntry("new-thing", "not ready for production");

    remote.update(doc("v2", CHECKOUT, onOff("new-thing", "on")));

    assertThat(flags.evaluate("new-thing", ANYONE).reason()).isEqualTo(Reason.KILLED);
  }

  @Test
  void killTag_killsEveryTaggedFlagAndReturnsTheirKeys() {
    List<String> hit = flags.killTag("payments", "fraud spike");

    assertThat(hit).containsExactly("checkout", "refunds");
    assertThat(flags.evaluate("checkout", ALICE).reason()).isEqualTo(Reason.KILLED);
    assertThat(flags.evaluate("refunds", ANYONE).reason()).isEqualTo(Reason.KILLED);
    assertThat(flags.evaluate("search", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.status().killedTags()).containsEntry("payments", "fraud spike");
  }

  @Test
  void killTag_flagTaggedInLaterDocument_killedToo() {
    flags.killTag("payments", "fraud spike");

    assertThat(remote
            .update(doc(
                "v2",
                CHECKOUT,
                onOff("payouts", "on", "'tags': ['payments']"),
                onOff("search", "on", "'tags': []")))
            .isAccepted())
        .isTrue();

    assertThat(flags.evaluate("payouts", ANYONE).reason()).isEqualTo(Reason.KILLED);
    assertThat(flags.evaluate("search", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
  }

  @Test
  void killTag_tagAddedToExistingFlagByReload_killsIt() {
    flags.killTag("money", "audit");
    assertThat(flags.evaluate("search", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);

    remote.update(doc("v2", onOff("search", "on", "'tags': ['money']")));

    assertThat(flags.evaluate("search", ANYONE).reason()).isEqualTo(Reason.KILLED);
  }

  @Test
  void restore_killedFlag_servesDocumentAgain() {
    flags.kill("checkout", "outage");

    assertThat(flags.restore("checkout")).isTrue();

    assertThat(flags.evaluate("checkout", ALICE).reason()).isEqualTo(Reason.TARGET_MATCH);
    assertThat(flags.status().killedFlags()).isEmpty();
  }

  @Test
  void restore_notKilled_returnsFalse() {
    assertThat(flags.restore("checkout")).isFalse();
    assertThat(flags.restoreTag("payments")).isFalse();
  }

  @Test
  void restore_flagAlsoKilledByTag_staysKilledUntilRestoreTag() {
    flags.kill("checkout", "outage");
    flags.killTag("payments", "fraud");

    assertThat(flags.restore("checkout")).isTrue();
    assertThat(flags.evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.KILLED);

    assertThat(flags.restoreTag("payments")).isTrue();
    assertThat(flags.evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.evaluate("refunds", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.status().killedTags()).isEmpty();
  }

  @Test
  void kill_prerequisite_dependentsFailPrerequisite() {
    remote.update(doc(
        "v2",
        CHECKOUT,
        flag(
            "upsell",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'prerequisites': [{'flag': 'checkout', 'variant': 'on'}],"
                + " 'fallthrough': {'variant': 'on'}")));
    assertThat(flags.evaluate("upsell", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);

    flags.kill("checkout", "outage");

    Evaluation e = flags.evaluate("upsell", ANYONE);
    assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(e.prerequisiteKey()).isEqualTo("checkout");
    assertThat(e.variant()).isEqualTo("off");
  }

  @Test
  void kill_prerequisiteWhoseOffVariantIsRequired_stillFails() {
    remote.update(doc(
        "v2",
        CHECKOUT,
        flag(
            "fallback-ui",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'prerequisites': [{'flag': 'checkout', 'variant': 'off'}],"
                + " 'fallthrough': {'variant': 'on'}")));
    flags.kill("checkout", "outage");

    assertThat(flags.evaluate("fallback-ui", ANYONE).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void kill_returns_nextEvaluationOnAnotherThreadSeesIt() throws Exception {
    CountDownLatch evaluatedOnce = new CountDownLatch(1);
    CountDownLatch killed = new CountDownLatch(1);
    AtomicReference<Reason> before = new AtomicReference<>();
    AtomicReference<Reason> after = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread evaluator = new Thread(
        () -> {
          try {
            before.set(flags.evaluate("checkout", ANYONE).reason());
            evaluatedOnce.countDown();
            if (killed.await(10, TimeUnit.SECONDS)) {
              after.set(flags.evaluate("checkout", ANYONE).reason());
            }
          } catch (Throwable t) {
            failure.set(t);
          }
        },
        "kill-visibility-evaluator");
    evaluator.start();

    assertThat(evaluatedOnce.await(10, TimeUnit.SECONDS)).isTrue();
    flags.kill("checkout", "outage");
    killed.countDown();
    evaluator.join(10_000);

    assertThat(failure.get()).isNull();
    assertThat(before.get()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(after.get()).isEqualTo(Reason.KILLED);
  }

  @Test
  void kill_beforeReady_appliesToFirstDocument() {
    TestSource late = TestSource.silent("late");
    try (Flags pending = Flags.newBuilder().source(late).build()) {
      pending.kill("checkout", "not yet");
      assertThat(pending.evaluate("checkout", ANYONE).errorCode()).isEqualTo(ErrorCode.NOT_READY);

      late.deliver(doc("v1", CHECKOUT));

      assertThat(pending.evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.KILLED);
    }
  }

  @Test
  void kill_snapshotTakenBefore_keepsItsAnswer() {
    FlagSnapshot before = flags.snapshot();

    flags.kill("checkout", "outage");

    assertThat(before.evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.snapshot().evaluate("checkout", ANYONE).reason()).isEqualTo(Reason.KILLED);
  }
}
