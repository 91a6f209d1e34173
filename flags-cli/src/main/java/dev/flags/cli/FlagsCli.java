package dev.flags.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The {@code flags-cli} command-line tool: validates flag documents, evaluates, explains and
 * buckets flags, compares two documents with the blast radius of the change, watches a file or a
 * URL, and runs a scripted demo of the library.
 *
 * <pre>{@code
 * java -jar flags-cli/target/flags-cli.jar validate examples/flags.json
 * java -jar flags-cli/target/flags-cli.jar explain examples/flags.json new-checkout --key alice
 * java -jar flags-cli/target/flags-cli.jar diff flags.json flags-next.json --fail-on-change
 * }</pre>
 *
 * <p>Exit codes: {@value #OK} on success; {@value #FAILED} when a document is rejected or the
 * evaluation is an error (the caller's default would be served); {@value #USAGE} for usage
 * errors, unreadable input and any other error; {@value #CHANGED} for {@code diff
 * --fail-on-change} when some context sees a different value. Errors are one line on stderr,
 * never a stack trace. {@code --help} prints the usage on stdout with exit code 0.
 */
public final class FlagsCli {
  /** Success. */
  static final int OK = 0;

  /** A document was rejected, or the evaluation returned an error code. */
  static final int FAILED = 1;

  /** Bad arguments, unreadable input, or an unexpected error. */
  static final int USAGE = 2;

  /** {@code diff --fail-on-change}: some context sees a different value. */
  static final int CHANGED = 3;

  static final String NAME = "flags-cli";

  private FlagsCli() {}

  /**
   * Runs the tool and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs one command in-process.
   *
   * @param args the command line, starting with the command name
   * @param in standard input, read by commands given {@code -} as a document
   * @param out where results go
   * @param err where usage and errors go
   * @return the exit code
   */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(Help.OVERVIEW);
      return USAGE;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (command) {
        case "help", "-h", "--help" -> {
          return help(rest, out, err);
        }
        case "version", "--version" -> {
          out.println(NAME + " " + version());
          return OK;
        }
        default -> {
          // fall through to the commands
        }
      }
      String help = Help.of(command);
      if (help != null && asksForHelp(rest)) {
        out.print(help);
        return OK;
      }
      return switch (command) {
        case "validate" -> Validate.run(rest, in, out);
        case "eval" -> Eval.run(EvalArgs.parse(rest), in, out, err);
        case "explain" -> Explain.run(EvalArgs.parse(rest), in, out, err);
        case "bucket" -> BucketCommand.run(EvalArgs.parse(rest), in, out, err);
        case "diff" -> Diff.run(DiffArgs.parse(rest), in, out, err);
        case "watch" -> Watch.run(WatchArgs.parse(rest), out, err);
        case "demo" -> Demo.run(rest, in, out, err);
        default -> {
          err.println(NAME + ": unknown command '" + command + "'");
          err.print(Help.OVERVIEW);
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
    } catch (OutOfMemoryError e) {
      // Inputs are read within the document size limit; a JVM with less memory than that ends
      // here rather than in a stack trace.
      err.println(NAME + " " + command + ": out of memory (" + e.getMessage()
          + "); give the JVM more, e.g. java -Xmx512m -jar flags-cli.jar ...");
      return USAGE;
    }
  }

  private static int help(List<String> rest, PrintStream out, PrintStream err) {
    if (asksForHelp(rest)) {
      out.print(Help.of("help"));
      return OK;
    }
    if (rest.isEmpty()) {
      out.print(Help.OVERVIEW);
      return OK;
    }
    String help = rest.size() == 1 ? Help.of(rest.get(0)) : null;
    if (help == null) {
      err.println(NAME + " help: no command '" + String.join(" ", rest) + "'");
      err.print(Help.OVERVIEW);
      return USAGE;
    }
    out.print(help);
    return OK;
  }

  /** Whether {@code --help} or {@code -h} comes before the end of the options. */
  private static boolean asksForHelp(List<String> args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** The project version, from the properties file Maven filters into the jar. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = FlagsCli.class.getResourceAsStream("flags-cli.properties")) {
      if (in == null) {
        return "(unknown version)";
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "(unknown version)");
  }
}
