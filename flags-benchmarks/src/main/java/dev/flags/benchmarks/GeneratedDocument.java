package dev.flags.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Generated flag documents of a given size, for the load-path and memory measurements. Every
 * flag has a realistic shape rather than the smallest valid one: a description and tags, ten
 * individual targets, two rules (an {@code in} over three values, and a {@code semverGte} plus a
 * segment test) and a 50/50 rollout fallthrough. Every tenth flag is a four-variant string flag.
 * Ten segments of 100 keys each are shared by all flags.
 */
public final class GeneratedDocument {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Number of shared segments. */
  public static final int SEGMENTS = 10;
  /** Keys per shared segment. */
  public static final int SEGMENT_SIZE = 100;
  /** Individual target keys per flag. */
  public static final int TARGETS_PER_FLAG = 10;

  private GeneratedDocument() {}

  /**
   * A document with this many flags.
   *
   * @param flagCount the number of flags
   * @param version the document version (two documents of different versions differ in it only)
   * @return the UTF-8 JSON bytes
   */
  public static byte[] withFlags(int flagCount, String version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", 1);
    root.put("version", version);
    ObjectNode segments = root.putObject("segments");
    for (int s = 0; s < SEGMENTS; s++) {
      ArrayNode included = segments.putObject("segment-" + s).putArray("included");
      for (int k = 0; k < SEGMENT_SIZE; k++) {
        included.add("member-" + s + "-" + k);
      }
    }
    ObjectNode flags = root.putObject("flags");
    for (int i = 0; i < flagCount; i++) {
      String key = "flag-" + i;
      ObjectNode flag = flags.putObject(key);
      flag.put("description", "Generated flag number " + i + " for the load benchmark.");
      flag.put("owner", "team-" + (i % 7));
      flag.putArray("tags").add("generated").add("group-" + (i % 13));
      boolean multivariate = i % 10 == 9;
      String[] variants = multivariate
          ? new String[] {"control", "red", "green", "blue"}
          : new String[] {"on", "off"};
      ObjectNode vs = flag.putObject("variants");
      for (String v : variants) {
        if (multivariate) {
          vs.put(v, v + "-" + i);
        } else {
          vs.put(v, v.equals("on"));
        }
      }
      String off = multivariate ? "control" : "off";
      String on = multivariate ? "green" : "on";
      flag.put("offVariant", off);
      ObjectNode target = flag.putArray("targets").addObject();
      target.put("variant", on);
      ArrayNode keys = target.putArray("keys");
      for (int t = 0; t < TARGETS_PER_FLAG; t++) {
        keys.add("user-" + i + "-" + t);
      }
      ArrayNode rules = flag.putArray("rules");
      ObjectNode r1 = rules.addObject();
      r1.put("id", "countries");
      r1.put("variant", on);
      ObjectNode c1 = r1.putArray("conditions").addObject();
      c1.put("attribute", "country");
      c1.put("op", "in");
      c1.putArray("values").add("NZ").add("AU").add("DE");
      ObjectNode r2 = rules.addObject();
      r2.put("id", "recent-members");
      r2.put("variant", on);
      ArrayNode c2 = r2.putArray("conditions");
      ObjectNode v2 = c2.addObject();
      v2.put("attribute", "appVersion");
      v2.put("op", "semverGte");
      v2.put("value", "2." + (i % 10) + ".0");
      ObjectNode s2 = c2.addObject();
      s2.put("op", "inSegment");
      s2.putArray("values").add("segment-" + (i % SEGMENTS));
      ArrayNode split = flag.putObject("fallthrough").putObject("rollout").putArray("variants");
      int share = 100_000 / variants.length;
      for (int v = 0; v < variants.length; v++) {
        ObjectNode w = split.addObject();
        w.put("variant", variants[v]);
        w.put("weight", v == 0 ? 100_000 - share * (variants.length - 1) : share);
      }
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
