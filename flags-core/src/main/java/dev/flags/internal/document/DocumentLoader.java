package dev.flags.internal.document;

import dev.flags.DocumentLimits;
import dev.flags.InvalidDocumentException;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCompiler;
import java.time.Instant;
import java.util.List;

/**
 * The document side's entry point: bytes in, an immutable {@link Snapshot} out, or every problem.
 * Stateless and thread-safe.
 *
 * <p>The steps are also available one by one, returning {@link DocumentResult}s, for layered
 * clients that merge several documents before validating the whole.
 */
public final class DocumentLoader {
  private final DocumentReader reader;
  private final DocumentValidator validator;
  private final int maxDocumentBytes;

  /**
   * A loader for documents within these limits.
   *
   * @param limits the limits
   */
  public DocumentLoader(DocumentLimits limits) {
    this.reader = new DocumentReader(limits);
    this.validator = new DocumentValidator(limits);
    this.maxDocumentBytes = limits.maxDocumentBytes();
  }

  /**
   * The largest document accepted, for sources that should stop reading beyond it.
   *
   * @return the limit in bytes
   */
  public int maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /**
   * Reads strict JSON within the limits.
   *
   * @param document the document's bytes
   * @return the parsed document, or the problem that stopped reading
   */
  public DocumentResult<ParsedDocument> read(byte[] document) {
    return reader.read(document);
  }

  /**
   * Reads strict JSON within the limits and validates the whole document on the way, a flag at a
   * time, without building the document's JSON tree: what {@link #read} and then {@link
   * #validate(ParsedDocument)} give, for a document served alone (a layer merged with others is
   * validated together with them).
   *
   * @param document the document's bytes
   * @return the parsed document, holding its validation (see {@link #validate(ParsedDocument)}),
   *     or the problem that stopped reading
   */
  public DocumentResult<ParsedDocument> readAndValidate(byte[] document) {
    return reader.readValidated(document, validator);
  }

  /**
   * Validates a whole document, references included.
   *
   * @param document a parsed document
   * @return the validated document, or every problem
   */
  public DocumentResult<FlagDocument> validate(ParsedDocument document) {
    DocumentResult<FlagDocument> known = document.validated();
    return known != null ? known : validator.validate(document.root());
  }

  /**
   * Validates one layer of a layered client: everything except references to segments and flags,
   * which may live in another layer.
   *
   * @param document a parsed document
   * @return the validated layer, or every problem
   */
  public DocumentResult<FlagDocument> validateLayer(ParsedDocument document) {
    return validator.validateLayer(document.root());
  }

  /**
   * Merges layer documents, lowest precedence first (see {@link LayerMerge}).
   *
   * @param layers the documents, possibly none
   * @return the merged document
   */
  public ParsedDocument merge(List<ParsedDocument> layers) {
    return LayerMerge.merge(layers);
  }

  /**
   * Compiles a validated document as it stands at {@code now}.
   *
   * @param document the validated document
   * @param now the compile instant
   * @return the snapshot
   */
  public Snapshot compile(FlagDocument document, Instant now) {
    return SnapshotCompiler.compile(document, now);
  }

  /**
   * Reads, validates and compiles for the current time.
   *
   * @param document the document's bytes
   * @return the snapshot
   * @throws InvalidDocumentException listing every problem
   */
  public Snapshot load(byte[] document) {
    return load(document, Instant.now());
  }

  /**
   * Reads, validates and compiles at {@code now}.
   *
   * @param document the document's bytes
   * @param now the compile instant
   * @return the snapshot
   * @throws InvalidDocumentException listing every problem
   */
  public Snapshot load(byte[] document, Instant now) {
    ParsedDocument parsed = readAndValidate(document).orThrow();
    return compile(validate(parsed).orThrow(), now);
  }

  /**
   * Reads and validates, without compiling.
   *
   * @param document the document's bytes
   * @return the validated document
   * @throws InvalidDocumentException listing every problem
   */
  public FlagDocument validate(byte[] document) {
    return validate(reader.readValidated(document, validator).orThrow()).orThrow();
  }
}
