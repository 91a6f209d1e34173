package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers in {@link Evaluation#valueAsJson()} and {@link Flags#getJson}: written in one normal
 * form, whatever the document's spelling, and always the same number as {@link
 * Evaluation#value()}.
 */
final class NumberNormalFormTest {

  private static Flags numberFlag(String number) {
    return client(document("\"n\": {\"variants\": {\"v\": " + number + "},"
        + " \"offVariant\": \"v\", \"fallthrough\": {\"variant\": \"v\"}}"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2.50, 2.5",
    "100.0, 100",
    "1e2, 100",
    "1E+2, 100",
    "100, 100",
    "-0.0, 0",
    "-0, 0",
    "0.5e1, 5",
    "-12.0, -12",
    "0.1, 0.1",
    "1.50e-7, 1.5E-7",
    "123456.789000, 123456.789",
    "9007199254740993.0, 9007199254740993",
    "1e20, 1.0E20",
    "2e23, 2.0E23",
  })
  void valueAsJson_number_isInNormalFormAndReadsBackAsTheValue(String written, String normal) {
    Evaluation e = numberFlag(written).evaluate("n", Context.EMPTY);

    assertThat(e.valueAsJson()).isEqualTo(normal);
    Object value = e.value();
    if (value instanceof Long l) {
      assertThat(Long.parseLong(normal)).isEqualTo(l);
    } else {
      assertThat(Double.parseDouble(normal)).isEqualTo(value);
    }
  }

  @Test
  void value_integralNumbers_areLongsAndOthersDoubles() {
    assertThat(numberFlag("100.0").evaluate("n", Context.EMPTY).value()).isEqualTo(100L);
    assertThat(numberFlag("-0.0").evaluate("n", Context.EMPTY).value()).isEqualTo(0L);
    assertThat(numberFlag("2.50").evaluate("n", Context.EMPTY).value()).isEqualTo(2.5);
    assertThat(numberFlag("2e23").evaluate("n", Context.EMPTY).value())
        .isEqualTo(Double.valueOf("2e23"));
  }

  @Test
  void getJson_nestedNumbers_areInNormalFormAtEveryDepth() {
    Flags flags = client(document("""
        "j": {
          "variants": {
            "v": {"price": 2.50, "sizes": [100.0, 1e2, -0.0, 0.25], "inner": {"n": [[1.0e1]]}}
          },
          "offVariant": "v",
          "fallthrough": {"variant": "v"}
        }
        """));

    assertThat(flags.getJson("j", Context.EMPTY, "{}"))
        .isEqualTo("{\"price\":2.5,\"sizes\":[100,100,0,0.25],\"inner\":{\"n\":[[10]]}}");
    assertThat(flags.evaluate("j", Context.EMPTY).value())
        .isEqualTo(Map.of(
            "price", 2.5,
            "sizes", List.of(100L, 100L, 0L, 0.25),
            "inner", Map.of("n", List.of(List.of(10L)))));
  }

  @Test
  void getJson_topLevelArrayOfNumbers_isInNormalForm() {
    Flags flags = client(document("""
        "j": {"variants": {"v": [2.50, 100.0, -0.0, 1e2, 2e23]}, "offVariant": "v",
              "fallthrough": {"variant": "v"}}
        """));

    assertThat(flags.getJson("j", Context.EMPTY, "[]")).isEqualTo("[2.5,100,0,100,2.0E23]");
  }
}
