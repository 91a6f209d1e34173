package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class UsageTest {
  private static final String[] COMMANDS = {
    "validate", "eval", "explain", "bucket", "diff", "watch", "demo", "help"
  };

  @Test
  void run_noArguments_printsUsageOnStderrAndExits2() {
    Cli.Result r = Cli.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(Help.OVERVIEW);
    assertThat(r.err())
        .startsWith("usage: java -jar flags-cli.jar <command> [arguments]\n")
        .contains(
            "  validate <document>  ",
            "  eval <document> <flag>  ",
            "  explain <document> <flag>  ",
            "  bucket <document> <flag>  ",
            "  diff <old> <new>  ",
            "  watch <file|url>  ",
            "  demo [document]  ",
            "A <document> is a file name, or - for standard input.",
            "  --attr name:number=3.5  a number\n",
            "exit codes:\n  0  success\n",
            "  3  diff --fail-on-change: some context sees a different value\n");
  }

  @Test
  void run_help_printsUsageOnStdoutAndExits0() {
    for (String help : new String[] {"help", "--help", "-h"}) {
      Cli.Result r = Cli.run(help);
      assertThat(r.code()).as(help).isZero();
      assertThat(r.err()).as(help).isEmpty();
      assertThat(r.out()).as(help).isEqualTo(Help.OVERVIEW);
    }
  }

  @Test
  void run_commandHelp_printsThatCommandsHelpOnStdout() {
    for (String command : COMMANDS) {
      String help = Help.of(command);
      assertThat(help).as(command).startsWith("usage: java -jar flags-cli.jar " + command);
      for (String[] args : new String[][] {
        {command, "--help"}, {command, "-h"}, {"help", command}, {command, "x.json", "--help"}
      }) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(String.join(" ", args)).isZero();
        assertThat(r.err()).as(String.join(" ", args)).isEmpty();
        assertThat(r.out()).as(String.join(" ", args)).isEqualTo(help);
      }
    }
  }

  @Test
  void run_helpAfterDoubleDash_isAnArgument() {
    Cli.Result r = Cli.run("validate", "--", "--help");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("flags-cli validate: cannot read '--help': no such file\n");
  }

  @Test
  void run_helpForUnknownCommand_exits2() {
    Cli.Result r = Cli.run("help", "evaluate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("flags-cli help: no command 'evaluate'\nusage: ");
  }

  @Test
  void run_version_printsTheProjectVersion() {
    for (String v : new String[] {"--version", "version"}) {
      Cli.Result r = Cli.run(v);
      assertThat(r.code()).as(v).isZero();
      assertThat(r.err()).as(v).isEmpty();
      assertThat(r.out()).as(v).matches("flags-cli \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
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
    String[][] cases = {
      {"validate", "no-such-file.json"},
      {"eval", "no-such-file.json", "new-checkout"},
      {"explain", "no-such-file.json", "new-checkout"},
      {"bucket", "no-such-file.json", "new-checkout"},
      {"diff", "no-such-file.json", Cli.EXAMPLE},
      {"diff", Cli.EXAMPLE, "no-such-file.json"},
      {"demo", "no-such-file.json"},
    };
    for (String[] args : cases) {
      Cli.Result r = Cli.run(args);
      String what = String.join(" ", args);
      assertThat(r.code()).as(what).isEqualTo(2);
      assertThat(r.out()).as(what).isEmpty();
      assertThat(r.err())
          .as(what)
          .isEqualTo("flags-cli " + args[0] + ": cannot read 'no-such-file.json': no such file\n");
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
      {"explain", Cli.EXAMPLE, "new-checkout", "--jsn"},
      {"bucket", Cli.EXAMPLE},
      {"diff", Cli.EXAMPLE},
      {"diff"},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, Cli.EXAMPLE},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, "--sample", "0"},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, "--sample", "many"},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, "--seed", "x"},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, "--examples", "-1"},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, "--sample"},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, "--contexts", "c.jsonl", "--sample", "5"},
      {"diff", "-", "-"},
      {"diff", Cli.EXAMPLE, Cli.EXAMPLE, "--frobnicate"},
      {"watch"},
      {"watch", "a.json", "b.json"},
      {"watch", "-"},
      {"watch", "a.json", "--for", "soon"},
      {"watch", "a.json", "--for", "0s"},
      {"watch", "a.json", "--poll", "1ms"},
      {"watch", "a.json", "--header", "Authorization: x"},
      {"watch", "http://127.0.0.1:1/flags.json", "--poll", "100ms"},
      {"watch", "http://127.0.0.1:1/flags.json", "--header", "no-colon"},
      {"watch", "a.json", "--quiet"},
      {"demo", Cli.EXAMPLE, "extra"},
      {"demo", "--fast"},
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

  @Test
  void run_badArguments_sayWhatIsWrong() {
    assertThat(Cli.run("diff", Cli.EXAMPLE, Cli.EXAMPLE, "--sample", "0").err())
        .isEqualTo("flags-cli diff: --sample must be from 1 to 10000000, not 0\n");
    assertThat(Cli.run("diff", "-", "-").err())
        .isEqualTo("flags-cli diff: standard input (-) can be read only once\n");
    assertThat(Cli.run("watch", "a.json", "--for", "soon").err())
        .isEqualTo("flags-cli watch: --for 'soon' is not a duration (e.g. 500ms, 30s, 5m, 1h or"
            + " PT30S)\n");
    assertThat(
            Cli.run("watch", "http://127.0.0.1:1/flags.json", "--poll", "100ms").err())
        .isEqualTo("flags-cli watch: --poll for a URL must be at least 1s\n");
    assertThat(Cli.run("watch", "a.json", "--poll", "1ms").err())
        .isEqualTo("flags-cli watch: --poll for a file must be at least 10ms\n");
  }
}
