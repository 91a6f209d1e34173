package dev.flags.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.InvalidDocumentException;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code bucket <document> <flag> --key K [--attr ...]}: where the context falls in each
 * percentage rollout of the flag (its rules' and its fallthrough's), by the bucketing contract:
 * the bucketing key and the attribute it comes from, the salt and where it comes from, both hashes
 * (to check another implementation against), the bucket and the variant range that holds it.
 */
final class BucketCommand {
  private static final String INDENT = "  ";

  private BucketCommand() {}

  /** A rollout of the flag: where it is and where the context falls in it. */
  private record Found(String where, @Nullable String ruleId, RolloutPick pick) {}

  static int run(EvalArgs a, InputStream in, PrintStream out, PrintStream err) {
    LoadedDocument doc;
    try {
      doc = LoadedDocument.read(a.document(), in, Instant.now());
    } catch (InvalidDocumentException e) {
      DocumentFiles.printRejection(err, e);
      return FlagsCli.FAILED;
    }
    Flag flag = doc.model().flags().get(a.flagKey());
    if (flag == null) {
      err.println(FlagsCli.NAME + " bucket: the document has no flag '" + a.flagKey() + "' (flags: "
          + String.join(", ", new TreeSet<>(doc.model().flags().keySet())) + ")");
      return FlagsCli.FAILED;
    }
    List<Found> found = new ArrayList<>();
    for (FlagDocument.Rule r : flag.rules()) {
      FlagDocument.Serve serve = r.serve();
      Rollout rollout = serve == null ? null : serve.rollout();
      if (rollout != null) {
        found.add(new Found(
            "rule " + r.id(), r.id(), RolloutPick.of(flag, rollout, a.context(), doc.at())));
      }
    }
    Rollout fallthrough = flag.fallthrough().rollout();
    if (fallthrough != null) {
      found.add(
          new Found("fallthrough", null, RolloutPick.of(flag, fallthrough, a.context(), doc.at())));
    }
    if (a.json()) {
      out.println(json(doc, a, found));
    } else {
      text(out, doc, a, found);
    }
    return FlagsCli.OK;
  }

  private static void text(PrintStream out, LoadedDocument doc, EvalArgs a, List<Found> found) {
    out.println("flag      " + a.flagKey());
    out.println("document  " + doc.describe());
    out.println("context   " + Render.context(a.context()));
    if (found.isEmpty()) {
      out.println();
      out.println("The flag has no percentage rollout: its rules and its fallthrough serve"
          + " fixed variants.");
      return;
    }
    for (Found f : found) {
      RolloutPick p = f.pick();
      out.println();
      out.println(f.where()
          + (f.ruleId() == null ? "" : " (its conditions are not checked here;" + " see explain)"));
      field(out, "bucketBy", p.bucketBy() == null ? "(none: the context key)" : p.bucketBy());
      if (p.bucketKey() == null) {
        field(out, "key", "none: " + p.cannotBucket());
      } else {
        field(out, "key", Render.quote(p.bucketKey()) + "  hash " + RolloutPick.hex(p.keyHash()));
      }
      field(out, "salt", p.saltText() + "  hash " + RolloutPick.hex(p.saltHash()));
      Instant step = p.stepAt();
      if (step != null) {
        field(out, "weights", "of the progressive rollout step from " + step);
      }
      if (p.bucket() < 0) {
        field(out, "bucket", "none: the context cannot be bucketed");
      } else {
        field(out, "bucket", p.bucket() + " (of 0 to 99999)");
      }
      String label = "ranges";
      for (String range : RolloutText.ranges(p)) {
        field(out, label, range);
        label = "";
      }
      field(
          out,
          "variant",
          p.variant() != null
              ? p.variant()
              : f.ruleId() == null
                  ? "none: the caller's default (reason DEFAULT)"
                  : "none: the rule is skipped");
    }
  }

  private static void field(PrintStream out, String label, String value) {
    out.println(INDENT + label + " ".repeat(Math.max(1, 10 - label.length())) + value);
  }

  private static String json(LoadedDocument doc, EvalArgs a, List<Found> found) {
    ObjectNode root = Json.object();
    root.put("flag", a.flagKey());
    root.put("version", doc.model().version());
    root.set("context", Json.context(a.context()));
    ArrayNode rollouts = root.putArray("rollouts");
    for (Found f : found) {
      ObjectNode o = rollouts.addObject();
      o.put("where", f.ruleId() == null ? "fallthrough" : "rule");
      o.put("ruleId", f.ruleId());
      o.setAll((ObjectNode) ExplainJson.rollout(f.pick()));
    }
    return Json.write(root);
  }
}
