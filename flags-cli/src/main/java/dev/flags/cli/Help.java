package dev.flags.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The help texts: the overview and one per command, each ending with a newline. */
final class Help {
  static final String CONTEXT = """
      context:
        --key K                 the context key (usually a user id); omit for anonymous
        --attr name=value       a string attribute
        --attr name:number=3.5  a number
        --attr name:bool=true   a boolean (true or false)
        --attr name:list=a,b,c  a list of strings
        --attr name:time=2026-11-22T10:00:00Z
                                an instant (ISO-8601 with offset), held as epoch millis
      """;

  static final String EXIT_CODES = """
      exit codes:
        0  success
        1  a document is rejected, or the evaluation is an error (the caller's default
           applies); watch: not serving the latest document when it stops
        2  usage, unreadable input or other error
        3  diff --fail-on-change: some context sees a different value
      """;

  static final String OVERVIEW = """
      usage: java -jar flags-cli.jar <command> [arguments]
             java -jar flags-cli.jar <command> --help
             java -jar flags-cli.jar --version

      commands:
        validate <document>             check a document: OK, or every problem
        eval <document> <flag>          evaluate a flag for a context: one line, or JSON
        explain <document> <flag>       why a context gets its value: each rule tried, each
                                        condition, segment membership, the rollout bucket
        bucket <document> <flag>        the bucket of a context in each rollout of a flag
        diff <old> <new>                what changed, and how many contexts would see a
                                        different value (the blast radius)
        watch <file|url>                load a document as an application does and print
                                        every swap, rejection, kill and status change
        demo [document]                 a scripted walkthrough of the library
        help [command]                  this text, or a command's

      A <document> is a file name, or - for standard input. Options may come before, between
      or after the arguments; -- ends the options.

      """ + CONTEXT + "\n" + EXIT_CODES;

  private static final Map<String, String> COMMANDS = Map.of(
      "validate",
      """
      usage: java -jar flags-cli.jar validate <document>

      Reads, validates and compiles a flag document exactly as the library does. Prints
      'OK: version <v>, <n> flags', or 'INVALID: ...' and every problem as 'path: message',
      one per line. Exit code 0 when valid, 1 when rejected.
      """,
      "eval",
      """
      usage: java -jar flags-cli.jar eval <document> <flag> [--key K] [--attr spec]... [--json]

      Evaluates a flag for a context and prints value, variant, reason, rule, prerequisite,
      error code and document version on one line, or as one JSON object with --json.
      Exit code 0, or 1 when the evaluation is an error (e.g. FLAG_NOT_FOUND) or the document
      is rejected (its problems go to stderr).

      """ + CONTEXT,
      "explain",
      """
      usage: java -jar flags-cli.jar explain <document> <flag> [--key K] [--attr spec]... [--json]

      Evaluates a flag and shows how the evaluator got there: enabled, schedule,
      prerequisites, individual targets, then each rule tried with each condition (the
      attribute's value and type, and a hint when the type cannot match), segment membership
      (included, excluded, or which segment rule matched) and, for a rollout, the bucket, the
      salt and the variant ranges; then the fallthrough. --json prints the same as one JSON
      object. Exit codes as for eval.

      """ + CONTEXT,
      "bucket",
      """
      usage: java -jar flags-cli.jar bucket <document> <flag> [--key K] [--attr spec]... [--json]

      For each percentage rollout of the flag (rules and fallthrough): the bucketing key
      (the context key, or the rollout's bucketBy attribute), the salt, both hashes, the
      bucket (0 to 99999) and the variant range it falls in. Rule conditions are not checked:
      use explain for that. Exit code 0, 1 when the flag does not exist or the document is
      rejected.

      """ + CONTEXT,
      "diff",
      """
      usage: java -jar flags-cli.jar diff <old> <new> [options]

      Compares two versions of a document: flags added, removed and changed (part by part:
      enabled, variants, targets, rules, rollout weights, fallthrough, ...) and segments
      changed; then the blast radius: for a sample of contexts, how many would see a
      different value of each flag, with examples. The new document is validated first; when
      either document is rejected, its problems are printed and the exit code is 1.

      options:
        --contexts FILE     the sample: JSON lines, one context per line,
                            {"key": "user-1", "attributes": {"country": "NZ", "age": 30}}
                            (numbers, strings, booleans, lists of strings; - for stdin)
        --sample N          without --contexts: N generated contexts with keys user-1 to
                            user-N and attributes drawn from the values the documents'
                            conditions mention, plus every key the documents name in
                            targets and segments (default 10000)
        --seed N            the seed of the generated sample (default 1)
        --examples N        example contexts shown per flag (default 3)
        --fail-on-change    exit code 3 when some context sees a different value
        --json              one JSON object

      Exit code 0 when both documents are valid, whatever the differences.
      """,
      "watch",
      """
      usage: java -jar flags-cli.jar watch <file|url> [--poll DURATION] [--for DURATION]
                                                     [--header 'Name: value']...

      Loads the document through the library's own sources (a watched file, or the HTTP
      source for http:// and https:// URLs) and prints one line per event, with its time:
      each swap (versions, flags added, removed and changed), each flag switched off or on in
      the document (kill, restore), each rejected document with every problem (what is served
      does not change), and each status change. Runs until Ctrl-C, or for the --for duration.

      options:
        --poll DURATION     how often to check (default 1s for a file, 20s for a URL;
                            at least 1s for a URL)
        --for DURATION      stop after this long (e.g. 30s, 5m, 500ms)
        --header 'N: V'     an HTTP request header (never printed), e.g. Authorization

      Exit code 0 when it stops while serving the latest document, 1 otherwise (no document,
      or the latest was rejected or could not be fetched).
      """,
      "demo",
      """
      usage: java -jar flags-cli.jar demo [document]

      A scripted walkthrough of the library on the example document (default
      examples/flags.json, run from the repository root): targets, segments, rules, a sticky
      rollout over 10,000 users, a prerequisite, a disabled flag, a rejected update, kill
      switches, overrides and rollback. A document without the example's flags is refused,
      naming what is missing.
      """,
      "help",
      """
      usage: java -jar flags-cli.jar help [command]

      The overview of every command, or one command's help.
      """);

  private Help() {}

  /** The help of one command, or null when there is no such command. */
  static @Nullable String of(String command) {
    return COMMANDS.get(command);
  }
}
