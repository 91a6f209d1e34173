package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class UsageTest {

  @Test
  void run_noArguments_printsUsageOnStderrAndExits2() {
    Cli.Result r = Cli.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("usage: java -jar flags-cli.jar <command> [arguments]")
        .contains(
            "validate <document.json>",
            "eval <document.json> <flagKey>",
            "explain <document.json> <flagKey>",
            "demo [document.json]");
  }

  @Test
  void run_help_printsUsageOnStderrAndExits2() {
    for (String help : new String[] {"help", "--help", "-h"}) {
      Cli.Result r = Cli.run(help);
      assertThat(r.code()).as(help).isEqualTo(2);
      assertThat(r.out()).as(help).isEmpty();
      assertThat(r.err()).as(help).startsWith("usage: ");
    }
  }

  @Test
  void run_unknownCommand_namesItAndPrintsUsage() {
    Cli.Result r = Cli.run("evaluate", Cli.EXAMPLE, "new-checkout");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("flags-cli: unknown command 'evaluate'\nusage: ");
  }

  @Test
  void run_missingFile_oneLineOnStderrAndExits2() {
    for (String command : new String[] {"validate", "eval", "explain", "demo"}) {
      Cli.Result r = command.equals("validate") || command.equals("demo")
          ? Cli.run(command, "no-such-file.json")
          : Cli.run(command, "no-such-file.json", "new-checkout");
      assertThat(r.code()).as(command).isEqualTo(2);
      assertThat(r.out()).as(command).isEmpty();
      assertThat(r.err())
          .as(command)
          .isEqualTo("flags-cli " + command + ": cannot read 'no-such-file.json': no such file\n");
    }
  }

  @Test
  void run_directoryAsDocument_oneLineOnStderr() {
    Cli.Result r = Cli.run("validate", "..");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("flags-cli validate: cannot read '..': it is a directory\n");
  }

  @Test
  void run_badArguments_oneLineWithoutStackTrace() {
    String[][] cases = {
      {"validate"},
      {"validate", Cli.EXAMPLE, "extra"},
      {"validate", "--strict", Cli.EXAMPLE},
      {"eval"},
      {"eval", Cli.EXAMPLE},
      {"eval", Cli.EXAMPLE, "new-checkout", "extra"},
      {"eval", Cli.EXAMPLE, "new-checkout", "--key"},
      {"eval", Cli.EXAMPLE, "new-checkout", "--key", "a", "--key", "b"},
      {"eval", Cli.EXAMPLE, "new-checkout", "--verbose"},
      {"explain", Cli.EXAMPLE, "new-checkout", "--json"},
      {"demo", Cli.EXAMPLE, "extra"},
    };
    for (String[] args : cases) {
      Cli.Result r = Cli.run(args);
      String what = String.join(" ", args);
      assertThat(r.code()).as(what).isEqualTo(2);
      assertThat(r.out()).as(what).isEmpty();
      assertThat(r.err()).as(what).startsWith("flags-cli " + args[0] + ": ").endsWith("\n");
      assertThat(r.err().lines()).as(what).hasSize(1);
      assertThat(r.err()).as(what).doesNotContain("Exception", "\tat ");
    }
  }
}
