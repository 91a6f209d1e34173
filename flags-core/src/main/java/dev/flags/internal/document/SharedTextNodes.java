package dev.flags.internal.document;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A node factory for one read: equal short string values mostly share one {@code String}, so that
 * the values a document repeats in every flag (owners, tags, attribute names, variant references,
 * operands such as country codes) are held about once by the validated document and the snapshot
 * compiled from it; and objects keep their fields in a compact {@link ObjectFields}. Not
 * thread-safe: a reader makes one per document.
 *
 * <p>The shared nodes sit in a fixed table indexed by the string's hash, a newer string taking
 * the place of an older one: values that repeat come back before they are pushed out, while the
 * many that never repeat (target keys, ids) cost one slot write, not a map entry each and the
 * map's growth, which took a tenth of a 10,000-flag load.
 */
final class SharedTextNodes extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;

  /** Longer strings (descriptions, patterns) are rarely repeated; they are kept as read. */
  static final int MAX_SHARED_LENGTH = 64;

  /** Slots in the table: a power of two. */
  static final int SLOTS = 1 << 13;

  @SuppressWarnings("serial") // a factory for one read is never serialized
  private final TextNode[] nodes = new TextNode[SLOTS];

  /** The hash of each slot's string: most strings differ there, without reading the node. */
  private final int[] hashes = new int[SLOTS];

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
    // TextNode is immutable, so the node itself is shared, not only its string.
    int h = text.hashCode();
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    TextNode node = nodes[slot];
    if (node == null || hashes[slot] != h || !node.textValue().equals(text)) {
      node = super.textNode(text);
      nodes[slot] = node;
      hashes[slot] = h;
    }
    return node;
  }
}
