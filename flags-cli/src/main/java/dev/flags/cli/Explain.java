package dev.flags.cli;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import dev.flags.InvalidDocumentException;
import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code explain}: evaluates a flag and says what decided the result: a summary (result, reason,
 * why), then the {@link Trace} of every step the evaluator took, down to each condition, segment
 * and bucket. With {@code --json}, the same as one JSON object ({@link ExplainJson}).
 *
 * <p>The result is the real evaluator's; the trace follows the same order over the validated
 * document, with conditions answered by the library's own compiled conditions, and is checked
 * against the result: a disagreement would be a bug, and is reported on stderr.
 */
final class Explain {
  private static final int WIDTH = 92;
  private static final String INDENT = "          ";

  private Explain() {}

  static int run(EvalArgs a, InputStream in, PrintStream out, PrintStream err) {
    LoadedDocument doc;
    try {
      doc = LoadedDocument.read(a.document(), in, Instant.now());
    } catch (InvalidDocumentException e) {
      DocumentFiles.printRejection(err, e);
      return FlagsCli.FAILED;
    }
    Evaluation e = Eval.evaluate(doc.snapshot(), a.flagKey(), a.context());
    Flag flag = doc.model().flags().get(a.flagKey());
    Trace trace = flag == null ? null : Tracer.trace(doc, flag, a.context());
    if (trace != null && !agrees(trace, e)) {
      err.println(FlagsCli.NAME + " explain: warning: the steps below do not arrive at the"
          + " evaluation's result (" + Render.line(a.flagKey(), e) + "); please report it");
    }
    if (a.json()) {
      out.println(ExplainJson.json(doc, a, e, flag, trace));
    } else {
      text(out, doc, a, e, flag, trace);
    }
    return e.isError() ? FlagsCli.FAILED : FlagsCli.OK;
  }

  /** Whether the trace ends where the evaluator did. */
  static boolean agrees(Trace t, Evaluation e) {
    return t.reason() == e.reason()
        && Objects.equals(t.variant(), e.variant())
        && Objects.equals(t.ruleId(), e.ruleId())
        && Objects.equals(t.prerequisite(), e.prerequisiteKey());
  }

  private static void text(
      PrintStream out,
      LoadedDocument doc,
      EvalArgs a,
      Evaluation e,
      @Nullable Flag flag,
      @Nullable Trace trace) {
    field(out, "flag", a.flagKey());
    field(out, "document", doc.describe());
    field(out, "context", Render.context(a.context()));
    if (flag != null) {
      field(out, "about", flag.description().isEmpty() ? "(none)" : flag.description());
      field(out, "owner", flag.owner().isEmpty() ? "(none)" : flag.owner());
      field(out, "tags", flag.tags().isEmpty() ? "(none)" : String.join(", ", flag.tags()));
      List<String> variants = new ArrayList<>();
      for (Variant v : flag.variants()) {
        variants.add(v.name());
      }
      field(
          out,
          "variants",
          String.join(", ", variants) + " (off-variant "
              + flag.variants().get(flag.offVariant()).name() + ")");
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
    field(out, "why", why(doc, a, e, trace));
    for (String line : prerequisiteChain(doc, a, e)) {
      out.println(INDENT + "  " + line);
    }
    if (trace != null) {
      out.println();
      String label = "steps";
      for (String line : ExplainText.lines(trace, a.context())) {
        out.println((label + INDENT).substring(0, INDENT.length()) + line);
        label = "";
      }
      out.println();
    }
    field(
        out,
        "order",
        "enabled, schedule, prerequisites, individual targets, rules in document order,"
            + " fallthrough: the first that applies decides");
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

  private static String why(LoadedDocument doc, EvalArgs a, Evaluation e, @Nullable Trace trace) {
    String key = a.context().key();
    String variant = e.variant() == null ? "" : "\"" + e.variant() + "\"";
    switch (e.reason()) {
      case DISABLED:
        return "The flag is switched off in the document, so it serves its off-variant " + variant
            + " to every context; prerequisites, targets and rules are not looked at.";
      case OUTSIDE_SCHEDULE:
        return "The flag's schedule has no window open now, so it serves its off-variant " + variant
            + " to every context.";
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
            + ". It serves " + variant + served(trace) + ".";
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
              + String.join(", ", new TreeSet<>(doc.model().flags().keySet())) + ".";
        }
        return "The evaluation failed (" + e.errorCode() + "), so the application gets the"
            + " default it passed in.";
    }
  }

  /** How the deciding rule served: its fixed variant, or the bucket of its rollout. */
  private static String served(@Nullable Trace trace) {
    if (trace == null || trace.steps().isEmpty()) {
      return "";
    }
    if (trace.steps().get(trace.steps().size() - 1) instanceof Trace.Rule r) {
      RolloutPick p = r.rollout();
      return p == null
          ? ", its fixed variant"
          : " from its percentage rollout: the context is in bucket " + p.bucket()
              + ", in the range of " + p.variant();
    }
    return "";
  }

  /** For PREREQUISITE_FAILED: the evaluation of each failed prerequisite, down the chain. */
  private static List<String> prerequisiteChain(LoadedDocument doc, EvalArgs a, Evaluation e) {
    List<String> lines = new ArrayList<>();
    Evaluation current = e;
    // Cycles are rejected when the document is loaded; the bound is only a guard.
    for (int depth = 0; depth < 100 && current.reason() == Reason.PREREQUISITE_FAILED; depth++) {
      String prerequisite = current.prerequisiteKey();
      if (prerequisite == null) {
        break;
      }
      current = Eval.evaluate(doc.snapshot(), prerequisite, a.context());
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
