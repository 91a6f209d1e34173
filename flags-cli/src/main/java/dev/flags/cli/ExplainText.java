package dev.flags.cli;

import dev.flags.Context;
import dev.flags.internal.snapshot.FlagDocument.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Trace} as numbered text lines: one per step, with each condition of a rule tried
 * ({@code true}/{@code false}, the attribute's value and type, a hint when the type cannot
 * match), segment membership and rollout buckets indented below it.
 */
final class ExplainText {
  private final List<String> lines = new ArrayList<>();

  /** The context key, which segment lines name. */
  private final String key;

  private ExplainText(String key) {
    this.key = key;
  }

  /** The lines of the trace of a context, without line ends. */
  static List<String> lines(Trace trace, Context context) {
    ExplainText t = new ExplainText(context.key());
    int n = 1;
    for (Trace.Step step : trace.steps()) {
      t.step(n++ + ". ", step);
    }
    return t.lines;
  }

  private void step(String number, Trace.Step step) {
    String pad = " ".repeat(number.length() + 2);
    if (step instanceof Trace.Enabled e) {
      add(
          number,
          e.enabled()
              ? "enabled: yes"
              : "enabled: no (\"enabled\": false in the document): serves the off-variant "
                  + e.offVariant() + " to every context");
    } else if (step instanceof Trace.Schedule s) {
      add(
          number,
          "schedule: " + (s.active() ? "open" : "closed") + " now (" + windows(s.windows()) + ")"
              + (s.active() ? "" : ": serves the off-variant"));
    } else if (step instanceof Trace.Prerequisite p) {
      add(
          number,
          "prerequisite " + p.flag() + " must serve " + p.required() + ": it serves "
              + (p.served() == null ? "no variant" : p.served()) + " (" + p.reason() + ")"
              + (p.passed() ? ": met" : ": not met, so the flag serves its off-variant"));
    } else if (step instanceof Trace.Targets t) {
      add(number, targets(t));
    } else if (step instanceof Trace.Rule r) {
      rule(number, pad, r);
    } else if (step instanceof Trace.Fallthrough f) {
      RolloutPick pick = f.rollout();
      if (pick == null) {
        add(number, "fallthrough: serves " + f.variant());
      } else {
        add(number, "fallthrough: a percentage rollout");
        rollout(pad, pick, "no variant: the caller's default (reason DEFAULT)");
      }
    }
  }

  private static String targets(Trace.Targets t) {
    if (t.matched() != null) {
      return "targets: key " + Render.quote(t.key()) + " is listed in the target of " + t.matched()
          + ": serves " + t.matched();
    }
    List<String> sizes = new ArrayList<>();
    for (int i = 0; i < t.variants().size(); i++) {
      int n = t.sizes().get(i);
      sizes.add(t.variants().get(i) + ": " + n + (n == 1 ? " key" : " keys"));
    }
    String who = t.key().isEmpty()
        ? "an anonymous context is in none"
        : "key " + Render.quote(t.key()) + " is in none";
    return "targets: " + who + " (" + String.join(", ", sizes) + ")";
  }

  private void rule(String number, String pad, Trace.Rule r) {
    String head = "rule " + r.id() + ": ";
    if (!r.active()) {
      add(number, head + "skipped, outside its schedule");
      return;
    }
    if (!r.matched()) {
      add(number, head + "no match");
    } else if (r.rollout() == null) {
      add(number, head + "match: serves " + r.variant());
    } else {
      add(number, head + "match; a percentage rollout");
    }
    conditions(pad, r.conditions());
    RolloutPick pick = r.rollout();
    if (pick != null) {
      rollout(pad, pick, "the rule is skipped");
    }
  }

  private void conditions(String pad, List<Trace.ConditionResult> conditions) {
    for (Trace.ConditionResult c : conditions) {
      String attribute = c.condition().attribute();
      StringBuilder sb = new StringBuilder(c.holds() ? "true   " : "false  ");
      sb.append(AttributeText.condition(c.condition()));
      if (attribute != null) {
        sb.append(": ").append(AttributeText.describe(attribute, c.value()));
        if (c.value() == null && c.holds()) {
          sb.append(", so the test fails and, negated, the condition holds");
        }
        String hint = c.hint();
        if (hint != null) {
          sb.append("; ").append(hint);
        }
      }
      lines.add(pad + sb);
      for (Trace.SegmentResult s : c.segments()) {
        segment(pad + "       ", s);
      }
    }
  }

  private void segment(String pad, Trace.SegmentResult s) {
    String quoted = "key " + Render.quote(key);
    String text = switch (s.by()) {
      case "included" -> "member: " + quoted + " is in its included list";
      case "excluded" ->
        "not a member: " + quoted + " is in its excluded list (its rules are not tried)";
      case "rule" ->
        "member through rule " + s.rules().get(s.rules().size() - 1).id();
      default ->
        "not a member: "
            + (key.isEmpty()
                ? "an anonymous context skips the lists"
                : quoted + " is in neither list (" + s.included() + " included, " + s.excluded()
                    + " excluded)")
            + (s.rules().isEmpty() ? ", and it has no rules" : ", and no rule matches");
    };
    lines.add(pad + "segment " + s.key() + ": " + text);
    for (Trace.SegmentRule r : s.rules()) {
      lines.add(pad + "  rule " + r.id() + ": " + (r.matched() ? "match" : "no match"));
      conditions(pad + "    ", r.conditions());
    }
  }

  private void rollout(String pad, RolloutPick p, String unbucketed) {
    String step = p.stepAt() == null ? "" : ", weights of the step from " + p.stepAt();
    lines.add(pad + "rollout by " + p.keyText() + ", salt " + p.saltText() + step);
    if (p.variant() == null) {
      lines.add(pad + "  cannot bucket: " + p.cannotBucket() + "; " + unbucketed);
      return;
    }
    lines.add(pad + "  bucket " + p.bucket() + " (of 0 to 99999)");
    for (String range : RolloutText.ranges(p)) {
      lines.add(pad + "  " + range);
    }
    lines.add(pad + "serves " + p.variant());
  }

  /** Windows as {@code from A until B}, with open ends left out. */
  static String windows(List<Window> windows) {
    List<String> parts = new ArrayList<>();
    for (Window w : windows) {
      String from = w.from() == Long.MIN_VALUE ? "" : "from " + Instant.ofEpochMilli(w.from());
      String until = w.until() == Long.MAX_VALUE ? "" : "until " + Instant.ofEpochMilli(w.until());
      parts.add((from + " " + until).strip());
    }
    return String.join("; ", parts);
  }

  private void add(String number, String text) {
    lines.add(number + text);
  }
}
