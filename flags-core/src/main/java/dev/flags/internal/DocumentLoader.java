package dev.flags.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import dev.flags.InvalidDocumentException;
import java.time.Instant;

/**
 * Reads, validates and compiles flag documents: bytes in, immutable {@link Snapshot} out, or an
 * {@link InvalidDocumentException} listing every problem. Stateless and thread-safe.
 *
 * <p>The steps are also available one by one, for layered clients that merge several documents
 * before validating the whole.
 */
public final class DocumentLoader {
  private final DocumentReader reader;
  private final DocumentValidator validator;

  public DocumentLoader(DocumentLimits limits) {
    this.reader = new DocumentReader(limits);
    this.validator = new DocumentValidator(limits);
  }

  /** Strict JSON reading within the limits. */
  public JsonNode read(byte[] document) {
    return reader.read(document);
  }

  /** Validates a whole document, references included. */
  public FlagDocument validate(JsonNode root) {
    return validator.validate(root);
  }

  /** Validates one layer; references may point into other layers. */
  public FlagDocument validateLayer(JsonNode root) {
    return validator.validateLayer(root);
  }

  /** Compiles a validated document as it stands at {@code now}. */
  public Snapshot compile(FlagDocument document, JsonNode root, Instant now) {
    return SnapshotCompiler.compile(document, Fingerprints.of(root), now);
  }

  /** Reads and validates, without compiling. */
  public FlagDocument validate(byte[] document) {
    return validate(read(document));
  }

  /** Reads, validates and compiles for the current time. */
  public Snapshot load(byte[] document) {
    return load(document, Instant.now());
  }

  /** Reads, validates and compiles at {@code now}. */
  public Snapshot load(byte[] document, Instant now) {
    JsonNode root = read(document);
    return compile(validate(root), root, now);
  }
}
