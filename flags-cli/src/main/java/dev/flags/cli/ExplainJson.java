package dev.flags.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.Evaluation;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Window;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code explain --json}: the evaluation and its {@link Trace} as one JSON object. */
final class ExplainJson {
  private ExplainJson() {}

  static String json(
      LoadedDocument doc, EvalArgs a, Evaluation e, @Nullable Flag flag, @Nullable Trace trace) {
    ObjectNode root = Json.object();
    root.put("flag", a.flagKey());
    ObjectNode document = root.putObject("document");
    document.put("name", doc.name());
    document.put("version", doc.model().version());
    document.put("flags", doc.model().flags().size());
    root.set("context", Json.context(a.context()));
    root.set("result", Json.evaluation(a.flagKey(), e));
    if (flag == null || trace == null) {
      root.putNull("steps");
    } else {
      ArrayNode steps = root.putArray("steps");
      for (Trace.Step s : trace.steps()) {
        steps.add(step(s));
      }
    }
    return Json.write(root);
  }

  private static ObjectNode step(Trace.Step step) {
    ObjectNode o = Json.object();
    if (step instanceof Trace.Enabled e) {
      o.put("step", "enabled");
      o.put("enabled", e.enabled());
    } else if (step instanceof Trace.Schedule s) {
      o.put("step", "schedule");
      o.put("active", s.active());
      o.set("windows", windows(s.windows()));
    } else if (step instanceof Trace.Prerequisite p) {
      o.put("step", "prerequisite");
      o.put("flag", p.flag());
      o.put("required", p.required());
      o.put("served", p.served());
      o.put("reason", p.reason().name());
      o.put("met", p.passed());
    } else if (step instanceof Trace.Targets t) {
      o.put("step", "targets");
      ArrayNode targets = o.putArray("targets");
      for (int i = 0; i < t.variants().size(); i++) {
        targets
            .addObject()
            .put("variant", t.variants().get(i))
            .put("keys", t.sizes().get(i));
      }
      o.put("matched", t.matched());
    } else if (step instanceof Trace.Rule r) {
      o.put("step", "rule");
      o.put("id", r.id());
      o.put("active", r.active());
      o.put("matched", r.matched());
      o.put("variant", r.variant());
      o.set("conditions", conditions(r.conditions()));
      o.set("rollout", rollout(r.rollout()));
    } else if (step instanceof Trace.Fallthrough f) {
      o.put("step", "fallthrough");
      o.put("variant", f.variant());
      o.set("rollout", rollout(f.rollout()));
    }
    return o;
  }

  private static ArrayNode conditions(List<Trace.ConditionResult> results) {
    ArrayNode a = Json.array();
    for (Trace.ConditionResult r : results) {
      Condition c = r.condition();
      ObjectNode o = a.addObject();
      o.put("condition", AttributeText.condition(c));
      o.put("attribute", c.attribute());
      o.put("op", c.op().toString());
      o.set("values", Json.of(c.values()));
      o.put("negate", c.negate());
      o.put("ignoreCase", c.ignoreCase());
      o.put("holds", r.holds());
      Object value = r.value();
      if (c.attribute() != null) {
        if (value == null) {
          o.putNull("value");
        } else {
          o.putObject("value").put("type", AttributeText.type(value)).set("value", Json.of(value));
        }
        o.put("hint", r.hint());
      } else {
        ArrayNode segments = o.putArray("segments");
        for (Trace.SegmentResult s : r.segments()) {
          ObjectNode so = segments.addObject();
          so.put("segment", s.key());
          so.put("member", s.member());
          so.put("by", s.by());
          so.put("included", s.included());
          so.put("excluded", s.excluded());
          ArrayNode rules = so.putArray("rules");
          for (Trace.SegmentRule sr : s.rules()) {
            rules
                .addObject()
                .put("id", sr.id())
                .put("matched", sr.matched())
                .set("conditions", conditions(sr.conditions()));
          }
        }
      }
    }
    return a;
  }

  /** A rollout pick as JSON (shared with {@code bucket --json}), or null. */
  static com.fasterxml.jackson.databind.JsonNode rollout(@Nullable RolloutPick p) {
    if (p == null) {
      return Json.of(null);
    }
    ObjectNode o = Json.object();
    o.put("bucketBy", p.bucketBy());
    o.put("bucketKey", p.bucketKey());
    if (p.bucketKey() == null) {
      o.putNull("keyHash");
    } else {
      o.set("keyHash", Json.hex(p.keyHash()));
    }
    o.put("salt", p.salt());
    o.put("saltFrom", p.saltSource());
    o.set("saltHash", Json.hex(p.saltHash()));
    if (p.bucket() < 0) {
      o.putNull("bucket");
    } else {
      o.put("bucket", p.bucket());
    }
    Instant step = p.stepAt();
    o.put("step", step == null ? null : step.toString());
    ArrayNode ranges = o.putArray("ranges");
    for (RolloutPick.Range r : p.ranges()) {
      ranges
          .addObject()
          .put("variant", r.variant())
          .put("from", r.from())
          .put("to", r.to())
          .put("weight", r.to() - r.from());
    }
    o.put("variant", p.variant());
    o.put("cannotBucket", p.cannotBucket());
    return o;
  }

  private static ArrayNode windows(List<Window> windows) {
    ArrayNode a = Json.array();
    for (Window w : windows) {
      ObjectNode o = a.addObject();
      o.put(
          "from",
          w.from() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(w.from()).toString());
      o.put(
          "until",
          w.until() == Long.MAX_VALUE ? null : Instant.ofEpochMilli(w.until()).toString());
    }
    return a;
  }
}
