package dev.flags.cli;

import dev.flags.Context;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.Evaluator;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Rule;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCompiler;
import java.time.Instant;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells whether single conditions hold for a context, by the library's own compiled conditions:
 * each condition becomes the only rule of a probe flag (serving {@code match}, falling through to
 * {@code miss}) in a document with the real document's segments that the conditions name,
 * compiled once and evaluated by the real evaluator. So explain never re-implements an operator: whatever the evaluator does
 * with types, lists, negation, case and regexes, the probe does too.
 */
final class ConditionProbe {
  private static final List<Variant> VARIANTS =
      List.of(new Variant("match", true, "true"), new Variant("miss", false, "false"));

  private final Snapshot probes;
  private final IdentityHashMap<Condition, String> keys = new IdentityHashMap<>();

  /**
   * Compiles a probe for each condition.
   *
   * @param document the document the conditions come from (its segments are used)
   * @param conditions the conditions to probe
   * @param at the compile instant
   */
  ConditionProbe(FlagDocument document, Collection<Condition> conditions, Instant at) {
    Map<String, Flag> flags = new LinkedHashMap<>();
    Map<String, FlagDocument.Segment> segments = new LinkedHashMap<>();
    for (Condition c : conditions) {
      if (keys.containsKey(c)) {
        continue;
      }
      if (c.op().testsSegments()) {
        for (String segment : AttributeText.segments(c)) {
          FlagDocument.Segment s = document.segments().get(segment);
          if (s != null) {
            segments.put(segment, s); // only these are compiled again, not every segment
          }
        }
      }
      String key = "probe-" + keys.size();
      keys.put(c, key);
      Rule rule = new Rule("probe", List.of(c), new Serve(0, null), List.of());
      flags.put(
          key,
          new Flag(
              key,
              "",
              "",
              List.of(),
              Map.of(),
              true,
              FlagDocument.ValueType.BOOLEAN,
              VARIANTS,
              1,
              key,
              List.of(),
              List.of(),
              List.of(rule),
              new Serve(1, null),
              List.of(),
              null));
    }
    FlagDocument probe = new FlagDocument(FlagDocument.SCHEMA, "probe", flags, segments);
    this.probes = SnapshotCompiler.compile(probe, at);
  }

  /**
   * Whether the condition holds for the context.
   *
   * @throws IllegalArgumentException for a condition this probe was not built with
   */
  boolean holds(Condition condition, Context context) {
    String key = keys.get(condition);
    CompiledFlag flag = key == null ? null : probes.flag(key);
    if (flag == null) {
      throw new IllegalArgumentException("no probe for " + AttributeText.condition(condition));
    }
    return "match".equals(Evaluator.evaluate(probes, flag, context).variant());
  }
}
