package dev.flags.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of {@code diff <old> <new> [--contexts FILE] [--sample N] [--seed N] [--examples
 * N] [--fail-on-change] [--json]}.
 *
 * @param oldDocument the current document (a file, or {@code -})
 * @param newDocument the candidate document (a file, or {@code -})
 * @param contexts a JSON-lines file of contexts, or null to generate them
 * @param sample how many contexts to generate
 * @param seed the seed of the generated contexts
 * @param examples how many example contexts to show per flag
 * @param failOnChange exit with {@link FlagsCli#CHANGED} when some context sees another value
 * @param json one JSON object instead of text
 */
record DiffArgs(
    String oldDocument,
    String newDocument,
    @Nullable String contexts,
    int sample,
    long seed,
    int examples,
    boolean failOnChange,
    boolean json) {

  static final int DEFAULT_SAMPLE = 10_000;
  static final int MAX_SAMPLE = 10_000_000;

  static DiffArgs parse(List<String> args) {
    List<String> positional = new ArrayList<>();
    String contexts = null;
    int sample = DEFAULT_SAMPLE;
    boolean sampleGiven = false;
    long seed = 1;
    int examples = 3;
    boolean failOnChange = false;
    boolean json = false;
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      int next = a.contains("=") ? i : i + 1;
      if (options && a.equals("--")) {
        options = false;
      } else if (options && Args.is(a, "--contexts")) {
        contexts = Args.value(args, i, "--contexts");
        i = next;
      } else if (options && Args.is(a, "--sample")) {
        sample = Args.count("--sample", Args.value(args, i, "--sample"), 1, MAX_SAMPLE);
        sampleGiven = true;
        i = next;
      } else if (options && Args.is(a, "--seed")) {
        String v = Args.value(args, i, "--seed");
        try {
          seed = Long.parseLong(v);
        } catch (NumberFormatException e) {
          throw new CliException("--seed '" + v + "' is not a whole number");
        }
        i = next;
      } else if (options && Args.is(a, "--examples")) {
        examples = Args.count("--examples", Args.value(args, i, "--examples"), 0, 1000);
        i = next;
      } else if (options && a.equals("--fail-on-change")) {
        failOnChange = true;
      } else if (options && a.equals("--json")) {
        json = true;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        throw new CliException("unknown option '" + a + "'");
      } else {
        positional.add(a);
      }
    }
    if (positional.size() < 2) {
      throw new CliException(
          positional.isEmpty() ? "missing <old> and <new>" : "missing <new> after <old>");
    }
    if (positional.size() > 2) {
      throw new CliException(
          "unexpected argument '" + positional.get(2) + "' (expected <old> <new> and options)");
    }
    long stdin = positional.stream().filter(DocumentFiles.STDIN::equals).count()
        + (DocumentFiles.STDIN.equals(contexts) ? 1 : 0);
    if (stdin > 1) {
      throw new CliException("standard input (-) can be read only once");
    }
    if (contexts != null && sampleGiven) {
      throw new CliException("--sample generates contexts; with --contexts the file is the sample");
    }
    return new DiffArgs(
        positional.get(0), positional.get(1), contexts, sample, seed, examples, failOnChange, json);
  }
}
