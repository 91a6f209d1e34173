package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.DocumentLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A document as read, and the form a layer keeps: its bytes, read again when needed. */
final class ParsedDocumentTest {
  private final DocumentReader reader = new DocumentReader(DocumentLimits.defaults());

  private static byte[] bytes(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private ParsedDocument read(String json) {
    return reader.read(bytes(json)).orThrow();
  }

  private static final String DOC =
      "{'schema': 1, 'version': 'v1', 'flags': {'f': {'a': [1, 2.50]}}}";

  @Test
  void forKeeping_equalToTheDocumentRead_withTheSameVersionAndTree() {
    ParsedDocument doc = read(DOC);

    ParsedDocument kept = doc.forKeeping();

    assertThat(kept).isNotSameAs(doc).isEqualTo(doc).hasSameHashCodeAs(doc);
    assertThat(doc).isEqualTo(kept);
    assertThat(kept.version()).isEqualTo("v1");
    assertThat(kept.root()).isEqualTo(doc.root()).isNotSameAs(doc.root());
    assertThat(kept.forKeeping()).isSameAs(kept);
    assertThat(kept).hasToString("ParsedDocument{version=v1}");
  }

  @Test
  void forKeeping_keepsACopy_theDeliveredArrayMayBeReused() {
    byte[] array = bytes(DOC);
    ParsedDocument doc = reader.read(array).orThrow();

    ParsedDocument kept = doc.forKeeping();
    int at = DOC.indexOf("2.50");
    array[at + 2] = '7'; // the deliverer's buffer, reused once the delivery returned

    assertThat(kept.root().path("flags").path("f").path("a").get(1).asText()).isEqualTo("2.50");
    assertThat(kept).isEqualTo(read(DOC)).isNotEqualTo(reader.read(array).orThrow());
  }

  @Test
  void forKeeping_ofALargeDocument_keptSmallerThanItsBytes_andReadAgainWhole() {
    StringBuilder json = new StringBuilder("{'schema': 1, 'version': 'big', 'flags': {");
    for (int i = 0; i < 2_000; i++) {
      json.append(i == 0 ? "" : ", ")
          .append("'flag-")
          .append(i)
          .append("': {'n': ")
          .append(i);
      json.append(", 'tags': ['generated', 'group-").append(i % 7).append("']}");
    }
    byte[] array = bytes(json.append("}}").toString());
    ParsedDocument doc = reader.read(array).orThrow();

    ParsedDocument kept = doc.forKeeping();

    assertThat(kept.root()).isEqualTo(doc.root());
    assertThat(kept.root().path("flags").path("flag-1999").path("n").asInt()).isEqualTo(1999);
    assertThat(kept).isEqualTo(doc);
    assertThat(KeptBytes.of(array).keptLength()).isLessThan(array.length / 5);
  }

  @Test
  void equals_sameTreeOtherBytes_equalAlsoWhenKept() {
    ParsedDocument compact = read(DOC);
    ParsedDocument spaced = read(DOC.replace(",", " ,\n  "));

    assertThat(spaced).isEqualTo(compact);
    assertThat(spaced.forKeeping()).isEqualTo(compact).isEqualTo(compact.forKeeping());
    assertThat(compact.forKeeping()).isEqualTo(spaced);
  }

  @Test
  void equals_otherVersionOrOtherContent_differs() {
    ParsedDocument doc = read(DOC).forKeeping();

    assertThat(doc)
        .isNotEqualTo(read(DOC.replace("v1", "v2")))
        .isNotEqualTo(read(DOC.replace("2.50", "3")))
        .isNotEqualTo(read(DOC.replace("2.50", "3")).forKeeping())
        .isNotEqualTo("v1");
    assertThat(read("{'version': 7}")).isEqualTo(read("{'version': 7}").forKeeping());
    assertThat(read("{'version': 7}").version()).isEmpty();
  }

  @Test
  void mergedDocument_keptAsItIs() {
    ParsedDocument merged = LayerMerge.merge(List.of(read(DOC), read(DOC.replace("v1", "v2"))));

    assertThat(merged.forKeeping()).isSameAs(merged);
    assertThat(merged.version()).isEqualTo("v1+v2");
    assertThat(merged).isEqualTo(merged.forKeeping()).hasSameHashCodeAs(merged);
  }

  @Test
  void merge_ofKeptLayers_readsTheirBytesAgain() {
    ParsedDocument low = read("{'schema': 1, 'version': 'a', 'flags': {'x': 1, 'y': 2}}");
    ParsedDocument high = read("{'schema': 1, 'version': 'b', 'flags': {'y': 3}}");

    ParsedDocument merged = LayerMerge.merge(List.of(low.forKeeping(), high.forKeeping()));

    assertThat(merged).isEqualTo(LayerMerge.merge(List.of(low, high)));
    assertThat(merged.root().path("flags").path("y").asInt()).isEqualTo(3);
  }

  @Test
  void reread_bytesThatDoNotRead_isAnIllegalState() {
    assertThatThrownBy(() -> reader.reread(bytes("{'a': ")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> reader.reread(bytes("  "))).isInstanceOf(IllegalStateException.class);
  }
}
