package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flags whose variants are JSON objects or arrays. */
final class JsonVariantTest {
  private final Flags flags = client(document("""
      "banner": {
        "variants": {
          "none": {"show": false},
          "sale": {
            "show": true,
            "text": "Winter sale \\u00e9\\"",
            "discount": 0.15,
            "maxItems": 3,
            "tags": ["a", "b"],
            "style": {"color": "#d33", "sizes": [1, 2]},
            "nothing": null
          }
        },
        "offVariant": "none",
        "targets": [{"variant": "sale", "keys": ["buyer"]}],
        "fallthrough": {"variant": "none"}
      },
      "steps": {
        "variants": {"short": [1, "two", {"three": 3}], "empty": []},
        "offVariant": "empty",
        "fallthrough": {"variant": "short"}
      }
      """));

  @Test
  void value_objectVariant_isAnUnmodifiableMapOfJavaValues() {
    Object value = flags.evaluate("banner", Context.of("buyer")).value();

    assertThat(value).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    assertThat(map)
        .containsEntry("show", true)
        .containsEntry("text", "Winter sale é\"")
        .containsEntry("discount", 0.15)
        .containsEntry("maxItems", 3L)
        .containsEntry("tags", List.of("a", "b"))
        .containsEntry("style", Map.of("color", "#d33", "sizes", List.of(1L, 2L)))
        .containsEntry("nothing", null);
    assertThat(map.keySet())
        .containsExactly("show", "text", "discount", "maxItems", "tags", "style", "nothing");
  }

  @Test
  void value_objectVariant_cannotBeModifiedAtAnyDepth() {
    @SuppressWarnings("unchecked")
    Map<String, Object> map =
        (Map<String, Object>) flags.evaluate("banner", Context.of("buyer")).value();
    @SuppressWarnings("unchecked")
    Map<String, Object> style = (Map<String, Object>) map.get("style");
    @SuppressWarnings("unchecked")
    List<Object> sizes = (List<Object>) style.get("sizes");
    @SuppressWarnings("unchecked")
    List<Object> tags = (List<Object>) map.get("tags");

    assertThatThrownBy(() -> map.put("show", false))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.remove("show")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> style.put("color", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sizes.add(3L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> tags.set(0, "z")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(flags.evaluate("banner", Context.of("buyer")).value()).isEqualTo(map);
  }

  @Test
  void value_arrayVariant_isAnUnmodifiableList() {
    Object value = flags.evaluate("steps", Context.of("u")).value();

    assertThat(value).isEqualTo(List.of(1L, "two", Map.of("three", 3L)));
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) value;
    assertThatThrownBy(() -> list.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void valueAsJson_isCompactJsonText() {
    assertThat(flags.evaluate("banner", Context.of("u")).valueAsJson())
        .isEqualTo("{\"show\":false}");
    assertThat(flags.evaluate("banner", Context.of("buyer")).valueAsJson())
        .isEqualTo("{\"show\":true,\"text\":\"Winter sale é\\\"\",\"discount\":0.15,\"maxItems\":3,"
            + "\"tags\":[\"a\",\"b\"],\"style\":{\"color\":\"#d33\",\"sizes\":[1,2]},"
            + "\"nothing\":null}");
    assertThat(flags.evaluate("steps", Context.of("u")).valueAsJson())
        .isEqualTo("[1,\"two\",{\"three\":3}]");
  }

  @Test
  void getJson_returnsTheCompactText() {
    assertThat(flags.getJson("steps", Context.of("u"), "[]"))
        .isEqualTo("[1,\"two\",{\"three\":3}]");
    assertThat(flags.getJson("banner", Context.of("u"), "{}")).isEqualTo("{\"show\":false}");
  }

  @Test
  void getJson_errors_returnTheDefaultText() {
    assertThat(flags.getJson("missing", Context.of("u"), "{\"d\":1}")).isEqualTo("{\"d\":1}");
    assertThat(flags.getJson("steps", null, "[]")).isEqualTo("[]");
  }

  @Test
  void getJson_nonJsonFlag_returnsTheDefault() {
    Flags scalar = client(document("""
        "s": {"variants": {"a": "text"}, "offVariant": "a", "fallthrough": {"variant": "a"}}
        """));

    assertThat(scalar.getJson("s", Context.of("u"), "{}")).isEqualTo("{}");
    assertThat(scalar.evaluate("s", Context.of("u")).valueAsJson()).isEqualTo("\"text\"");
  }

  @Test
  void otherGetters_onJsonFlag_returnTheirDefaults() {
    assertThat(flags.getString("banner", Context.of("u"), "d")).isEqualTo("d");
    assertThat(flags.isEnabled("banner", Context.of("u"))).isFalse();
    assertThat(flags.getDouble("steps", Context.of("u"), 1.5)).isEqualTo(1.5);
  }

  @Test
  void load_mixingJsonAndScalarVariants_rejectsDocument() {
    String doc = document("""
        "m": {"variants": {"a": {"x": 1}, "b": "text"}, "offVariant": "a",
              "fallthrough": {"variant": "a"}}
        """);

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining(
            "all variants of a flag must have the same type: 'a' is json, this" + " one is string");
  }

  @Test
  void load_nullVariant_rejectsDocument() {
    String doc = document("""
        "m": {"variants": {"a": null}, "offVariant": "a", "fallthrough": {"variant": "a"}}
        """);

    assertThatThrownBy(() -> client(doc))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("variant value must be a boolean, string, number or JSON");
  }
}
