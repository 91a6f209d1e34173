package dev.flags.cli;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import dev.flags.Reason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code explain}: evaluates a flag and says what decided the result.
 *
 * <p>Everything shown comes from the public API: the {@link Evaluation} (value, variant, reason,
 * rule id, prerequisite key, error code, version) and the evaluation order, which lets some facts
 * be inferred (a flag that answered anything but DISABLED is enabled; a rule match means no
 * individual target matched). The API exposes no flag metadata (description, owner, tags), so
 * the output says so instead of guessing.
 */
final class Explain {
  private static final int WIDTH = 92;
  private static final String INDENT = "          ";

  private Explain() {}

  static int run(EvalArgs a, PrintStream out, PrintStream err) {
    byte[] document = DocumentFiles.read(a.document());
    try (Flags flags = Flags.newBuilder().build()) {
      try {
        flags.load(document);
      } catch (InvalidDocumentException e) {
        DocumentFiles.printRejection(err, e);
        return FlagsCli.FAILED;
      }
      Evaluation e = flags.evaluate(a.flagKey(), a.context());
      int n = flags.flagKeys().size();
      field(out, "flag", a.flagKey());
      field(
          out,
          "document",
          a.document() + ", version " + flags.version() + " (" + n
              + (n == 1 ? " flag)" : " flags)"));
      field(out, "context", Render.context(a.context()));
      dev.flags.FlagInfo info = flags.flagInfo(a.flagKey());
      if (info != null) {
        field(out, "about", info.description().isEmpty() ? "(none)" : info.description());
        field(out, "owner", info.owner().isEmpty() ? "(none)" : info.owner());
        field(out, "tags", info.tags().isEmpty() ? "(none)" : String.join(", ", info.tags()));
        field(
            out,
            "variants",
            String.join(", ", info.variants()) + " (off-variant " + info.offVariant() + ")");
      }
      field(out, "enabled", enabled(e));
      out.println();
      field(
          out,
          "result",
          e.variant() == null
              ? Render.CALLERS_DEFAULT + ", no variant served"
              : Render.value(e) + " (variant " + e.variant() + ")");
      field(
          out,
          "reason",
          e.errorCode() == null ? e.reason().name() : e.reason() + " " + e.errorCode());
      field(out, "why", why(flags, a, e));
      for (String line : prerequisiteChain(flags, a, e)) {
        out.println(INDENT + "  " + line);
      }
      field(
          out,
          "order",
          "enabled, prerequisites, individual targets, rules in document order,"
              + " fallthrough: the first that applies decides");
      return e.isError() ? FlagsCli.FAILED : FlagsCli.OK;
    }
  }

  private static String enabled(Evaluation e) {
    if (e.reason() == Reason.DISABLED) {
      return "no (\"enabled\": false in the document)";
    }
    if (e.errorCode() == ErrorCode.FLAG_NOT_FOUND) {
      return "unknown (no such flag)";
    }
    if (e.isError()) {
      return "unknown";
    }
    return "yes";
  }

  private static String why(Flags flags, EvalArgs a, Evaluation e) {
    String key = a.context().key();
    String variant = e.variant() == null ? "" : "\"" + e.variant() + "\"";
    switch (e.reason()) {
      case DISABLED:
        return "The flag is switched off in the document, so it serves its off-variant " + variant
            + " to every context; prerequisites, targets and rules are not looked at.";
      case PREREQUISITE_FAILED:
        return "Prerequisite flag \"" + e.prerequisiteKey() + "\" did not serve the variant"
            + " this flag requires (or is disabled), so this flag serves its off-variant "
            + variant + ". For this context the prerequisite gives:";
      case TARGET_MATCH:
        return "The context key \"" + key + "\" is listed in the flag's individual targets,"
            + " which are checked before any rule; that target serves " + variant + ".";
      case RULE_MATCH:
        return "Rule \"" + e.ruleId() + "\" is the first rule whose conditions all hold for"
            + " this context" + (key.isEmpty() ? "" : " (the key is in no individual target)")
            + ". It serves " + variant + ", as its fixed variant or from its percentage rollout.";
      case FALLTHROUGH:
        return (key.isEmpty()
                ? "An anonymous context matches no individual target"
                : "The context key is in no individual target")
            + ", and no rule matched (a matching rule whose rollout cannot bucket this context"
            + " is skipped), so the flag's fallthrough serves " + variant + ".";
      case DEFAULT:
        return "No target or rule served a variant, and the fallthrough is a percentage rollout"
            + " that cannot bucket this context: it has no key, or lacks the rollout's bucketBy"
            + " attribute (or its value is empty, fractional, or not a string or number). The"
            + " application gets the default it passed in; this is not an error.";
      case ERROR:
      default:
        if (e.errorCode() == ErrorCode.FLAG_NOT_FOUND) {
          return "The document has no flag \"" + a.flagKey() + "\", so the application gets the"
              + " default it passed in. Flags in this document: "
              + String.join(", ", new TreeSet<>(flags.flagKeys())) + ".";
        }
        return "The evaluation failed (" + e.errorCode() + "), so the application gets the"
            + " default it passed in.";
    }
  }

  /** For PREREQUISITE_FAILED: the evaluation of each failed prerequisite, down the chain. */
  private static List<String> prerequisiteChain(Flags flags, EvalArgs a, Evaluation e) {
    List<String> lines = new ArrayList<>();
    Evaluation current = e;
    // Cycles are rejected when the document is loaded; the bound is only a guard.
    for (int depth = 0; depth < 100 && current.reason() == Reason.PREREQUISITE_FAILED; depth++) {
      String prerequisite = current.prerequisiteKey();
      if (prerequisite == null) {
        break;
      }
      current = flags.evaluate(prerequisite, a.context());
      lines.add(Render.line(prerequisite, current));
    }
    return lines;
  }

  /** Prints {@code label value}, the value word-wrapped under its first column. */
  private static void field(PrintStream out, String label, String value) {
    StringBuilder line = new StringBuilder(label);
    while (line.length() < INDENT.length()) {
      line.append(' ');
    }
    int start = line.length();
    for (String word : value.split(" ", -1)) {
      if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
        out.println(line.toString().stripTrailing());
        line.setLength(0);
        line.append(INDENT);
        start = line.length();
      }
      if (line.length() > start) {
        line.append(' ');
      }
      line.append(word);
    }
    out.println(line.toString().stripTrailing());
  }
}
