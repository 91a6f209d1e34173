package dev.flags.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.InvalidDocumentException;
import dev.flags.Problem;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import dev.flags.internal.snapshot.SnapshotDiff;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code diff <old> <new>}: what a change to a document does before it is promoted. The flags
 * added, removed and changed (part by part, {@link DiffParts}) and the segments changed; then the
 * blast radius ({@link BlastRadius}) over a sample of contexts, generated ({@link ContextSamples})
 * or read from a file ({@link ContextFile}). Both documents are compiled for the same instant.
 */
final class Diff {
  private Diff() {}

  /**
   * Segment keys added, removed and changed.
   *
   * @param added keys only the new document has
   * @param removed keys only the old document has
   * @param changed keys of segments that changed, with how
   */
  record SegmentChanges(
      List<String> added, List<String> removed, Map<String, List<String>> changed) {}

  static int run(DiffArgs a, InputStream in, PrintStream out, PrintStream err) {
    Instant now = Instant.now();
    LoadedDocument before = null;
    LoadedDocument after = null;
    InvalidDocumentException beforeRejected = null;
    InvalidDocumentException afterRejected = null;
    try {
      before = LoadedDocument.read(a.oldDocument(), in, now);
    } catch (InvalidDocumentException e) {
      beforeRejected = e;
    }
    try {
      after = LoadedDocument.read(a.newDocument(), in, now);
    } catch (InvalidDocumentException e) {
      afterRejected = e;
    }
    if (before == null || after == null) {
      rejected(out, a, before, beforeRejected, after, afterRejected);
      return FlagsCli.FAILED;
    }
    ContextSamples.Sample sample = a.contexts() == null
        ? ContextSamples.generate(before.model(), after.model(), a.sample(), a.seed())
        : ContextFile.read(a.contexts(), in);
    SnapshotDiff diff = SnapshotDiff.between(before.snapshot(), after.snapshot());
    SegmentChanges segments = segments(before, after);
    BlastRadius.Result radius =
        BlastRadius.of(before.snapshot(), after.snapshot(), sample.contexts(), a.examples());
    if (a.json()) {
      out.println(json(before, after, diff, segments, sample, radius));
    } else {
      DiffText.print(out, before, after, diff, segments, sample.description(), radius);
    }
    return a.failOnChange() && radius.anyChange() ? FlagsCli.CHANGED : FlagsCli.OK;
  }

  private static SegmentChanges segments(LoadedDocument before, LoadedDocument after) {
    Map<String, Segment> x = before.model().segments();
    Map<String, Segment> y = after.model().segments();
    List<String> added = new ArrayList<>(new TreeSet<>(y.keySet()));
    added.removeAll(x.keySet());
    List<String> removed = new ArrayList<>(new TreeSet<>(x.keySet()));
    removed.removeAll(y.keySet());
    Map<String, List<String>> changed = new java.util.TreeMap<>();
    for (Map.Entry<String, Segment> e : y.entrySet()) {
      Segment old = x.get(e.getKey());
      if (old != null) {
        List<String> lines = DiffParts.segment(old, e.getValue());
        if (!lines.isEmpty()) {
          changed.put(e.getKey(), lines);
        }
      }
    }
    return new SegmentChanges(added, removed, changed);
  }

  private static void rejected(
      PrintStream out,
      DiffArgs a,
      @Nullable LoadedDocument before,
      @Nullable InvalidDocumentException beforeRejected,
      @Nullable LoadedDocument after,
      @Nullable InvalidDocumentException afterRejected) {
    if (a.json()) {
      ObjectNode root = Json.object();
      root.set("old", side(a.oldDocument(), before, beforeRejected));
      root.set("new", side(a.newDocument(), after, afterRejected));
      out.println(Json.write(root));
      return;
    }
    if (beforeRejected != null) {
      out.println("old  " + DocumentFiles.label(a.oldDocument()) + " is rejected");
      DocumentFiles.printRejection(out, beforeRejected);
    } else if (before != null) {
      out.println("old  " + before.describe());
    }
    if (afterRejected != null) {
      out.println("new  " + DocumentFiles.label(a.newDocument()) + " is rejected");
      DocumentFiles.printRejection(out, afterRejected);
    } else if (after != null) {
      out.println("new  " + after.describe());
    }
  }

  private static ObjectNode side(
      String file, @Nullable LoadedDocument doc, @Nullable InvalidDocumentException rejected) {
    ObjectNode o = Json.object();
    o.put("name", DocumentFiles.label(file));
    o.put("valid", rejected == null);
    if (rejected != null) {
      o.put("version", rejected.version());
      ArrayNode problems = o.putArray("problems");
      for (Problem p : rejected.problems()) {
        problems.addObject().put("path", p.path()).put("message", p.message());
      }
    } else if (doc != null) {
      o.put("version", doc.model().version());
      o.put("flags", doc.model().flags().size());
    }
    return o;
  }

  private static String json(
      LoadedDocument before,
      LoadedDocument after,
      SnapshotDiff diff,
      SegmentChanges segments,
      ContextSamples.Sample sample,
      BlastRadius.Result radius) {
    ObjectNode root = Json.object();
    root.set("old", side(before.name(), before, null));
    root.set("new", side(after.name(), after, null));
    ObjectNode flags = root.putObject("flags");
    flags.set("added", Json.of(diff.added()));
    flags.set("removed", Json.of(diff.removed()));
    ArrayNode changed = flags.putArray("changed");
    for (Map.Entry<String, Set<String>> e : diff.changed().entrySet()) {
      ObjectNode o = changed.addObject();
      o.put("flag", e.getKey());
      o.set("parts", Json.of(new ArrayList<>(e.getValue())));
      o.set("details", Json.of(details(before, after, e.getKey(), e.getValue())));
    }
    ObjectNode segs = root.putObject("segments");
    segs.set("added", Json.of(segments.added()));
    segs.set("removed", Json.of(segments.removed()));
    ArrayNode segsChanged = segs.putArray("changed");
    for (Map.Entry<String, List<String>> e : segments.changed().entrySet()) {
      segsChanged.addObject().put("segment", e.getKey()).set("details", Json.of(e.getValue()));
    }
    ObjectNode blast = root.putObject("blastRadius");
    blast.put("sample", sample.description());
    blast.put("contexts", radius.contexts());
    ArrayNode impacts = blast.putArray("flags");
    for (BlastRadius.FlagImpact i : radius.impacts()) {
      ObjectNode o = impacts.addObject();
      o.put("flag", i.flag());
      o.put("changed", i.changed());
      ArrayNode transitions = o.putArray("transitions");
      for (BlastRadius.Transition t : i.transitions()) {
        ObjectNode to = transitions.addObject();
        to.set("old", Json.value(t.before()));
        to.set("new", Json.value(t.after()));
        to.put("contexts", t.count());
      }
      ArrayNode examples = o.putArray("examples");
      for (BlastRadius.Example x : i.examples()) {
        ObjectNode xo = Json.context(x.context());
        examples.add(xo);
        xo.set("old", Json.value(x.before()));
        xo.set("new", Json.value(x.after()));
      }
    }
    blast.set("unchanged", Json.of(radius.unchanged()));
    root.put("anyChange", radius.anyChange());
    return Json.write(root);
  }

  /** The detail lines of a changed flag. */
  static List<String> details(
      LoadedDocument before, LoadedDocument after, String flag, Set<String> parts) {
    var a = before.model().flags().get(flag);
    var b = after.model().flags().get(flag);
    return a == null || b == null ? List.of() : DiffParts.flag(a, b, parts, after.at());
  }

  /** {@code 12.34%}. */
  static String percent(int part, int whole) {
    return String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
  }
}
