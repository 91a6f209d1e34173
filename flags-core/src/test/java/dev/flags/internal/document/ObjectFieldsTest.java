package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The compact field map of parsed objects behaves as a LinkedHashMap does. */
final class ObjectFieldsTest {
  private static JsonNode n(int i) {
    return JsonNodeFactory.instance.numberNode(i);
  }

  /** The same puts into both maps. */
  private static void putBoth(Map<String, JsonNode> a, Map<String, JsonNode> b, String k, int v) {
    assertThat(a.put(k, n(v))).as("put " + k).isEqualTo(b.put(k, n(v)));
  }

  @Test
  void putGetAndOrder_likeALinkedHashMap_smallAndLarge() {
    for (int count :
        new int[] {0, 1, 3, 4, 5, ObjectFields.MAX_SMALL, ObjectFields.MAX_SMALL + 1, 50}) {
      ObjectFields fields = new ObjectFields();
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        putBoth(fields, expected, new String(("k" + i).toCharArray()), i);
      }
      putBoth(fields, expected, "k0", 100); // a replaced value keeps its place
      assertThat(fields).as("count " + count).isEqualTo(expected);
      assertThat(expected).isEqualTo(fields);
      assertThat(fields).hasSameHashCodeAs(expected);
      assertThat(new ArrayList<>(fields.keySet())).containsExactlyElementsOf(expected.keySet());
      assertThat(fields.size()).isEqualTo(expected.size());
      assertThat(fields.isEmpty()).isEqualTo(expected.isEmpty());
      assertThat(fields.get("k0")).isEqualTo(n(100));
      assertThat(fields.get("missing")).isNull();
      assertThat(fields.get(null)).isNull();
      assertThat(((Map<?, ?>) fields).get((Object) 7)).isNull();
      assertThat(fields.containsKey("k0")).isTrue();
      assertThat(fields.containsKey("missing")).isFalse();
      assertThat(fields.containsKey(null)).isFalse();
    }
  }

  @Test
  void remove_keepsTheOrderOfTheOthers() {
    for (int count : new int[] {5, ObjectFields.MAX_SMALL + 2}) {
      ObjectFields fields = new ObjectFields();
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        putBoth(fields, expected, "k" + i, i);
      }

      assertThat(fields.remove("k1")).isEqualTo(expected.remove("k1"));
      assertThat(fields.remove("missing")).isNull();
      assertThat(fields.remove(null)).isNull();
      putBoth(fields, expected, "k1", 1);

      assertThat(new ArrayList<>(fields.entrySet()))
          .isEqualTo(new ArrayList<>(expected.entrySet()));
      fields.clear();
      assertThat(fields).isEmpty();
      assertThat(fields.put("a", n(1))).isNull();
      assertThat(fields).containsExactly(Map.entry("a", n(1)));
    }
  }

  @Test
  void entryIterator_removesAndEndsLikeAnyIterator() {
    ObjectFields fields = new ObjectFields();
    fields.put("a", n(1));
    fields.put("b", n(2));
    fields.put("c", n(3));
    Iterator<Map.Entry<String, JsonNode>> it = fields.entrySet().iterator();

    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    Map.Entry<String, JsonNode> a = it.next();
    assertThat(a).hasToString("a=1").isEqualTo(Map.entry("a", n(1))).isNotEqualTo("a");
    assertThat(a).hasSameHashCodeAs(Map.entry("a", n(1)));
    it.remove();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    assertThat(it.next().getKey()).isEqualTo("b");
    assertThat(it.next().setValue(n(30))).isEqualTo(n(3));
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(fields).isEqualTo(Map.of("b", n(2), "c", n(30)));
    assertThat(fields.entrySet()).hasSize(2);
  }

  @Test
  void byPosition_documentOrder_smallLargeAndAfterRemoval() {
    for (int count : new int[] {0, 1, ObjectFields.MAX_SMALL, ObjectFields.MAX_SMALL + 1, 300}) {
      ObjectFields fields = new ObjectFields();
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        putBoth(fields, expected, "k" + i, i);
      }
      if (count > 2) {
        assertThat(fields.remove("k1")).isEqualTo(expected.remove("k1"));
        putBoth(fields, expected, "k1", 1); // back at the end
        putBoth(fields, expected, "k0", 100); // replaced in place
      }
      List<String> names = new ArrayList<>();
      List<JsonNode> values = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        names.add(fields.name(i));
        values.add(fields.value(i));
      }
      assertThat(names).as("count " + count).containsExactlyElementsOf(expected.keySet());
      assertThat(values).containsExactlyElementsOf(expected.values());
      for (String k : expected.keySet()) {
        // A different instance of each name: found by its characters, not its reference.
        assertThat(fields.get(new String(k.toCharArray()))).isEqualTo(expected.get(k));
      }
      int size = fields.size();
      assertThatThrownBy(() -> fields.name(size)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void removeAll_fromALargeObject_findsTheRestEachTime() {
    ObjectFields fields = new ObjectFields();
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      putBoth(fields, expected, "k" + i, i);
    }
    for (int i = 0; i < 40; i += 3) {
      assertThat(fields.remove("k" + i)).isEqualTo(expected.remove("k" + i));
      assertThat(fields).isEqualTo(expected);
      for (String k : expected.keySet()) {
        assertThat(fields.containsKey(k)).as(k).isTrue();
      }
      assertThat(fields.containsKey("k" + i)).isFalse();
    }
  }

  @Test
  void of_ownNodeSharesItsFields_otherNodesAreCopied() {
    SharedTextNodes factory = new SharedTextNodes();
    ObjectNode own = factory.objectNode();
    own.put("a", 1);
    ObjectNode plain = JsonNodeFactory.instance.objectNode();
    plain.put("a", 1);
    plain.put("b", 2);

    ObjectFields ofOwn = ObjectFields.of(own);
    own.put("b", 2);
    assertThat(ofOwn.size()).as("the node's own fields, not a copy").isEqualTo(2);
    ObjectFields ofPlain = ObjectFields.of(plain);
    assertThat(ofPlain).isEqualTo(Map.of("a", n(1), "b", n(2)));
    assertThat(ofPlain.name(1)).isEqualTo("b");
    assertThat(ObjectFields.of(n(3)).size()).isZero();
    assertThat(ObjectFields.of(JsonNodeFactory.instance.arrayNode().add(1)).size())
        .isZero();
  }

  @Test
  void theRestOfTheMap_behavesAsALinkedHashMap() {
    for (int count : new int[] {0, 3, ObjectFields.MAX_SMALL + 4}) {
      ObjectFields fields = new ObjectFields();
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      Map<String, JsonNode> source = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        source.put("k" + i, n(i));
      }
      fields.putAll(source);
      expected.putAll(source);

      assertThat(fields).hasToString(expected.toString());
      assertThat(fields.equals(fields)).isTrue();
      assertThat(fields).isEqualTo(new HashMap<>(expected)).isNotEqualTo(List.of());
      assertThat(new ArrayList<>(fields.values())).isEqualTo(new ArrayList<>(expected.values()));
      assertThat(fields.values()).hasSize(count);
      assertThat(fields.containsValue(n(count - 1))).isEqualTo(count > 0);
      assertThat(fields.containsValue(n(count))).isFalse();
      assertThat(fields.keySet().contains("k0")).isEqualTo(count > 0);
      assertThat(fields.keySet()).hasSize(count);
      if (count > 0) {
        Map<String, JsonNode> other = new LinkedHashMap<>(expected);
        other.put("k0", n(-1));
        assertThat(fields).isNotEqualTo(other);

        Iterator<String> keys = fields.keySet().iterator();
        keys.next();
        keys.remove();
        Iterator<JsonNode> values = fields.values().iterator();
        values.next();
        values.remove();
        expected.remove("k0");
        expected.remove(count > 1 ? "k1" : "none");
        assertThat(fields).isEqualTo(expected);
      }
    }
  }

  @Test
  void objectNodes_overEitherMap_areEqualWithTheSameHash() {
    SharedTextNodes factory = new SharedTextNodes();
    ObjectNode compact = factory.objectNode();
    ObjectNode plain = JsonNodeFactory.instance.objectNode();
    List<ObjectNode> both = List.of(compact, plain);
    for (ObjectNode o : both) {
      o.put("op", "in");
      o.putArray("values").add("NZ").add("AU");
      o.put("negate", false);
    }

    assertThat(compact).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(plain).isEqualTo(compact);
    assertThat(compact.get("values").get(1).asText()).isEqualTo("AU");
    assertThat(compact.has("attribute")).isFalse();
    compact.put("attribute", "country");
    assertThat(compact).isNotEqualTo(plain);
  }
}
