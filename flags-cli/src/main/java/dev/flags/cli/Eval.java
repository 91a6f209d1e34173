package dev.flags.cli;

import dev.flags.Context;
import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import dev.flags.InvalidDocumentException;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.Evaluator;
import dev.flags.internal.snapshot.Snapshot;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;

/** {@code eval <document> <flag> ...}: evaluates a flag for a context, one line or JSON. */
final class Eval {
  private Eval() {}

  static int run(EvalArgs a, InputStream in, PrintStream out, PrintStream err) {
    LoadedDocument doc;
    try {
      doc = LoadedDocument.read(a.document(), in, Instant.now());
    } catch (InvalidDocumentException e) {
      DocumentFiles.printRejection(err, e);
      return FlagsCli.FAILED;
    }
    Evaluation e = evaluate(doc.snapshot(), a.flagKey(), a.context());
    out.println(a.json() ? Render.json(a.flagKey(), e) : Render.line(a.flagKey(), e));
    return e.isError() ? FlagsCli.FAILED : FlagsCli.OK;
  }

  /**
   * Evaluates a flag as a client serving {@code snapshot} does: FLAG_NOT_FOUND for an unknown
   * flag, GENERAL for an unexpected failure, never an exception.
   */
  static Evaluation evaluate(Snapshot snapshot, String flagKey, Context context) {
    CompiledFlag flag = snapshot.flag(flagKey);
    if (flag == null) {
      return snapshot.error(ErrorCode.FLAG_NOT_FOUND);
    }
    try {
      return Evaluator.evaluate(snapshot, flag, context);
    } catch (RuntimeException e) {
      return snapshot.error(ErrorCode.GENERAL);
    }
  }
}
