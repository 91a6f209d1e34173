package dev.flags.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.Context;
import dev.flags.Evaluation;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** JSON output: one compact object per command, fields in a fixed order. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Compact text. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e); // a tree always serializes
    }
  }

  /** Parses JSON text the CLI produced itself (an evaluation's value). */
  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }

  /** An evaluation, with the fields of {@code eval --json}. */
  static JsonNode evaluation(String flagKey, Evaluation e) {
    return parse(Render.json(flagKey, e));
  }

  /** A served value as JSON, or null for the caller's default. */
  static JsonNode value(@Nullable String json) {
    return json == null ? NODES.nullNode() : parse(json);
  }

  /**
   * A parsed operand or an attribute value: numbers without a needless fraction, times as
   * ISO-8601 instants, regexes and versions as their source text, lists as arrays.
   */
  static JsonNode of(@Nullable Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 0x1p53
          ? NODES.numberNode((long) d.doubleValue())
          : NODES.numberNode(d);
    }
    if (v instanceof Long millis) {
      return NODES.textNode(Instant.ofEpochMilli(millis).toString());
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof List<?> list) {
      ArrayNode a = array();
      for (Object o : list) {
        a.add(of(o));
      }
      return a;
    }
    return NODES.textNode(v.toString());
  }

  /** {@code {"key": ..., "attributes": {...}}}, the key null when anonymous. */
  static ObjectNode context(Context c) {
    ObjectNode o = object();
    o.put("key", c.key().isEmpty() ? null : c.key());
    ObjectNode attributes = o.putObject("attributes");
    for (String name : c.attributeNames()) {
      attributes.set(name, of(c.get(name)));
    }
    return o;
  }

  /** A hash as 16 hex digits. */
  static JsonNode hex(long hash) {
    return NODES.textNode(RolloutPick.hex(hash));
  }
}
