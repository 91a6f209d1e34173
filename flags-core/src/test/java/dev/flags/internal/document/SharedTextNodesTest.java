package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class SharedTextNodesTest {
  private final SharedTextNodes factory = new SharedTextNodes();

  @Test
  void textNode_equalShortStrings_shareOneNodeAndString() {
    String a = new String("team-payments".toCharArray());
    String b = new String("team-payments".toCharArray());

    assertThat(factory.textNode(a)).isSameAs(factory.textNode(b));
    assertThat(factory.textNode(b).textValue()).isSameAs(a);
  }

  @Test
  void textNode_longStrings_keptAsRead() {
    String longText = "d".repeat(SharedTextNodes.MAX_SHARED_LENGTH + 1);

    assertThat(factory.textNode(longText)).isNotSameAs(factory.textNode(new String(longText)));
    assertThat(factory.textNode(longText).textValue()).isEqualTo(longText);
  }

  @Test
  void textNode_atTheLimit_shared() {
    String text = "x".repeat(SharedTextNodes.MAX_SHARED_LENGTH);

    assertThat(factory.textNode(text)).isSameAs(factory.textNode(new String(text)));
  }

  @Test
  void textNode_repeatedValueAmongManyThatNeverRepeat_staysShared() {
    // A document of 10,000 flags: each has its own ten target keys and the same owner.
    java.util.Set<String> ownerInstances =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int flag = 0; flag < 10_000; flag++) {
      for (int k = 0; k < 10; k++) {
        assertThat(factory.textNode("user-" + flag + "-" + k).textValue())
            .isEqualTo("user-" + flag + "-" + k);
      }
      ownerInstances.add(
          factory.textNode(new String("team-payments".toCharArray())).textValue());
    }

    // Pushed out of its slot only when a key that shares the slot comes between two flags.
    assertThat(ownerInstances.size()).isLessThan(100);
  }

  @Test
  void read_repeatedValuesInOneDocument_shareTheirStrings() {
    DocumentReader reader = new DocumentReader(DocumentLimits.defaults());
    byte[] json = "{\"a\": {\"owner\": \"team-7\"}, \"b\": {\"owner\": \"team-7\"}}"
        .getBytes(StandardCharsets.UTF_8);

    JsonNode root = reader.read(json).orThrow().root();

    assertThat(root.get("a").get("owner").textValue())
        .isSameAs(root.get("b").get("owner").textValue());
  }

  @Test
  void read_twoDocuments_shareNothing() {
    DocumentReader reader = new DocumentReader(DocumentLimits.defaults());
    byte[] json = "{\"owner\": \"team-7\"}".getBytes(StandardCharsets.UTF_8);

    String first = reader.read(json).orThrow().root().get("owner").textValue();
    String second = reader.read(json).orThrow().root().get("owner").textValue();

    assertThat(first).isEqualTo(second).isNotSameAs(second);
  }
}
