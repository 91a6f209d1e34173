package dev.flags.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code flags} command-line tool: validates flag documents, evaluates and explains flags, and
 * runs a scripted demo of the library.
 *
 * <pre>{@code
 * java -jar flags-cli/target/flags-cli.jar validate examples/flags.json
 * java -jar flags-cli/target/flags-cli.jar eval examples/flags.json new-checkout --key alice
 * }</pre>
 *
 * <p>Exit codes: {@value #OK} on success; {@value #FAILED} when the document is rejected or the
 * evaluation is an error (the caller's default would be served); {@value #USAGE} for usage, help,
 * unreadable files and any other error. Errors are one line on stderr, never a stack trace.
 *
 * <p>Built only on the exported {@code dev.flags} API of flags-core.
 */
public final class FlagsCli {
  /** Success. */
  static final int OK = 0;
  /** The document was rejected, or the evaluation returned an error code. */
  static final int FAILED = 1;
  /** Usage shown, bad arguments, unreadable file, or an unexpected error. */
  static final int USAGE = 2;

  static final String NAME = "flags-cli";

  /** The largest file a byte array can hold. */
  private FlagsCli() {}

  /**
   * Runs the tool and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs one command in-process.
   *
   * @param args the command line, starting with the command name
   * @param out where results go
   * @param err where usage and errors go
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      usage(err);
      return USAGE;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (command) {
        case "validate" -> Validate.run(rest, out);
        case "eval" -> Eval.run(EvalArgs.parse(rest, true), out, err);
        case "explain" -> Explain.run(EvalArgs.parse(rest, false), out, err);
        case "demo" -> Demo.run(rest, out, err);
        case "help", "-h", "--help" -> {
          usage(err);
          yield USAGE;
        }
        default -> {
          err.println(NAME + ": unknown command '" + command + "'");
          usage(err);
          yield USAGE;
        }
      };
    } catch (CliException e) {
      err.println(NAME + " " + command + ": " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      // Last resort: a tool prints one line, not a stack trace.
      err.println(NAME + " " + command + ": unexpected error: " + e);
      return USAGE;
    }
  }

  static void usage(PrintStream err) {
    err.print("""
        usage: java -jar flags-cli.jar <command> [arguments]

        commands:
          validate <document.json>
              Check a flag document. Prints 'OK: version <v>, <n> flags', or every problem
              as 'path: message', one per line.
          eval <document.json> <flagKey> [--key K] [--attr name=value]... [--json]
              Evaluate a flag for a context and print value, variant, reason, rule,
              prerequisite, error code and document version (one line, or JSON).
          explain <document.json> <flagKey> [--key K] [--attr name=value]...
              Evaluate a flag and explain which target, rule, prerequisite or fallthrough
              decided the result.
          demo [document.json]
              A scripted walkthrough of the library on the example document
              (default examples/flags.json).
          help
              Show this text.

        context:
          --key K                 the context key (usually a user id); omit for anonymous
          --attr name=value       a string attribute
          --attr name:number=3.5  a number
          --attr name:bool=true   a boolean (true or false)
          --attr name:list=a,b,c  a list of strings
          --attr name:time=2026-11-22T10:00:00Z
                                  an instant (ISO-8601 with offset), held as epoch millis

        exit codes:
          0  success
          1  document rejected, or the evaluation is an error (the caller's default applies)
          2  usage, unreadable file or other error
        """);
  }
}
