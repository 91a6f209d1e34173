package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ExplainCommandTest {

  @Test
  void explain_targetMatch_namesTheKeyAndTheTargets() {
    Cli.Result r = Cli.run("explain", Cli.EXAMPLE, "new-checkout", "--key", "alice");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("""
                    flag      new-checkout
                    document  ../examples/flags.json, version 2026-11-22.1 (6 flags)
                    context   key "alice", no attributes
                    """);
    assertThat(r.out())
        .contains(
            "\nenabled   yes\n",
            "\nresult    true (variant on)\n",
            "\nreason    TARGET_MATCH\n",
            "\nwhy       The context key \"alice\" is listed in the flag's individual targets,");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void explain_ruleMatch_namesTheRule() {
    Cli.Result r = Cli.run(
        "explain",
        Cli.EXAMPLE,
        "new-checkout",
        "--key",
        "user-77",
        "--attr",
        "country=NZ",
        "--attr",
        "appVersion=2.3.0");
    assertThat(r.out())
        .contains(
            "context   key \"user-77\"; country=\"NZ\", appVersion=\"2.3.0\"\n",
            "reason    RULE_MATCH\n",
            "why       Rule \"oceania\" is the first rule whose conditions all hold for this context");
  }

  @Test
  void explain_failedPrerequisite_showsWhatThePrerequisiteServed() {
    Cli.Result r = Cli.run("explain", Cli.EXAMPLE, "search-ranking", "--key", "carol");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "reason    PREREQUISITE_FAILED\n",
            "why       Prerequisite flag \"new-checkout\" did not serve the variant",
            "\n            new-checkout = false  variant=off reason=FALLTHROUGH"
                + " version=2026-11-22.1\n");
  }

  @Test
  void explain_disabledFlag_saysDisabled() {
    Cli.Result r = Cli.run("explain", Cli.EXAMPLE, "legacy-export");
    assertThat(r.out())
        .contains(
            "context   anonymous (no key), no attributes\n",
            "enabled   no (\"enabled\": false in the document)\n",
            "result    false (variant off)\n",
            "reason    DISABLED\n");
  }

  @Test
  void explain_unknownFlag_listsTheDocumentsFlagsAndExits1() {
    Cli.Result r = Cli.run("explain", Cli.EXAMPLE, "dark-mode");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "enabled   unknown (no such flag)\n",
            "result    (caller's default), no variant served\n",
            "reason    ERROR FLAG_NOT_FOUND\n",
            "banner, checkout-retry-limit, legacy-export,");
  }

  @Test
  void explain_metadata_comesFromTheDocument() {
    Cli.Result r = Cli.run("explain", Cli.EXAMPLE, "new-checkout");
    assertThat(r.out())
        .contains(
            "about     The redesigned checkout flow.\n",
            "owner     team-payments\n",
            "tags      payments, checkout\n",
            "variants  on, off (off-variant off)\n");
  }
}
