package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a whole flag document and turns it into a {@link FlagDocument}: the top-level fields
 * here, each segment and flag by its reader, then the references between flags. Every problem is
 * collected, each with its path, in document order; if there is any, the document is rejected
 * whole. The format is described in {@code docs/document-format.md}. Stateless and thread-safe.
 */
final class DocumentValidator {
  private static final List<String> TOP_FIELDS =
      List.of("schema", "version", "description", "flags", "segments", "$schema");

  private final DocumentLimits limits;

  public DocumentValidator(DocumentLimits limits) {
    this.limits = limits;
  }

  /**
   * Validates a document tree.
   *
   * @param root the document
   * @return the validated document, or every problem
   */
  public DocumentResult<FlagDocument> validate(JsonNode root) {
    return validate(root, true);
  }

  /**
   * Validates one layer of a layered client on its own: everything except references to segments
   * and flags, which may live in another layer. The merged document is then validated whole.
   *
   * @param root the layer's document
   * @return the validated layer, or every problem
   */
  public DocumentResult<FlagDocument> validateLayer(JsonNode root) {
    return validate(root, false);
  }

  /**
   * Validates a document whose flags were checked while it was read: the tree holds the rest of
   * the document, and {@code null} in place of each flag.
   *
   * @param root the document, without its flags
   * @param streamed the flags, checked ({@link StreamedFlags#complete} must hold)
   * @return the validated document, or every problem, as {@link #validate(JsonNode)} of the whole
   */
  DocumentResult<FlagDocument> validate(JsonNode root, StreamedFlags streamed) {
    return validate(root, true, streamed);
  }

  private DocumentResult<FlagDocument> validate(JsonNode root, boolean resolveReferences) {
    return validate(root, resolveReferences, null);
  }

  private DocumentResult<FlagDocument> validate(
      JsonNode root, boolean resolveReferences, @Nullable StreamedFlags streamed) {
    Problems problems = new Problems(limits);
    if (!problems.object(root, Path.ROOT, "document must be a JSON object")) {
      return new DocumentResult.Rejected<>(null, problems.list());
    }
    problems.unknownFields(root, Path.ROOT, TOP_FIELDS);
    // Schema first, then version: the order of the fields in the format (document order).
    schema(root, problems);
    String version = version(root, problems);
    problems.optionalString(root, Path.ROOT, "description");
    // $schema is for editors; the library does not read it.
    problems.optionalString(root, Path.ROOT, "$schema");
    ConditionReader conditions =
        new ConditionReader(problems, resolveReferences ? root.path("segments") : null);
    RuleReader rules = new RuleReader(problems, conditions);
    Map<String, Segment> segments = segments(root, new SegmentReader(problems, rules), problems);
    Map<String, Flag> flags =
        flags(root, new FlagReader(problems, rules), problems, resolveReferences, streamed);
    if (version == null || !problems.isEmpty()) {
      return new DocumentResult.Rejected<>(version, problems.list());
    }
    return new DocumentResult.Ok<>(new FlagDocument(FlagDocument.SCHEMA, version, flags, segments));
  }

  private static void schema(JsonNode root, Problems problems) {
    JsonNode schema = problems.required(
        root, Path.ROOT, "schema", "this library reads schema " + FlagDocument.SCHEMA);
    if (schema == null) {
      return;
    }
    if (!schema.isIntegralNumber()) {
      problems.mismatch(
          schema, Path.ROOT.key("schema"), "must be the number " + FlagDocument.SCHEMA);
    } else if (!schema.canConvertToLong() || schema.longValue() != FlagDocument.SCHEMA) {
      problems.add(
          Path.ROOT.key("schema"),
          "unsupported schema " + schema.asText() + " (this library reads schema "
              + FlagDocument.SCHEMA + ")");
    }
  }

  /** The version, or null after reporting. */
  private static @Nullable String version(JsonNode root, Problems problems) {
    JsonNode v = problems.required(root, Path.ROOT, "version");
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      problems.mismatch(v, Path.ROOT.key("version"), "must be a non-empty string");
      return null;
    }
    if (v.asText().length() > Problems.MAX_NAME_LENGTH) {
      problems.add(
          Path.ROOT.key("version"), "must be at most " + Problems.MAX_NAME_LENGTH + " characters");
      return null;
    }
    return v.asText();
  }

  /** The valid segments, in document order (unmodifiable). */
  private static Map<String, Segment> segments(
      JsonNode root, SegmentReader reader, Problems problems) {
    Map<String, Segment> segments = new LinkedHashMap<>();
    JsonNode node = root.get("segments");
    if (node != null
        && problems.object(node, Path.SEGMENTS, "must be an object of segment key to segment")) {
      if (problems.exceeds(node.size(), Limit.SEGMENTS)) {
        problems.overLimit(
            Path.SEGMENTS, "document has " + node.size() + " segments", Limit.SEGMENTS);
      }
      ObjectFields fields = ObjectFields.of(node);
      for (int i = 0; i < fields.size(); i++) {
        Segment s = reader.read(fields.name(i), fields.value(i));
        if (s != null) {
          segments.put(s.key(), s);
        }
      }
    }
    return Collections.unmodifiableMap(segments);
  }

  /** The valid flags, in document order (unmodifiable); then references between flags. */
  private static Map<String, Flag> flags(
      JsonNode root,
      FlagReader reader,
      Problems problems,
      boolean resolveReferences,
      @Nullable StreamedFlags streamed) {
    JsonNode node = problems.required(root, Path.ROOT, "flags");
    // Sized for every flag valid: a map of 10,000 flags would otherwise grow ten times.
    Map<String, Flag> flags = new LinkedHashMap<>(node == null ? 16 : node.size() * 4 / 3 + 1);
    if (node != null
        && problems.object(node, Path.FLAGS, "must be an object of flag key to flag")) {
      if (problems.exceeds(node.size(), Limit.FLAGS)) {
        problems.overLimit(Path.FLAGS, "document has " + node.size() + " flags", Limit.FLAGS);
      }
      if (streamed != null) {
        streamed.reportTo(problems);
        return Collections.unmodifiableMap(streamed.flags());
      }
      ObjectFields fields = ObjectFields.of(node);
      for (int i = 0; i < fields.size(); i++) {
        Flag f = reader.read(fields.name(i), fields.value(i));
        if (f != null) {
          flags.put(f.key(), f);
        }
      }
      if (resolveReferences) {
        new ReferenceChecker(problems).check(node);
      }
    }
    return Collections.unmodifiableMap(flags);
  }
}
