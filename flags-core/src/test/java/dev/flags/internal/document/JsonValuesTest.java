package dev.flags.internal.document;

import static dev.flags.internal.document.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.flags.internal.snapshot.FlagDocument.ValueType;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Value types, JSON to Java, the describe text, finite numbers and variant JSON. */
final class JsonValuesTest {

  @Test
  void valueType_eachJsonValue_hasItsType() {
    assertThat(JsonValues.valueType(json("true"))).isEqualTo(ValueType.BOOLEAN);
    assertThat(JsonValues.valueType(json("'a'"))).isEqualTo(ValueType.STRING);
    assertThat(JsonValues.valueType(json("1.5"))).isEqualTo(ValueType.NUMBER);
    assertThat(JsonValues.valueType(json("{}"))).isEqualTo(ValueType.JSON);
    assertThat(JsonValues.valueType(json("[]"))).isEqualTo(ValueType.JSON);
    assertThat(JsonValues.valueType(json("null"))).isNull();
    assertThat(JsonValues.valueType(MissingNode.getInstance())).isNull();
  }

  @Test
  void toJava_scalars_areBooleanStringLongOrDouble() {
    assertThat(JsonValues.toJava(json("true"))).isEqualTo(true);
    assertThat(JsonValues.toJava(json("'a'"))).isEqualTo("a");
    assertThat(JsonValues.toJava(json("3"))).isEqualTo(3L);
    assertThat(JsonValues.toJava(json("3.0"))).isEqualTo(3L);
    assertThat(JsonValues.toJava(json("3.5"))).isEqualTo(3.5);
    assertThat(JsonValues.toJava(json("18446744073709551621"))).isEqualTo(1.8446744073709552E19);
    assertThat(JsonValues.toJava(json("null"))).isNull();
  }

  @Test
  void toJava_objectsAndArrays_areUnmodifiableAndKeepOrderAndNulls() {
    Object value =
        Objects.requireNonNull(JsonValues.toJava(json("{'b': [1, null], 'a': {'x': 'y'}}")));

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) value;
    assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("b", "a"));
    assertThat(map.get("b")).isEqualTo(Arrays.asList(1L, null));
    assertThat(map.get("a")).isEqualTo(Map.of("x", "y"));
    assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
    List<?> list = (List<?>) Objects.requireNonNull(map.get("b"));
    assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void describe_eachKindOfValue_readsAsEnglish() {
    assertThat(JsonValues.describe(json("null"))).isEqualTo("null");
    assertThat(JsonValues.describe(json("'a'"))).isEqualTo("the string \"a\"");
    assertThat(JsonValues.describe(json("false"))).isEqualTo("false");
    assertThat(JsonValues.describe(json("50000.0"))).isEqualTo("the number 50000.0");
    assertThat(JsonValues.describe(json("[]"))).isEqualTo("an empty array");
    assertThat(JsonValues.describe(json("[1]"))).isEqualTo("an array");
    assertThat(JsonValues.describe(json("{}"))).isEqualTo("an empty object");
    assertThat(JsonValues.describe(json("{'a': 1}"))).isEqualTo("an object");
    assertThat(JsonValues.describe(MissingNode.getInstance())).isEqualTo("missing");
    assertThat(JsonValues.describe(JsonNodeFactory.instance.binaryNode(new byte[1])))
        .isEqualTo("binary");
  }

  @Test
  void describe_longString_isAbbreviated() {
    String text = "x".repeat(61);

    assertThat(JsonValues.describe(json("'" + text + "'")))
        .isEqualTo("the string \"" + "x".repeat(57) + "...\"");
    assertThat(JsonValues.abbreviate("x".repeat(60))).isEqualTo("x".repeat(60));
  }

  @Test
  void isFinite_numberBeyondDouble_isNot() {
    assertThat(JsonValues.isFinite(json("1.7976931348623157E308"))).isTrue();
    assertThat(JsonValues.isFinite(json("1e400"))).isFalse();
    assertThat(JsonValues.isFinite(json("-1e400"))).isFalse();
  }

  @Test
  void allFinite_nestedNumberBeyondDouble_isFound() {
    assertThat(JsonValues.allFinite(json("{'a': [1, {'b': 2.5}], 'c': 'x'}"))).isTrue();
    assertThat(JsonValues.allFinite(json("{'a': [1, {'b': 1e400}]}"))).isFalse();
    assertThat(JsonValues.allFinite(json("'text'"))).isTrue();
  }

  @Test
  void variant_jsonValue_isWrittenCompactWithNumbersInNormalForm() {
    Variant v =
        JsonValues.variant("banner", json("{ 'show': true, 'ratio': 100.0, 'n': [1, null] }"));

    assertThat(v.name()).isEqualTo("banner");
    assertThat(v.json()).isEqualTo("{\"show\":true,\"ratio\":100,\"n\":[1,null]}");
    assertThat(v.value())
        .isEqualTo(Map.of("show", true, "ratio", 100L, "n", Arrays.asList(1L, null)));
  }

  @Test
  void variant_scalars_keepTheirJson() {
    assertThat(JsonValues.variant("on", json("true")).json()).isEqualTo("true");
    assertThat(JsonValues.variant("s", json("'a\\\"b'")).json()).isEqualTo("\"a\\\"b\"");
    assertThat(JsonValues.variant("n", json("1E+3")).json()).isEqualTo("1000");
  }

  @Test
  void variant_numbers_areWrittenAsTheirJavaValue() {
    assertThat(JsonValues.variant("n", json("2.50")).json()).isEqualTo("2.5");
    assertThat(JsonValues.variant("n", json("100.0")).json()).isEqualTo("100");
    assertThat(JsonValues.variant("n", json("1e2")).json()).isEqualTo("100");
    assertThat(JsonValues.variant("n", json("-0.0")).json()).isEqualTo("0");
    assertThat(JsonValues.variant("n", json("0.000001")).json()).isEqualTo("1.0E-6");
    // Java 17's Double.toString gives 1.9999999999999998E23; the shortest text is 2.0E23.
    assertThat(JsonValues.variant("n", json("2e23")).json()).isEqualTo("2.0E23");
  }

  @Test
  void variant_nestedNumbers_areWrittenAsTheirJavaValue() {
    Variant v = JsonValues.variant("j", json("{'a': [2.50, {'b': -0.0}], 'c': 1.0e1}"));

    assertThat(v.json()).isEqualTo("{\"a\":[2.5,{\"b\":0}],\"c\":10}");
    assertThat(v.value()).isEqualTo(Map.of("a", List.of(2.5, Map.of("b", 0L)), "c", 10L));
  }

  @Test
  void variant_null_isNotAVariantValue() {
    assertThatThrownBy(() -> JsonValues.variant("x", json("null")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a variant value: null");
  }

  @Test
  void json_scalarsWrittenWithoutTheWriter_sameTextAsTheWriter() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper writer =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<Object> values = List.of(
        true,
        false,
        0L,
        -7L,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        "",
        "plain text, with punctuation: ~!@#$%^&*()_+{}|<>?/.,;'[]=-`",
        "quote \" inside",
        "back\\slash",
        "tab\there",
        "line\nbreak",
        "\u0001control",
        "delete\u007f",
        "caf\u00e9",
        "emoji \ud83d\ude00");
    for (Object v : values) {
      assertThat(JsonValues.json(v)).as(String.valueOf(v)).isEqualTo(writer.writeValueAsString(v));
    }
  }
}
