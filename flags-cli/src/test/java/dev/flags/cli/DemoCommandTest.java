package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class DemoCommandTest {

  @Test
  void demo_exampleDocument_walksThroughTheMainCases() {
    Cli.Result r = Cli.run("demo", Cli.EXAMPLE);
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("flags demo: ../examples/flags.json\n")
        .contains(
            "serving version 2026-11-22.1, 6 flags: banner, checkout-retry-limit,",
            "new-checkout = true  variant=on reason=TARGET_MATCH",
            "new-checkout = true  variant=on reason=RULE_MATCH rule=beta",
            "new-checkout = false  variant=off reason=FALLTHROUGH",
            "reason=RULE_MATCH rule=oceania",
            "reason=PREREQUISITE_FAILED prerequisite=new-checkout",
            "getString(\"homepage-layout\", user, \"classic\") returns \"classic\"",
            "homepage-layout = (caller's default)  reason=ERROR error=FLAG_NOT_FOUND",
            "isEnabled(\"legacy-export\", user) returns false",
            "legacy-export = false  variant=off reason=DISABLED");
  }

  @Test
  void demo_rollout_isStickyAndNearTheConfiguredSplit() {
    String out = Cli.run("demo", Cli.EXAMPLE).out();
    assertThat(out)
        .contains(
            "10,000 of 10,000 decided by rule \"oceania\"",
            "evaluated again with new contexts: 0 of 10,000 users changed variant");
    assertThat(out)
        .containsPattern("\n      on +4,9\\d\\d|\n      on +5,0\\d\\d")
        .containsPattern("\n      off +4,9\\d\\d|\n      off +5,0\\d\\d");
  }

  @Test
  void demo_brokenUpdate_isRejectedWithEveryProblemAndTheVersionStays() {
    String out = Cli.run("demo", Cli.EXAMPLE).out();
    assertThat(out)
        .contains(
            "   before: serving version 2026-11-22.1\n",
            "   rejected, 6 problems:\n"
                + "      flags.new-checkout.offVariant: 'of' is not a declared variant"
                + " (declared: on, off)\n"
                + "      flags.new-checkout.rules[0].rollout: weights sum to 120%, expected 100%\n"
                + "      flags.new-checkout.rules[1].conditions[0].values[0]: unknown segment"
                + " 'beta-testers'\n",
            "flags.search-ranking.variants.neural: all variants of a flag must have the same type",
            "flags.search-ranking.rules[0].conditions[0].value: invalid regular expression",
            "flags.new-checkout.prerequisites: prerequisite cycle"
                + " new-checkout -> search-ranking -> new-checkout\n",
            "   after: serving version 2026-11-22.1\n"
                + "      new-checkout = true  variant=on reason=TARGET_MATCH"
                + " version=2026-11-22.1\n");
  }

  @Test
  void demo_operators_killOverrideAndRollBack() {
    String out = Cli.run("demo", Cli.EXAMPLE).out();
    assertThat(out)
        .contains(
            "new-checkout = false  variant=off reason=KILLED",
            "kills every flag tagged payments: [new-checkout, payments-kill-switch]",
            "checkout-retry-limit = 5  variant=high reason=OVERRIDE",
            "a new version arrives: 2026-11-22.1 -> 2026-11-22.1-next",
            "rollback() pins the previous snapshot until unpin(): serving 2026-11-22.1\n"
                + "      legacy-export = false  variant=off reason=DISABLED",
            "unpin(): serving 2026-11-22.1-next");
  }

  @Test
  void demo_noDocumentOutsideTheRepositoryRoot_saysWhereToRunIt() {
    // Tests run in flags-cli/, where examples/flags.json does not exist.
    Cli.Result r = Cli.run("demo");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("flags-cli demo: cannot read 'examples/flags.json': no such"
            + " file (run from the repository root, or give the document: demo <document.json>)\n");
  }

  @Test
  void demo_anotherDocument_isRefusedNamingWhatItLacks() {
    Cli.Result r = Cli.run("demo", ExplainStepsTest.DOC);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("flags-cli demo: " + ExplainStepsTest.DOC + " is not the document the demo"
            + " was written for: it has no flag new-checkout, no flag search-ranking, no flag"
            + " banner, no flag payments-kill-switch, no flag checkout-retry-limit, no flag"
            + " legacy-export, no flag tagged payments (run it on examples/flags.json)\n");
  }

  @Test
  void demo_exampleWithoutItsKillSwitch_isRefused() throws Exception {
    String edited = java.nio.file.Files.readString(java.nio.file.Path.of(Cli.EXAMPLE))
        .replace("\"enabled\": false,", "\"enabled\": true,")
        .replace("\"id\": \"beta\"", "\"id\": \"beta2\"")
        .replace("\"high\": 5", "\"top\": 5");
    Cli.Result r = Cli.withInput(edited, "demo", "-");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("flags-cli demo: (standard input) is not the document the demo was written"
            + " for: it has no rule beta in new-checkout, no variant high in"
            + " checkout-retry-limit, no legacy-export switched off (\"enabled\": false) (run it"
            + " on examples/flags.json)\n");
  }

  @Test
  void demo_rejectedDocument_showsTheProblemsAndExits1() {
    Cli.Result r = Cli.withInput("{\"schema\": 1}", "demo", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("flags demo: (standard input)\n\n1. Load the document\n"
            + "   the document is rejected:\n   rejected, ");
  }

  @Test
  void demo_twice_printsTheSameOutput() {
    assertThat(Cli.run("demo", Cli.EXAMPLE).out())
        .isEqualTo(Cli.run("demo", Cli.EXAMPLE).out());
  }
}
