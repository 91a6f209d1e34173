package dev.flags.internal.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the JSON tree of one document from its parser: the tree Jackson's own reader builds with
 * the reader's settings (integers as int, long or big integer nodes by size, decimals exactly as
 * written, duplicate keys and trailing content refused), with less garbage on the way:
 *
 * <ul>
 *   <li>a short string value is looked up among the {@link SharedTextNodes} by its characters in
 *       the parser's buffer, so a value the document repeats (an operator, a variant name, a
 *       country code) allocates no string after its first time;
 *   <li>an array's elements are gathered first and kept in a list of their exact number, where
 *       Jackson's list starts at ten slots;
 *   <li>so are an object's fields, up to {@link ObjectFields#MAX_SMALL}, kept in an array of
 *       their number instead of one grown on the way;
 *   <li>given a {@link FlagSink}, each flag is handed to it as soon as it is read, and its objects
 *       and arrays are made again for the next flag: the tree never holds every flag at once.
 * </ul>
 *
 * <p>Iterative: the depth the parser allows (its nesting limit) costs heap, not stack. Not
 * thread-safe: one builder per read.
 */
final class TreeBuilder {
  /** Stands in {@link #open} for an array, whose node is made once its elements are known. */
  private static final JsonNode ARRAY = MissingNode.getInstance();

  /**
   * Stands in {@link #open} for an object whose fields are gathered, while it has at most {@link
   * ObjectFields#MAX_SMALL}; a larger one is made at once and filled field by field.
   */
  private static final JsonNode OBJECT = new TextNode(""); // its own instance: never a value

  private final SharedTextNodes nodes;
  /**
   * The containers being filled, outermost first: {@link #OBJECT}, a large object's node, or
   * {@link #ARRAY}.
   */
  private final List<JsonNode> open = new ArrayList<>();
  /** Per open object, the name of the field whose value is being read. */
  private final List<@Nullable String> names = new ArrayList<>();
  /** Per open array or gathered object, its values so far: reused from one to the next. */
  private final List<List<JsonNode>> elements = new ArrayList<>();

  /** Per gathered object, its field names so far, in the order of its values. */
  private final List<List<String>> fieldNames = new ArrayList<>();

  /** Takes each flag as it is read, or null to keep every flag in the tree. */
  private final @Nullable FlagSink sink;

  /**
   * Takes each member of the document's {@code flags} object as soon as it is read, so that a
   * flag can be checked and its nodes made again for the next flag instead of a whole tree of
   * flags being kept.
   */
  interface FlagSink {
    /**
     * A flag was read. Its nodes are recycled when this returns: nothing may keep them.
     *
     * @param key the flag's key
     * @param flag the flag's value
     * @param segments the document's {@code segments} field when it has been read before the
     *     flag, else null
     */
    void flag(String key, JsonNode flag, @Nullable JsonNode segments);
  }

  private TreeBuilder(SharedTextNodes nodes, @Nullable FlagSink sink) {
    this.nodes = nodes;
    this.sink = sink;
  }

  /**
   * Reads one document.
   *
   * @param parser a parser at the document's start
   * @param nodes the node factory of this read
   * @return the document's value, or null if the document holds none
   * @throws IOException the parser's error, a duplicate key or content after the value
   */
  static @Nullable JsonNode read(JsonParser parser, SharedTextNodes nodes) throws IOException {
    return read(parser, nodes, null);
  }

  /**
   * Reads one document, handing each flag to {@code sink} as it is read: the {@code flags} object
   * of the tree returned holds a {@code null} in place of each flag (so that its size and
   * duplicate keys are as in the document).
   *
   * @param parser a parser at the document's start
   * @param nodes the node factory of this read
   * @param sink takes each flag, or null to keep them in the tree
   * @return the document's value, or null if the document holds none
   * @throws IOException the parser's error, a duplicate key or content after the value
   */
  static @Nullable JsonNode read(JsonParser parser, SharedTextNodes nodes, @Nullable FlagSink sink)
      throws IOException {
    JsonToken t = parser.nextToken();
    if (t == null) {
      return null;
    }
    JsonNode root = new TreeBuilder(nodes, sink).value(parser, t);
    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      // What Jackson's reader says with FAIL_ON_TRAILING_TOKENS, where it says it.
      throw MismatchedInputException.from(
          parser,
          JsonNode.class,
          "Trailing token (of type " + trailing + ") found after value (bound as `JsonNode`)");
    }
    return root;
  }

  /** The value starting at token {@code first}, with everything inside it. */
  @SuppressWarnings("ReferenceEquality") // OBJECT and ARRAY are markers, known by identity
  private JsonNode value(JsonParser p, JsonToken first) throws IOException {
    JsonToken t = first;
    while (true) {
      JsonNode done;
      switch (t) {
        case START_OBJECT -> {
          open(OBJECT);
          t = p.nextToken();
          continue;
        }
        case START_ARRAY -> {
          open(ARRAY);
          t = p.nextToken();
          continue;
        }
        case FIELD_NAME -> {
          names.set(
              open.size() - 1, p.currentName()); // shared by the parser within a read: no copy
          t = p.nextToken();
          continue;
        }
        case END_OBJECT -> {
          done = open.remove(open.size() - 1);
          if (done == OBJECT) {
            List<String> gatheredNames = fieldNames.get(open.size());
            List<JsonNode> gathered = elements.get(open.size());
            done = nodes.objectNode(gatheredNames, gathered);
            gatheredNames.clear();
            gathered.clear();
          }
        }
        case END_ARRAY -> {
          open.remove(open.size() - 1);
          List<JsonNode> gathered = elements.get(open.size());
          done = nodes.arrayNode(gathered);
          gathered.clear();
        }
        case VALUE_STRING -> done = nodes.textNode(p);
        case VALUE_NUMBER_INT -> done = integer(p);
        case VALUE_NUMBER_FLOAT -> done = nodes.numberNode(p.getDecimalValue());
        case VALUE_TRUE -> done = nodes.booleanNode(true);
        case VALUE_FALSE -> done = nodes.booleanNode(false);
        case VALUE_NULL -> done = nodes.nullNode();
        default ->
          throw MismatchedInputException.from(
              p, JsonNode.class, "Unexpected token (" + t + ") in a JSON document");
      }
      if (open.isEmpty()) {
        return done;
      }
      add(p, done);
      t = p.nextToken();
    }
  }

  /** Opens a container at the next depth, with that depth's name and element list ready. */
  private void open(JsonNode container) {
    int depth = open.size();
    open.add(container);
    if (names.size() == depth) {
      names.add(null);
      elements.add(new ArrayList<>());
      fieldNames.add(new ArrayList<>());
    } else {
      names.set(depth, null);
      elements.get(depth).clear();
      fieldNames.get(depth).clear();
    }
  }

  /** Puts a finished value into the innermost open container. */
  @SuppressWarnings("ReferenceEquality") // OBJECT and ARRAY are markers, known by identity
  private void add(JsonParser p, JsonNode value) throws IOException {
    int depth = open.size() - 1;
    JsonNode container = open.get(depth);
    if (container == ARRAY) {
      elements.get(depth).add(value);
      return;
    }
    String name = Objects.requireNonNull(names.get(depth), "a field's name");
    FlagSink flags = sink;
    if (flags != null && depth == 1 && "flags".equals(names.get(0))) {
      // A member of the root object's flags object: checked now, then its nodes made again.
      flags.flag(name, value, topField("segments"));
      nodes.recycle(value);
      value = NullNode.getInstance();
    }
    if (container instanceof ObjectNode object) {
      if (object.replace(name, value) != null) {
        throw duplicate(p, name);
      }
      return;
    }
    List<String> gatheredNames = fieldNames.get(depth);
    List<JsonNode> gathered = elements.get(depth);
    for (int i = 0; i < gatheredNames.size(); i++) {
      if (ObjectFields.sameName(gatheredNames.get(i), name)) {
        throw duplicate(p, name);
      }
    }
    if (gatheredNames.size() < ObjectFields.MAX_SMALL) {
      gatheredNames.add(name);
      gathered.add(value);
      return;
    }
    // One field more than an array of fields holds: the object is made now (its fields move to a
    // map as this one is put) and filled directly.
    ObjectNode object = nodes.objectNode(gatheredNames, gathered);
    object.replace(name, value);
    gatheredNames.clear();
    gathered.clear();
    open.set(depth, object);
  }

  /** A field of the root object read so far, or null. */
  @SuppressWarnings("ReferenceEquality") // OBJECT and ARRAY are markers, known by identity
  private @Nullable JsonNode topField(String name) {
    JsonNode root = open.get(0);
    if (root instanceof ObjectNode object) {
      return object.get(name);
    }
    if (root != OBJECT) {
      return null;
    }
    List<String> gatheredNames = fieldNames.get(0);
    for (int i = 0; i < gatheredNames.size(); i++) {
      if (name.equals(gatheredNames.get(i))) {
        return elements.get(0).get(i);
      }
    }
    return null;
  }

  /** What Jackson's reader says of a repeated key with FAIL_ON_READING_DUP_TREE_KEY. */
  private static MismatchedInputException duplicate(JsonParser p, String name) {
    return MismatchedInputException.from(
        p, JsonNode.class, "Duplicate field '" + name + "' for `ObjectNode`");
  }

  /** An integer as Jackson's reader keeps it: int, long or big integer by size. */
  private JsonNode integer(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> nodes.numberNode(p.getIntValue());
      case LONG -> nodes.numberNode(p.getLongValue());
      default -> nodes.numberNode(p.getBigIntegerValue());
    };
  }
}
