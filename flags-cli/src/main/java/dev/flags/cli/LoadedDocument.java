package dev.flags.cli;

import dev.flags.DocumentLimits;
import dev.flags.InvalidDocumentException;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.Snapshot;
import java.io.InputStream;
import java.time.Instant;

/**
 * A document read, validated and compiled the way a client does it (default limits), without a
 * client: no threads, no audit lines. Commands that look inside a document (explain, bucket,
 * diff) use the validated model and the snapshot compiled from it at one instant.
 *
 * @param name how the command names the document ({@link DocumentFiles#label})
 * @param model the validated document
 * @param snapshot the document compiled at {@code at}
 * @param at the compile instant: schedules and rollout steps are resolved for it
 */
record LoadedDocument(String name, FlagDocument model, Snapshot snapshot, Instant at) {

  /**
   * Reads the named document and loads it.
   *
   * @throws CliException when it cannot be read
   * @throws InvalidDocumentException when it is rejected, listing every problem
   */
  static LoadedDocument read(String file, InputStream stdin, Instant at) {
    return load(DocumentFiles.label(file), DocumentFiles.read(file, stdin), at);
  }

  /**
   * Loads a document's bytes.
   *
   * @throws InvalidDocumentException when it is rejected, listing every problem
   */
  static LoadedDocument load(String name, byte[] bytes, Instant at) {
    DocumentLoader loader = new DocumentLoader(DocumentLimits.defaults());
    ParsedDocument parsed = loader.readAndValidate(bytes).orThrow();
    FlagDocument model = loader.validate(parsed).orThrow();
    return new LoadedDocument(name, model, loader.compile(model, at), at);
  }

  /** {@code name, version V (N flags)}. */
  String describe() {
    int n = model.flags().size();
    return name + ", version " + model.version() + " (" + n + (n == 1 ? " flag)" : " flags)");
  }
}
