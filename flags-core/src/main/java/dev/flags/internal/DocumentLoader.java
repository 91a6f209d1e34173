package dev.flags.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import dev.flags.InvalidDocumentException;
import java.time.Clock;

/**
 * Reads, validates and compiles a flag document: bytes in, immutable {@link Snapshot} out, or an
 * {@link InvalidDocumentException} listing every problem. Stateless and thread-safe.
 */
public final class DocumentLoader {
  private final DocumentReader reader;
  private final DocumentValidator validator;
  private final Clock clock;

  public DocumentLoader(DocumentLimits limits, Clock clock) {
    this.reader = new DocumentReader(limits);
    this.validator = new DocumentValidator(limits);
    this.clock = clock;
  }

  /** Reads and validates, without compiling. */
  public FlagDocument validate(byte[] document) {
    JsonNode root = reader.read(document);
    return validator.validate(root);
  }

  /** Reads, validates and compiles. */
  public Snapshot load(byte[] document) {
    return SnapshotCompiler.compile(validate(document), clock.instant());
  }
}
