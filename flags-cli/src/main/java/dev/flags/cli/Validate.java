package dev.flags.cli;

import dev.flags.InvalidDocumentException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/** {@code validate <document>}: accepts the document, or lists every problem. */
final class Validate {
  private Validate() {}

  static int run(List<String> args, InputStream in, PrintStream out) {
    String file = Args.single(args, "validate takes one document", "missing <document>");
    LoadedDocument doc;
    try {
      doc = LoadedDocument.read(file, in, Instant.now());
    } catch (InvalidDocumentException e) {
      DocumentFiles.printRejection(out, e);
      return FlagsCli.FAILED;
    }
    int n = doc.model().flags().size();
    out.println("OK: version " + doc.model().version() + ", " + n + (n == 1 ? " flag" : " flags"));
    return FlagsCli.OK;
  }
}
