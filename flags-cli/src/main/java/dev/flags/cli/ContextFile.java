package dev.flags.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.Context;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A file of contexts for {@code diff --contexts}: JSON lines, one object per line, {@code {"key":
 * "user-1", "attributes": {"country": "NZ", "age": 30, "beta": true, "groups": ["a", "b"]}}}.
 * Blank lines are skipped; a missing key is an anonymous context. Attribute values are strings,
 * finite numbers, booleans or lists of strings, as a {@link Context} holds them (a time is an
 * ISO-8601 string or a number of epoch milliseconds).
 */
final class ContextFile {
  private ContextFile() {}

  /**
   * Reads the contexts of a file (or {@code -}, standard input), within the document size limit.
   *
   * @throws CliException naming the line and the mistake
   */
  static ContextSamples.Sample read(String file, InputStream stdin) {
    String text = new String(DocumentFiles.read(file, stdin), StandardCharsets.UTF_8);
    List<Context> contexts = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.split("\n", -1)) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String where = DocumentFiles.label(file) + ":" + lineNumber + ": ";
      JsonNode node;
      try {
        node = Json.MAPPER
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readTree(line);
      } catch (JsonProcessingException e) {
        throw new CliException(where + "invalid JSON: " + e.getOriginalMessage());
      }
      contexts.add(context(node, where));
    }
    if (contexts.isEmpty()) {
      throw new CliException("'" + DocumentFiles.label(file) + "' has no contexts");
    }
    String description = String.format(
        Locale.ROOT,
        "%,d %s from %s",
        contexts.size(),
        contexts.size() == 1 ? "context" : "contexts",
        DocumentFiles.label(file));
    return new ContextSamples.Sample(description, contexts);
  }

  private static Context context(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new CliException(
          where + "a context is a JSON object: {\"key\": ..., \"attributes\": {...}}");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!name.equals("key") && !name.equals("attributes")) {
        throw new CliException(where + "unknown field '" + name + "' (expected key, attributes)");
      }
    }
    JsonNode key = node.get("key");
    if (key != null && !key.isTextual() && !key.isNull()) {
      throw new CliException(where + "key must be a string");
    }
    Context.Builder b = Context.newBuilder(key == null || key.isNull() ? "" : key.asText());
    JsonNode attributes = node.get("attributes");
    if (attributes == null || attributes.isNull()) {
      return b.build();
    }
    if (!attributes.isObject()) {
      throw new CliException(where + "attributes must be an object");
    }
    for (Map.Entry<String, JsonNode> f : attributes.properties()) {
      attribute(b, f.getKey(), f.getValue(), where + "attributes." + f.getKey() + ": ");
    }
    return b.build();
  }

  private static void attribute(Context.Builder b, String name, JsonNode v, String where) {
    if (name.equals(Context.KEY_ATTRIBUTE)) {
      throw new CliException(where + "the context key is the top-level \"key\"");
    }
    if (v.isTextual()) {
      b.set(name, v.asText());
    } else if (v.isNumber() && Double.isFinite(v.asDouble())) {
      b.set(name, v.asDouble());
    } else if (v.isBoolean()) {
      b.set(name, v.asBoolean());
    } else if (v.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : v) {
        if (!item.isTextual()) {
          throw new CliException(where + "a list holds strings only");
        }
        items.add(item.asText());
      }
      b.set(name, items);
    } else if (!v.isNull()) {
      throw new CliException(
          where + "a value is a string, a number, a boolean or a list of strings");
    }
  }
}
