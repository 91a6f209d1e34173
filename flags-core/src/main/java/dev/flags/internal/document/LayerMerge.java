package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.internal.snapshot.FlagDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merges the documents of a layered client: later layers replace earlier ones flag by flag and
 * segment by segment. The merged version joins the layers' versions with {@code +}. Stateless.
 */
final class LayerMerge {
  private LayerMerge() {}

  /**
   * Merges documents, lowest precedence first.
   *
   * @param layers the documents; none gives an empty document with version {@code empty}
   * @return the only document itself when there is one, else a new merged document
   */
  static ParsedDocument merge(List<ParsedDocument> layers) {
    if (layers.size() == 1) {
      return layers.get(0); // the common case: one source, served as is
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode flags = f.objectNode();
    ObjectNode segments = f.objectNode();
    List<String> versions = new ArrayList<>();
    root.put("schema", FlagDocument.SCHEMA);
    for (ParsedDocument layer : layers) {
      JsonNode d = layer.root();
      versions.add(d.path("version").asText());
      for (Map.Entry<String, JsonNode> e : d.path("flags").properties()) {
        flags.set(e.getKey(), e.getValue());
      }
      for (Map.Entry<String, JsonNode> e : d.path("segments").properties()) {
        segments.set(e.getKey(), e.getValue());
      }
    }
    root.put("version", versions.isEmpty() ? "empty" : String.join("+", versions));
    root.set("segments", segments);
    root.set("flags", flags);
    return new ParsedDocument(root);
  }
}
