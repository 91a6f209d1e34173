package dev.flags.internal.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node factory for one read: equal short string values mostly share one {@code String}, so that
 * the values a document repeats in every flag (owners, tags, attribute names, variant references,
 * operands such as country codes) are held about once by the validated document and the snapshot
 * compiled from it; and objects keep their fields in a compact {@link ObjectFields}. The objects
 * and arrays of a subtree no one keeps any more (a flag that has been checked) can be given back
 * ({@link #recycle}) and are then made again for the next ones. Not thread-safe: a reader makes
 * one per document.
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

  /** Objects and arrays taken back by {@link #recycle}, to be made again. */
  @SuppressWarnings("serial") // a factory for one read is never serialized
  private final List<ObjectFields.Node> freeObjects = new ArrayList<>();

  @SuppressWarnings("serial")
  private final List<ArrayNode> freeArrays = new ArrayList<>();

  /** The nodes {@link #recycle} has still to take back: reused from one call to the next. */
  @SuppressWarnings("serial")
  private final List<JsonNode> walk = new ArrayList<>();

  /**
   * The longest value {@link #textNode(JsonParser)} looks up by its characters: longer ones are
   * read as strings, which checks them against the document's string length limit (the parser's
   * buffer does not).
   */
  private final int maxLookupLength;

  SharedTextNodes() {
    this(Integer.MAX_VALUE);
  }

  /**
   * A factory for one read of a document whose strings are at most {@code maxStringLength} long.
   *
   * @param maxStringLength the document's limit on string length
   */
  SharedTextNodes(int maxStringLength) {
    super(); // the mapper's default: decimals kept as written
    this.maxLookupLength = Math.min(MAX_SHARED_LENGTH, maxStringLength);
  }

  /** Objects keep their fields in {@link ObjectFields}: most have a few. */
  @Override
  public ObjectNode objectNode() {
    return new ObjectFields.Node(this, new ObjectFields());
  }

  /**
   * An object of the fields a reader gathered, in an array of their number (see {@link
   * ObjectFields#ObjectFields(List, List)}).
   *
   * @param names the field names, distinct, at most {@link ObjectFields#MAX_SMALL}
   * @param values the values, in the same order
   * @return the object's node
   */
  ObjectNode objectNode(List<String> names, List<JsonNode> values) {
    int free = freeObjects.size();
    if (free > 0) {
      ObjectFields.Node node = freeObjects.remove(free - 1);
      node.own().reset(names, values);
      return node;
    }
    return new ObjectFields.Node(this, new ObjectFields(names, values));
  }

  /**
   * An array of the elements a reader gathered, in a list of their exact number (Jackson's own
   * starts at ten slots), or a recycled array refilled.
   *
   * @param elements the elements, in order
   * @return the array's node
   */
  ArrayNode arrayNode(List<JsonNode> elements) {
    int free = freeArrays.size();
    if (free == 0) {
      return new ArrayNode(this, new ArrayList<>(elements));
    }
    ArrayNode node = freeArrays.remove(free - 1);
    for (int i = 0; i < elements.size(); i++) {
      node.add(elements.get(i));
    }
    return node;
  }

  /**
   * Takes back the objects and arrays of a subtree this factory made, once nothing refers to it
   * any more (a flag that has been read), so that the next ones are made from them. Shared
   * strings and other values are immutable and left alone.
   *
   * @param subtree the root of a subtree that no one keeps
   */
  void recycle(JsonNode subtree) {
    List<JsonNode> stack = walk;
    stack.add(subtree);
    while (!stack.isEmpty()) {
      JsonNode node = stack.remove(stack.size() - 1);
      if (node instanceof ObjectFields.Node object) {
        ObjectFields fields = object.own();
        for (int i = 0; i < fields.size(); i++) {
          stack.add(fields.value(i));
        }
        fields.empty();
        freeObjects.add(object);
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          stack.add(array.get(i));
        }
        array.removeAll();
        freeArrays.add(array);
      }
    }
  }

  /**
   * The node of the string value the parser stands on. A short value is looked up by the
   * characters in the parser's buffer, so a repeated one allocates nothing; the string is made
   * only for a value not in the table.
   *
   * @param parser a parser on a string value
   * @return its node
   * @throws IOException if the parser cannot read the value
   */
  TextNode textNode(JsonParser parser) throws IOException {
    int length = parser.getTextLength();
    if (length > maxLookupLength) {
      return textNode(parser.getText());
    }
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int h = 0;
    for (int i = 0; i < length; i++) {
      h = 31 * h + chars[offset + i]; // String.hashCode's, so both lookups meet in one slot
    }
    int slot = slot(h);
    TextNode node = candidate(slot, h);
    return node != null && sameChars(node.textValue(), chars, offset, length)
        ? node
        : keep(slot, h, new String(chars, offset, length));
  }

  private static boolean sameChars(String s, char[] chars, int offset, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public TextNode textNode(String text) {
    if (text.length() > MAX_SHARED_LENGTH) {
      return super.textNode(text);
    }
    // TextNode is immutable, so the node itself is shared, not only its string.
    int h = text.hashCode();
    int slot = slot(h);
    TextNode node = candidate(slot, h);
    return node != null && node.textValue().equals(text) ? node : keep(slot, h, text);
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }

  /** The slot's node if its string has this hash: most strings that differ stop here. */
  private @Nullable TextNode candidate(int slot, int hash) {
    TextNode node = nodes[slot];
    return node != null && hashes[slot] == hash ? node : null;
  }

  /** A new node for {@code text}, taking the slot from whatever held it. */
  private TextNode keep(int slot, int hash, String text) {
    TextNode node = super.textNode(text);
    nodes[slot] = node;
    hashes[slot] = hash;
    return node;
  }
}
