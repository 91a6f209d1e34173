package dev.flags.internal.document;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;

/**
 * A node factory for one read: equal short string values share one {@code String}, so that the
 * values a document repeats in every flag (owners, tags, attribute names, variant references,
 * operands such as country codes) are held once by the validated document and the snapshot
 * compiled from it; and objects keep their fields in a compact {@link ObjectFields}. Not
 * thread-safe: a reader makes one per document.
 */
final class SharedTextNodes extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;

  /** Longer strings (descriptions, patterns) are rarely repeated; they are kept as read. */
  static final int MAX_SHARED_LENGTH = 64;

  @SuppressWarnings("serial") // a factory for one read is never serialized
  private final HashMap<String, TextNode> nodes = new HashMap<>(1024);

  SharedTextNodes() {
    super(); // the mapper's default: decimals kept as written
  }

  /** Objects keep their fields in {@link ObjectFields}: most have a few. */
  @Override
  public ObjectNode objectNode() {
    return new ObjectNode(this, new ObjectFields());
  }

  @Override
  public TextNode textNode(String text) {
    if (text.length() > MAX_SHARED_LENGTH) {
      return super.textNode(text);
    }
    // TextNode is immutable, so the node itself is shared, not only its string. A get, then a put
    // when new, rather than computeIfAbsent: its method reference would capture this per call.
    TextNode node = nodes.get(text);
    if (node == null) {
      node = super.textNode(text);
      nodes.put(text, node);
    }
    return node;
  }
}
