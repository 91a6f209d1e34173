package dev.flags.cli;

import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import java.io.PrintStream;
import java.util.List;

/** {@code validate <document.json>}: accepts the document, or lists every problem. */
final class Validate {
  private Validate() {}

  static int run(List<String> args, PrintStream out) {
    String file = null;
    for (String a : args) {
      if (a.startsWith("-") && a.length() > 1) {
        throw new CliException("unknown option '" + a + "'");
      }
      if (file != null) {
        throw new CliException("unexpected argument '" + a + "' (validate takes one document)");
      }
      file = a;
    }
    if (file == null) {
      throw new CliException("missing <document.json>");
    }
    byte[] document = DocumentFiles.read(file);
    try (Flags flags = Flags.newBuilder().build()) {
      try {
        flags.load(document);
      } catch (InvalidDocumentException e) {
        DocumentFiles.printRejection(out, e);
        return FlagsCli.FAILED;
      }
      int n = flags.flagKeys().size();
      out.println("OK: version " + flags.version() + ", " + n + (n == 1 ? " flag" : " flags"));
      return FlagsCli.OK;
    }
  }
}
