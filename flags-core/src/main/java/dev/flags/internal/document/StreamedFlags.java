package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.flags.DocumentLimits;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The flags of a document checked one at a time while the document is read ({@link
 * TreeBuilder.FlagSink}): of each flag, its problems, its validated form and what the reference
 * checks need are kept, and its JSON is not. {@link
 * DocumentValidator#validate(JsonNode, StreamedFlags)} then checks the rest of the document and
 * reports both in the order a validation of the whole tree does. Not thread-safe: one per read.
 */
final class StreamedFlags implements TreeBuilder.FlagSink {
  /** The flags' own problems, in document order. */
  private final Problems problems;

  private final Map<String, Flag> flags = new LinkedHashMap<>();
  /** Every flag's links, valid or not, in document order. */
  private final Map<String, ReferenceChecker.Links> links = new LinkedHashMap<>();

  /** Made at the first flag, with the segments known then. */
  private @Nullable FlagReader reader;

  /** Whether the document's segments had been read when the first flag was. */
  private boolean segmentsFirst;

  /** Validates the rest of the document once it is read. */
  private final DocumentValidator validator;

  /**
   * Flags to check within {@code limits}.
   *
   * @param limits the document's limits
   * @param validator validates the rest of the document
   */
  StreamedFlags(DocumentLimits limits, DocumentValidator validator) {
    this.problems = new Problems(limits);
    this.validator = validator;
  }

  @Override
  public void flag(String key, JsonNode flag, @Nullable JsonNode segments) {
    FlagReader r = reader;
    if (r == null) {
      segmentsFirst = segments != null;
      ConditionReader conditions =
          new ConditionReader(problems, segments != null ? segments : MissingNode.getInstance());
      r = new FlagReader(problems, new RuleReader(problems, conditions));
      reader = r;
    }
    Flag f = r.read(key, flag);
    if (f != null) {
      flags.put(f.key(), f);
    }
    links.put(key, ReferenceChecker.links(flag));
  }

  /**
   * Whether every flag was checked against the document's segments: false when the document
   * declares its segments after its first flag, whose references to segments could not be
   * resolved while it was read (the document is then validated whole instead).
   *
   * @param root the document read
   * @return whether these flags stand for the document's
   */
  boolean complete(JsonNode root) {
    return reader == null || segmentsFirst || !root.has("segments");
  }

  /**
   * Validates the whole document: its tree without the flags, then these flags.
   *
   * @param root the document read ({@link #complete} must hold)
   * @return what validating the whole document's tree gives
   */
  DocumentResult<FlagDocument> validate(JsonNode root) {
    return validator.validate(root, this);
  }

  /** Puts the flags' problems, then the problems of their references, after {@code into}'s. */
  void reportTo(Problems into) {
    into.addAll(problems);
    new ReferenceChecker(into).check(links.keySet(), links);
  }

  /** The valid flags, in document order. */
  Map<String, Flag> flags() {
    return flags;
  }
}
