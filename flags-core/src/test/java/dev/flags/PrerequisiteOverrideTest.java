package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator's override of a prerequisite does to the flags that depend on it: the
 * prerequisite is evaluated through the same snapshot, overrides included, so its dependents see
 * the overridden variant; but a prerequisite that is killed, disabled or outside its schedule
 * fails whatever it is overridden to.
 */
final class PrerequisiteOverrideTest {
  private static final Context ALICE = Context.of("alice");
  private static final Context BOB = Context.of("bob");

  private final Flags flags = Flags.newBuilder()
      .document(doc(
          "v1",
          onOff("closed", "off"),
          onOff("open", "on"),
          onOff("expired", "on", "'schedule': [{'until': '2001-01-01T00:00:00Z'}]"),
          onOff("disabled", "on", "'enabled': false"),
          dependent("needs-closed", "closed"),
          dependent("needs-open", "open"),
          dependent("needs-expired", "expired"),
          dependent("needs-disabled", "disabled")))
      .build();

  /** A flag serving on to everyone while {@code prerequisite} serves on. */
  private static String dependent(String key, String prerequisite) {
    return onOff(key, "on", "'prerequisites': [{'flag': '" + prerequisite + "', 'variant': 'on'}]");
  }

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void override_prerequisiteToTheRequiredVariant_dependentsPass() {
    assertThat(flags.evaluate("needs-closed", ALICE).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);

    flags.override("closed", "on");

    Evaluation e = flags.evaluate("needs-closed", ALICE);
    assertThat(e.reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(e.value()).isEqualTo(true);
  }

  @Test
  void override_prerequisiteToAnotherVariant_dependentsFail() {
    assertThat(flags.evaluate("needs-open", ALICE).reason()).isEqualTo(Reason.FALLTHROUGH);

    flags.override("open", "off");

    Evaluation e = flags.evaluate("needs-open", ALICE);
    assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(e.prerequisiteKey()).isEqualTo("open");
    assertThat(e.value()).isEqualTo(false);
  }

  @Test
  void override_prerequisiteForSomeKeys_onlyTheirDependentsSeeIt() {
    flags.override("closed", "on", List.of("alice"));

    assertThat(flags.evaluate("needs-closed", ALICE).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.evaluate("needs-closed", BOB).reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(flags.evaluate("needs-closed", Context.EMPTY).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void clearOverride_ofAPrerequisite_dependentsFollowTheDocumentAgain() {
    flags.override("closed", "on");

    flags.clearOverride("closed");

    assertThat(flags.evaluate("needs-closed", ALICE).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void override_prerequisiteOutsideItsSchedule_servesItButDependentsStillFail() {
    flags.override("expired", "on");

    // Evaluated on its own, an override beats the schedule; as a prerequisite it does not.
    assertThat(flags.evaluate("expired", ALICE).reason()).isEqualTo(Reason.OVERRIDE);
    Evaluation e = flags.evaluate("needs-expired", ALICE);
    assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
    assertThat(e.prerequisiteKey()).isEqualTo("expired");
  }

  @Test
  void override_disabledPrerequisite_dependentsStillFail() {
    flags.override("disabled", "on");

    assertThat(flags.evaluate("disabled", ALICE).reason()).isEqualTo(Reason.DISABLED);
    assertThat(flags.evaluate("needs-disabled", ALICE).reason())
        .isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void override_killedPrerequisite_dependentsStillFail() {
    flags.override("open", "on");
    flags.kill("open", "INC-1");

    assertThat(flags.evaluate("open", ALICE).reason()).isEqualTo(Reason.KILLED);
    assertThat(flags.evaluate("needs-open", ALICE).reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
  }

  @Test
  void override_ofTheDependent_beatsItsFailingPrerequisite() {
    flags.override("needs-closed", "on");

    assertThat(flags.evaluate("needs-closed", ALICE).reason()).isEqualTo(Reason.OVERRIDE);
  }
}
