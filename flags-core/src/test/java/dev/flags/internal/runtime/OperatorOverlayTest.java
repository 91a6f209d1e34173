package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.Evaluator;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.testsupport.Docs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kills and overrides kept by key and laid over compiled snapshots. */
final class OperatorOverlayTest {
  private static final Context ALICE = Context.of("alice");
  private static final Context BOB = Context.of("bob");

  private final OperatorOverlay overlay = new OperatorOverlay();
  private final Snapshot base = compile(Docs.doc(
      "v1",
      Docs.onOff("checkout", "on", "'tags': ['payments']"),
      Docs.onOff("search", "on"),
      Docs.abc("ranking", "a")));

  @Test
  void applyTo_nothingChanged_returnsTheBaseItself() {
    assertThat(overlay.applyTo(base)).isSameAs(base);
  }

  @Test
  void applyTo_notReady_returnsTheBase() {
    overlay.kill("checkout", "incident");

    assertThat(overlay.applyTo(Snapshot.EMPTY)).isSameAs(Snapshot.EMPTY);
  }

  @Test
  void kill_flag_servesOffVariantKilledAndOthersUntouched() {
    overlay.kill("checkout", "incident");

    Snapshot s = overlay.applyTo(base);

    assertThat(eval(s, "checkout", ALICE).reason()).isEqualTo(Reason.KILLED);
    assertThat(eval(s, "checkout", ALICE).variant()).isEqualTo("off");
    assertThat(eval(s, "search", ALICE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(overlay.killedFlags()).containsEntry("checkout", "incident");
  }

  @Test
  void kill_unknownFlag_appliesWhenItAppears() {
    overlay.kill("later", "not yet");
    assertThat(overlay.applyTo(base)).isSameAs(base); // nothing to lay over this one

    Snapshot next = compile(Docs.doc("v2", Docs.onOff("later", "on")));

    assertThat(eval(overlay.applyTo(next), "later", ALICE).reason()).isEqualTo(Reason.KILLED);
  }

  @Test
  void killTag_killsEveryFlagWithTheTag() {
    overlay.killTag("payments", "fraud");

    Snapshot s = overlay.applyTo(base);

    assertThat(eval(s, "checkout", ALICE).reason()).isEqualTo(Reason.KILLED);
    assertThat(eval(s, "search", ALICE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(OperatorOverlay.flagsWithTag(base, "payments")).containsExactly("checkout");
  }

  @Test
  void restore_saysWhetherItWasKilled() {
    overlay.kill("checkout", "incident");

    assertThat(overlay.restore("checkout")).isTrue();
    assertThat(overlay.restore("checkout")).isFalse();
    assertThat(overlay.applyTo(base)).isSameAs(base);
  }

  @Test
  void restore_flagKilledByTag_staysKilled() {
    overlay.kill("checkout", "incident");
    overlay.killTag("payments", "fraud");

    overlay.restore("checkout");

    assertThat(eval(overlay.applyTo(base), "checkout", ALICE).reason()).isEqualTo(Reason.KILLED);
    assertThat(overlay.restoreTag("payments")).isTrue();
    assertThat(overlay.restoreTag("payments")).isFalse();
  }

  @Test
  void override_keyedBeforeEveryone_whateverTheOrderAdded() {
    overlay.override("ranking", "b", null);
    overlay.override("ranking", "c", List.of("alice"));

    Snapshot s = overlay.applyTo(base);

    assertThat(eval(s, "ranking", ALICE).variant()).isEqualTo("c");
    assertThat(eval(s, "ranking", BOB).variant()).isEqualTo("b");
    assertThat(eval(s, "ranking", BOB).reason()).isEqualTo(Reason.OVERRIDE);
    assertThat(eval(s, "ranking", BOB).version()).isEqualTo("v1");
  }

  @Test
  void override_forEveryoneAgain_replacesThePreviousOne() {
    overlay.override("ranking", "b", null);
    overlay.override("ranking", "c", null);

    assertThat(eval(overlay.applyTo(base), "ranking", BOB).variant()).isEqualTo("c");
  }

  @Test
  void override_variantMissingFromTheDocument_inactiveNotAnError() {
    overlay.override("search", "c", null);

    assertThat(eval(overlay.applyTo(base), "search", BOB).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(overlay.overriddenFlags()).containsExactly("search");
  }

  @Test
  void kill_beatsOverride() {
    overlay.override("checkout", "on", null);
    overlay.kill("checkout", "incident");

    assertThat(eval(overlay.applyTo(base), "checkout", BOB).reason()).isEqualTo(Reason.KILLED);
  }

  @Test
  void override_unknownFlagInTheServedDocument_keptInactiveAndReturnsFalse() {
    assertThat(overlay.override(base, "nope", "on", null)).isFalse();

    assertThat(overlay.overriddenFlags()).containsExactly("nope");
    assertThat(overlay.applyTo(base).flag("nope")).isNull();
  }

  @Test
  void override_undeclaredVariant_throwsListingTheVariants() {
    assertThatThrownBy(() -> overlay.override(base, "ranking", "z", List.of("alice")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot override flag 'ranking' with variant 'z': declared variants are"
            + " [a, b, c]");
  }

  @Test
  void clearOverride_saysWhetherThereWasOne() {
    overlay.override("ranking", "b", null);

    assertThat(overlay.clearOverride("ranking")).isTrue();
    assertThat(overlay.clearOverride("ranking")).isFalse();
    assertThat(overlay.overriddenFlags()).isEmpty();
  }

  private static Evaluation eval(Snapshot s, String key, Context context) {
    CompiledFlag flag = s.flag(key);
    assertThat(flag).as(key).isNotNull();
    return Evaluator.evaluate(s, flag, context);
  }

  private static Snapshot compile(String json) {
    return new DocumentLoader(DocumentLimits.defaults())
        .load(json.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-22T09:00:00Z"));
  }
}
