package dev.flags.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link FlagsCli} in-process with captured stdout and stderr. */
final class Cli {
  /** The example document, relative to the module directory (where tests run). */
  static final String EXAMPLE = "../examples/flags.json";

  private Cli() {}

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    return withInput("", args);
  }

  /** Runs with {@code stdin} as standard input. */
  static Result withInput(String stdin, String... args) {
    return withInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  static Result withInput(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = FlagsCli.run(args, stdin, o, e);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
