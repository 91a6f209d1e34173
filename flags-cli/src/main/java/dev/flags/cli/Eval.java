package dev.flags.cli;

import dev.flags.Evaluation;
import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import java.io.PrintStream;

/** {@code eval <document.json> <flag> ...}: evaluates a flag for a context, one line or JSON. */
final class Eval {
  private Eval() {}

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
      out.println(a.json() ? Render.json(a.flagKey(), e) : Render.line(a.flagKey(), e));
      return e.isError() ? FlagsCli.FAILED : FlagsCli.OK;
    }
  }
}
