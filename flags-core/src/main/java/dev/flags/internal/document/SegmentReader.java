package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Rule;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one segment: included and excluded keys (bounded like every key list) and rules made of
 * conditions only, which cannot reference other segments.
 */
final class SegmentReader {
  private static final List<String> FIELDS =
      List.of("description", "included", "excluded", "rules");

  private final Problems problems;
  private final RuleReader rules;

  /** Where the segment being read is: the paths below it are made once per document. */
  private final Path.Anchor segmentPaths = Path.anchor();

  SegmentReader(Problems problems, RuleReader rules) {
    this.problems = problems;
    this.rules = rules;
  }

  /**
   * Reads the segment {@code segments.<key>}.
   *
   * @return the segment, or null if it has a problem
   */
  @Nullable
  Segment read(String key, JsonNode node) {
    int mark = problems.count();
    problems.name(key, "segment key", Path.SEGMENTS, key);
    Path path = segmentPaths.at(Path.SEGMENTS.key(key));
    if (!problems.object(node, path, "segment must be an object")) {
      return null;
    }
    problems.unknownFields(node, path, FIELDS);
    String description = problems.optionalString(node, path, "description");
    // The lists the compiled segment looks keys up in too.
    List<String> included = FlagDocument.keys(problems.stringList(node, path, "included", true));
    List<String> excluded = FlagDocument.keys(problems.stringList(node, path, "excluded", true));
    List<Rule> segmentRules = rules.segmentRules(node, path);
    if (problems.addedSince(mark)) {
      return null;
    }
    return new Segment(key.intern(), description, included, excluded, segmentRules);
  }
}
