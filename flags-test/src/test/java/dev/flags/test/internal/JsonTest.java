package dev.flags.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonTest {
  private static String json(Object value) {
    return Json.value(new StringBuilder(), value).toString();
  }

  @Test
  void string_quotesBackslashesAndControls_escaped() {
    assertThat(json("a\"b\\c\nd\re\tf\u0001g")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"");
    assertThat(json("é名")).isEqualTo("\"é名\"");
  }

  @Test
  void number_integralWithoutFractionOthersAsJava() {
    assertThat(json(3.0)).isEqualTo("3");
    assertThat(json(-0.5)).isEqualTo("-0.5");
    assertThat(json(42L)).isEqualTo("42");
    assertThat(json(7)).isEqualTo("7");
    assertThat(json(1e300)).isEqualTo("1.0E300");
    assertThat(json(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void value_mapsListsBooleans_nested() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", List.of(true, "x", 1));
    map.put("b", Map.of());

    assertThat(json(map)).isEqualTo("{\"a\": [true, \"x\", 1], \"b\": {}}");
  }

  @Test
  void value_otherType_rejectedSaying() {
    assertThatThrownBy(() -> json(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON value: java.lang.Object@")
        .hasMessageEndingWith(" (java.lang.Object); use a Boolean, String, Number, Map or List");
  }
}
