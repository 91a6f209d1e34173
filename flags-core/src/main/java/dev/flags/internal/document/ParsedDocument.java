package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.internal.snapshot.FlagDocument;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A document read as strict JSON but not yet validated: what a layer keeps, so that layers can be
 * merged and validated together. Opaque outside this package, which keeps Jackson out of the
 * runtime. Equal when the JSON trees are equal. Immutable.
 *
 * <p>A document just read holds its JSON tree, which validation, merging and compilation use. What
 * a layer keeps between deliveries is {@link #forKeeping()}: the document's bytes, deflated ({@link
 * KeptBytes}), without the tree; read again only when the layer is merged with another layer's new
 * document or compared with a new document of the same version and other bytes. So the tree of a
 * document, several times the size of its bytes, is garbage once the document is served, and the
 * bytes are kept at a fraction of their size. A document validated while it was read ({@link
 * #validated}) holds no tree at all, but what validating it gave.
 */
public final class ParsedDocument {
  /** The tree; null in the form a layer keeps, where {@link #kept} can give it again. */
  private final @Nullable JsonNode tree;
  /** The bytes the document was read from; null for a merged or a kept document. */
  private final byte @Nullable [] bytes;
  /** In the form a layer keeps: the bytes, deflated; null for any other. */
  private final @Nullable KeptBytes kept;
  /** Reads {@link #bytes} or {@link #kept} again; null for a merged document. */
  private final @Nullable DocumentReader reader;

  private final String version;

  /**
   * For a document validated while it was read ({@link DocumentReader#readValidated}): what
   * validating it whole gives; null for any other.
   */
  private final @Nullable DocumentResult<FlagDocument> validated;

  ParsedDocument(JsonNode tree) {
    this(tree, null, null);
  }

  ParsedDocument(JsonNode tree, byte @Nullable [] bytes, @Nullable DocumentReader reader) {
    this.tree = tree;
    this.bytes = bytes;
    this.kept = null;
    this.reader = reader;
    this.version = versionOf(tree);
    this.validated = null;
  }

  private ParsedDocument(KeptBytes kept, DocumentReader reader, String version) {
    this.tree = null;
    this.bytes = null;
    this.kept = kept;
    this.reader = reader;
    this.version = version;
    this.validated = null;
  }

  private ParsedDocument(
      byte[] bytes,
      DocumentReader reader,
      String version,
      @Nullable DocumentResult<FlagDocument> validated) {
    this.tree = null;
    this.bytes = bytes;
    this.kept = null;
    this.reader = reader;
    this.version = version;
    this.validated = validated;
  }

  /**
   * A document validated while it was read: it keeps the result, and no tree ({@link #root()} reads the bytes again, for a merge with
   * other layers).
   *
   * @param top the document's tree without its flags, for its version
   * @param bytes the bytes read
   * @param reader reads them again
   * @param validated what validating the whole document gives
   * @return the document
   */
  static ParsedDocument validated(
      JsonNode top, byte[] bytes, DocumentReader reader, DocumentResult<FlagDocument> validated) {
    return new ParsedDocument(bytes, reader, versionOf(top), validated);
  }

  private static String versionOf(JsonNode tree) {
    JsonNode v = tree.get("version");
    return v != null && v.isTextual() ? v.asText() : "";
  }

  /**
   * What validating this document whole gives, when that was done while reading it.
   *
   * @return the result, or null when the document must be validated from its tree
   */
  @Nullable
  DocumentResult<FlagDocument> validated() {
    return validated;
  }

  /**
   * The JSON tree: the one read, or a new reading of the bytes (inflated, in the form a layer
   * keeps).
   *
   * @return the document's tree, not to be modified
   */
  JsonNode root() {
    JsonNode t = tree;
    if (t != null) {
      return t;
    }
    byte[] b = bytes;
    KeptBytes k = kept;
    DocumentReader r = reader;
    if (r != null && b != null) {
      return r.reread(b);
    }
    if (r != null && k != null) {
      return r.reread(k.open());
    }
    throw new IllegalStateException("a document without a tree has its bytes");
  }

  /**
   * The form of this document that a layer keeps between deliveries: its bytes deflated ({@link
   * KeptBytes}), without the JSON tree. A copy: once a delivery returns, the client holds no
   * reference to the array it was given. A merged document, which has no bytes, and a document
   * already in this form are kept as they are.
   *
   * @return a document equal to this one
   */
  public ParsedDocument forKeeping() {
    byte[] b = bytes;
    DocumentReader r = reader;
    if (b == null || r == null) {
      return this;
    }
    return new ParsedDocument(KeptBytes.of(b), r, version);
  }

  /**
   * The document's {@code version} field as text.
   *
   * @return the version, or an empty string when the field is missing or not text
   */
  public String version() {
    return version;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof ParsedDocument other) || !version.equals(other.version)) {
      return false; // equal trees have the same version
    }
    if (sameBytes(this, other)) {
      return true; // the same bytes read the same way
    }
    return root().equals(other.root());
  }

  /** Whether both were read from the same bytes (false also when that cannot be told). */
  private static boolean sameBytes(ParsedDocument x, ParsedDocument y) {
    byte[] a = x.bytes;
    byte[] b = y.bytes;
    KeptBytes keptA = x.kept;
    KeptBytes keptB = y.kept;
    if (a != null && b != null) {
      return Arrays.equals(a, b);
    }
    if (keptA != null && b != null) {
      return keptA.holds(b);
    }
    if (a != null && keptB != null) {
      return keptB.holds(a);
    }
    return keptA != null && keptB != null && keptA.sameAs(keptB);
  }

  @Override
  public int hashCode() {
    return root().hashCode();
  }

  @Override
  public String toString() {
    return "ParsedDocument{version=" + version + "}";
  }
}
