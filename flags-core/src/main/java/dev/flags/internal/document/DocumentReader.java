package dev.flags.internal.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import dev.flags.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads document bytes into a JSON tree, strictly: UTF-8 only (no byte order mark), no duplicate
 * keys, no trailing tokens, no comments, and within {@link DocumentLimits}. A syntax error stops
 * reading, so it is reported as the single problem, with the path where the parser stood.
 */
final class DocumentReader {
  /** Jackson's "(start marker at [Source: ...; line: L, column: C])", which quotes the document. */
  private static final Pattern START_MARKER = Pattern.compile(
      "\\(start marker at \\[Source: .*; line: (\\d+), column: (\\d+)\\]\\)", Pattern.DOTALL);
  /** Jackson's advice to enable one of its features, which users of this library cannot do. */
  private static final Pattern FEATURE_HINT = Pattern.compile(": enable `[A-Za-z_.]+` to allow");

  private final DocumentLimits limits;
  private final JsonFactory factory;

  public DocumentReader(DocumentLimits limits) {
    this.limits = limits;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength(limits.maxStringLength())
            .maxDocumentLength(limits.maxDocumentBytes())
            .maxNameLength(Math.min(limits.maxKeyLength(), limits.maxStringLength()))
            .maxNumberLength(limits.maxNumberLength())
            .build())
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        // Field names are not interned: a document has a few names that repeat, which the
        // parser's symbol table shares within a read, and one key per flag, which Jackson's
        // intern cache (180 names, then emptied) only churned, an entry made and dropped per
        // name. Flag and segment keys are interned where they are read.
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
  }

  /**
   * Reads a document.
   *
   * @param bytes the document's bytes
   * @return the document, or the single problem that stopped reading
   */
  public DocumentResult<ParsedDocument> read(byte[] bytes) {
    return read(bytes, null);
  }

  /**
   * Reads a document and validates it whole on the way: each flag is checked as soon as it is
   * read, and its JSON is not kept (see {@link StreamedFlags}), so that no tree of the whole
   * document is ever built. The result is what {@link #read} and then {@link
   * DocumentValidator#validate(JsonNode)} give, in a document that holds it. A document that
   * declares its segments after its flags is read whole and validated as such.
   *
   * @param bytes the document's bytes
   * @param validator validates the rest of the document
   * @return the document, with its validation, or the single problem that stopped reading
   */
  DocumentResult<ParsedDocument> readValidated(byte[] bytes, DocumentValidator validator) {
    return read(bytes, validator);
  }

  private DocumentResult<ParsedDocument> read(byte[] bytes, @Nullable DocumentValidator validator) {
    if (bytes.length > limits.maxDocumentBytes()) {
      return reject(
          "$", Limit.DOCUMENT_BYTES.exceeded("document is " + bytes.length + " bytes", limits, ""));
    }
    if (bytes.length == 0) {
      return reject("$", "document is empty");
    }
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return reject(
          "$", "document starts with a UTF-8 byte order mark; save it as UTF-8 without BOM");
    }
    if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE) || hasNulInFirst(bytes, 4)) {
      return reject("$", "document is not UTF-8 (looks like UTF-16 or UTF-32); save it as UTF-8");
    }
    try (JsonParser parser = factory.createParser(bytes)) {
      try {
        StreamedFlags streamed = validator == null ? null : new StreamedFlags(limits, validator);
        JsonNode node =
            TreeBuilder.read(parser, new SharedTextNodes(limits.maxStringLength()), streamed);
        if (node == null) {
          return reject("$", "document is empty");
        }
        // Jackson decodes overlong forms and UTF-8-encoded surrogates without complaint.
        int malformed = firstMalformedUtf8(bytes);
        if (malformed >= 0) {
          return reject(
              "$",
              "document is not valid UTF-8: malformed sequence starting with byte "
                  + String.format(Locale.ROOT, "0x%02X", bytes[malformed] & 0xFF)
                  + " " + position(bytes, malformed) + "; save it as UTF-8");
        }
        if (streamed == null) {
          return new DocumentResult.Ok<>(new ParsedDocument(node, bytes, this));
        }
        if (!streamed.complete(node)) {
          return new DocumentResult.Ok<>(new ParsedDocument(reread(bytes), bytes, this));
        }
        return new DocumentResult.Ok<>(
            ParsedDocument.validated(node, bytes, this, streamed.validate(node)));
      } catch (StreamConstraintsException e) {
        return reject(pathOf(parser.getParsingContext()), constraintMessage(e));
      } catch (JsonProcessingException e) {
        return reject(pathOf(parser.getParsingContext()), syntaxMessage(e));
      }
    } catch (IOException e) {
      return reject("$", "document could not be read: " + e.getMessage());
    }
  }

  /**
   * Reads again a document that {@link #read} accepted, from its bytes (one that holds no tree).
   *
   * @param bytes the bytes of a document read before
   * @return its tree
   * @throws IllegalStateException if the bytes no longer read (they were read before)
   */
  JsonNode reread(byte[] bytes) {
    return reread(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads again a document that {@link #read} accepted, from a stream of its bytes (a layer's
   * {@link KeptBytes}).
   *
   * @param bytes the bytes of a document read before; closed here
   * @return its tree
   * @throws IllegalStateException if the bytes no longer read (they were read before)
   */
  JsonNode reread(InputStream bytes) {
    try (InputStream in = bytes; // closed also when the parser cannot be made
        JsonParser parser = factory.createParser(in)) {
      JsonNode node = TreeBuilder.read(parser, new SharedTextNodes(limits.maxStringLength()));
      if (node == null) {
        throw new IllegalStateException("a document read before is empty");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalStateException("a document read before cannot be read again", e);
    }
  }

  private String constraintMessage(StreamConstraintsException e) {
    String m = e.getOriginalMessage();
    // Jackson names its own setting; point users at ours instead.
    if (m.contains("nesting depth")) {
      return Limit.NESTING_DEPTH.reached("nesting is deeper than", limits, "");
    }
    if (m.contains("Name length")) {
      // Keys are bounded by both settings; name the one that bound.
      Limit bound = limits.maxKeyLength() <= limits.maxStringLength()
          ? Limit.KEY_LENGTH
          : Limit.STRING_LENGTH;
      return bound.reached("a key is longer than", limits, "characters");
    }
    if (m.contains("String value length")) {
      return Limit.STRING_LENGTH.reached("a string is longer than", limits, "characters");
    }
    if (m.contains("Number value length")) {
      return Limit.NUMBER_LENGTH.reached("a number is longer than", limits, "digits");
    }
    if (m.contains("Document length")) {
      return Limit.DOCUMENT_BYTES.reached("document is longer than", limits, "bytes");
    }
    return m;
  }

  private static String syntaxMessage(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    // Rephrase what would quote the document or name Jackson settings users cannot change.
    Matcher marker = START_MARKER.matcher(m);
    if (marker.find()) {
      m = m.substring(0, marker.start()) + "(opened at line " + marker.group(1) + ", column "
          + marker.group(2) + ")" + m.substring(marker.end());
    }
    m = FEATURE_HINT.matcher(m).replaceAll("");
    int comment = m.indexOf("maybe a (non-standard) comment?");
    if (comment >= 0) {
      m = m.substring(0, comment) + "comments are not allowed in JSON";
    }
    if (m.startsWith("Trailing token")) {
      m = "unexpected content after the end of the document";
    }
    int nl = m.indexOf('\n');
    if (nl > 0) {
      m = m.substring(0, nl);
    }
    if (m.startsWith("Duplicate field '")) {
      // TreeBuilder's "Duplicate field 'x' for `ObjectNode`", worded as Jackson's reader words it
      int end = m.indexOf("' for `ObjectNode`");
      return "duplicate key "
          + m.substring("Duplicate field ".length(), end < 0 ? m.length() : end + 1);
    }
    StringBuilder sb = new StringBuilder("invalid JSON: ").append(m);
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      sb.append(" (line ")
          .append(e.getLocation().getLineNr())
          .append(", column ")
          .append(e.getLocation().getColumnNr())
          .append(')');
    }
    return sb.toString();
  }

  /** Offset of the first byte that does not start a valid UTF-8 sequence, or -1 if none. */
  private static int firstMalformedUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }

  /** "(line L, column C)" of a byte offset, counted like Jackson's locations (columns in bytes). */
  private static String position(byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "(line " + line + ", column " + (offset - lineStart + 1) + ")";
  }

  static String pathOf(JsonStreamContext context) {
    StringBuilder sb = new StringBuilder();
    JsonPointer p = context.pathAsPointer();
    while (p != null && !p.matches()) {
      // Jackson pointers cannot tell "0" the key from 0 the index; the document format has no
      // numeric keys, so a numeric segment is an index.
      if (p.mayMatchElement() && p.getMatchingIndex() >= 0) {
        Paths.appendIndex(sb, p.getMatchingIndex());
      } else {
        Paths.appendKey(sb, p.getMatchingProperty());
      }
      p = p.tail();
    }
    return sb.length() == 0 ? "$" : sb.toString();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasNulInFirst(byte[] bytes, int n) {
    for (int i = 0; i < Math.min(n, bytes.length); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static DocumentResult<ParsedDocument> reject(String path, String message) {
    return new DocumentResult.Rejected<>(null, List.of(Problem.of(path, message)));
  }
}
