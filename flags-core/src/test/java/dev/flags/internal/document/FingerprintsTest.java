package dev.flags.internal.document;

import static dev.flags.internal.document.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FingerprintsTest {
  private static final int VARIANTS = Fingerprints.PARTS.indexOf("variants");

  /** The fingerprint of flag f's variants when variant "on" holds {@code value}. */
  private static long variants(String value) {
    String doc =
        "{'flags': {'f': {'variants': {'on': " + value + ", 'off': false}, 'offVariant': 'off'}}}";
    return Fingerprints.of(json(doc)).get("f")[VARIANTS];
  }

  /** Values that differ only in where an object or array ends, or in a value's type. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'a': {'b': 1}, 'c': 2} | {'a': {'b': 1, 'c': 2}}",
        "{'a': {}, 'b': 1}        | {'a': {'b': 1}}",
        "[[1], 2]                 | [[1, 2]]",
        "{'a': [1], 'b': 2}       | {'a': [1, {'b': 2}]}",
        "1                        | '1'",
        "1                        | 2",
        "1                        | 1.0",
        "true                     | 'true'",
        "{'a': 1}                 | {'a': 1, 'b': null}",
      })
  void differentValues_differentFingerprints(String one, String other) {
    assertThat(variants(one)).isNotEqualTo(variants(other));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'a': {'b': 1}, 'c': 2} | {  'a' : { 'b' : 1 } , 'c' : 2 }",
        "1                        | 1",
        "4294967296               | 4294967296",
      })
  void sameValues_sameFingerprints(String one, String other) {
    assertThat(variants(one)).isEqualTo(variants(other));
  }
}
