package dev.flags.benchmarks;

import static dev.flags.benchmarks.Fixture.COUNTRIES;
import static dev.flags.benchmarks.Fixture.EMAIL_REGEX;
import static dev.flags.benchmarks.Fixture.MIN_VERSION;
import static dev.flags.benchmarks.Fixture.RULES;
import static dev.flags.benchmarks.Fixture.VARIANTS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The flags document with every scenario of {@link Fixture}, in this library's format. All
 * scenario flags live in one document, as they would in an application, so each evaluation runs
 * against a snapshot that also holds the 10,000-key target list and the 100,000-key segment.
 */
public final class ScenarioDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioDocument() {}

  /**
   * The document.
   *
   * @return the JSON text
   */
  public static String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", 1);
    root.put("version", "bench-1");
    ObjectNode segments = root.putObject("segments");
    strings(segments.putObject(Fixture.SEGMENT).putArray("included"), Fixture.segmentKeys());

    ObjectNode flags = root.putObject("flags");
    fallthrough(bool(flags, Fixture.SIMPLE), "on");
    ObjectNode killed = bool(flags, Fixture.KILLED);
    killed.put("enabled", false);
    fallthrough(killed, "on");

    ObjectNode targets = bool(flags, Fixture.TARGETS);
    ObjectNode target = targets.putArray("targets").addObject();
    target.put("variant", "on");
    strings(target.putArray("keys"), Fixture.targetKeys());
    fallthrough(targets, "off");

    ObjectNode segment = bool(flags, Fixture.SEGMENT_FLAG);
    ObjectNode inSegment = rule(segment, "members", "on");
    ObjectNode c = inSegment.putArray("conditions").addObject();
    c.put("op", "inSegment");
    c.putArray("values").add(Fixture.SEGMENT);
    fallthrough(segment, "off");

    ObjectNode single = bool(flags, Fixture.SINGLE_RULE);
    in(rule(single, "oceania-and-germany", "on").putArray("conditions"), "country", COUNTRIES);
    fallthrough(single, "off");

    ObjectNode ten = bool(flags, Fixture.TEN_RULES);
    for (int i = 0; i < RULES; i++) {
      ArrayNode conditions = rule(ten, "rule-" + i, "on").putArray("conditions");
      // The first condition holds for USER, so every rule evaluates both conditions.
      in(conditions, "country", COUNTRIES);
      ObjectNode eq = conditions.addObject();
      eq.put("attribute", "plan");
      eq.put("op", "equals");
      eq.put("value", Fixture.plan(i));
    }
    fallthrough(ten, "off");

    ObjectNode regex = bool(flags, Fixture.REGEX);
    ObjectNode m = rule(regex, "staff-email", "on").putArray("conditions").addObject();
    m.put("attribute", "email");
    m.put("op", "matches");
    m.put("value", EMAIL_REGEX);
    fallthrough(regex, "off");

    ObjectNode semver = bool(flags, Fixture.SEMVER);
    ObjectNode s = rule(semver, "recent-app", "on").putArray("conditions").addObject();
    s.put("attribute", "appVersion");
    s.put("op", "semverGt");
    s.put("value", MIN_VERSION);
    fallthrough(semver, "off");

    ObjectNode rollout = bool(flags, Fixture.ROLLOUT);
    ArrayNode half = rollout.putObject("fallthrough").putObject("rollout").putArray("variants");
    weighted(half, "on", 50_000);
    weighted(half, "off", 50_000);

    ObjectNode multi = flags.putObject(Fixture.MULTIVARIATE);
    ObjectNode variants = multi.putObject("variants");
    for (String v : VARIANTS) {
      variants.put(v, v);
    }
    multi.put("offVariant", VARIANTS.get(0));
    ArrayNode quarters = multi.putObject("fallthrough").putObject("rollout").putArray("variants");
    for (String v : VARIANTS) {
      weighted(quarters, v, 25_000);
    }

    prerequisite(flags, Fixture.PREREQ_A, Fixture.PREREQ_B);
    prerequisite(flags, Fixture.PREREQ_B, Fixture.PREREQ_C);
    fallthrough(bool(flags, Fixture.PREREQ_C), "on");
    return root.toString();
  }

  private static ObjectNode bool(ObjectNode flags, String key) {
    ObjectNode flag = flags.putObject(key);
    ObjectNode variants = flag.putObject("variants");
    variants.put("on", true);
    variants.put("off", false);
    flag.put("offVariant", "off");
    return flag;
  }

  private static void fallthrough(ObjectNode flag, String variant) {
    flag.putObject("fallthrough").put("variant", variant);
  }

  private static ObjectNode rule(ObjectNode flag, String id, String variant) {
    ArrayNode rules = flag.has("rules") ? (ArrayNode) flag.get("rules") : flag.putArray("rules");
    ObjectNode rule = rules.addObject();
    rule.put("id", id);
    rule.put("variant", variant);
    return rule;
  }

  private static void in(ArrayNode conditions, String attribute, List<String> values) {
    ObjectNode c = conditions.addObject();
    c.put("attribute", attribute);
    c.put("op", "in");
    strings(c.putArray("values"), values);
  }

  private static void weighted(ArrayNode variants, String variant, int weight) {
    ObjectNode w = variants.addObject();
    w.put("variant", variant);
    w.put("weight", weight);
  }

  private static void prerequisite(ObjectNode flags, String key, String requires) {
    ObjectNode flag = bool(flags, key);
    ObjectNode p = flag.putArray("prerequisites").addObject();
    p.put("flag", requires);
    p.put("variant", "on");
    fallthrough(flag, "on");
  }

  private static void strings(ArrayNode array, List<String> values) {
    for (String v : values) {
      array.add(v);
    }
  }
}
