package dev.flags.internal.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 *       Jackson's list starts at ten slots.
 * </ul>
 *
 * <p>Iterative: the depth the parser allows (its nesting limit) costs heap, not stack. Not
 * thread-safe: one builder per read.
 */
final class TreeBuilder {
  /** Stands in {@link #open} for an array, whose node is made once its elements are known. */
  private static final JsonNode ARRAY = MissingNode.getInstance();

  private final SharedTextNodes nodes;
  /** The containers being filled, outermost first: an object's node, or {@link #ARRAY}. */
  private final List<JsonNode> open = new ArrayList<>();
  /** Per open object, the name of the field whose value is being read. */
  private final List<@Nullable String> names = new ArrayList<>();
  /** Per open array, its elements so far: lists reused from one array to the next. */
  private final List<List<JsonNode>> elements = new ArrayList<>();

  private TreeBuilder(SharedTextNodes nodes) {
    this.nodes = nodes;
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
    JsonToken t = parser.nextToken();
    if (t == null) {
      return null;
    }
    JsonNode root = new TreeBuilder(nodes).value(parser, t);
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
  private JsonNode value(JsonParser p, JsonToken first) throws IOException {
    JsonToken t = first;
    while (true) {
      JsonNode done;
      switch (t) {
        case START_OBJECT -> {
          open(nodes.objectNode());
          t = p.nextToken();
          continue;
        }
        case START_ARRAY -> {
          open(ARRAY);
          t = p.nextToken();
          continue;
        }
        case FIELD_NAME -> {
          names.set(open.size() - 1, p.currentName()); // interned by the parser: no copy
          t = p.nextToken();
          continue;
        }
        case END_OBJECT -> done = open.remove(open.size() - 1);
        case END_ARRAY -> {
          open.remove(open.size() - 1);
          List<JsonNode> gathered = elements.get(open.size());
          done = new ArrayNode(nodes, new ArrayList<>(gathered));
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
    } else {
      names.set(depth, null);
      elements.get(depth).clear();
    }
  }

  /** Puts a finished value into the innermost open container. */
  private void add(JsonParser p, JsonNode value) throws IOException {
    int depth = open.size() - 1;
    if (open.get(depth) instanceof ObjectNode object) {
      String name = Objects.requireNonNull(names.get(depth), "a field's name");
      if (object.replace(name, value) != null) {
        throw MismatchedInputException.from(
            p, JsonNode.class, "Duplicate field '" + name + "' for `ObjectNode`");
      }
    } else {
      elements.get(depth).add(value);
    }
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
