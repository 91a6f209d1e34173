package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.DocumentLimits;
import org.junit.jupiter.api.Test;

/** How a limit is worded in messages: its value and the builder method that sets it. */
final class LimitTest {
  @Test
  void reached_withAndWithoutUnit_namesTheValueAndBuilderMethod() {
    DocumentLimits limits =
        DocumentLimits.newBuilder().maxKeyLength(40).maxNestingDepth(9).build();

    assertThat(Limit.KEY_LENGTH.reached("a key is longer than", limits, "characters"))
        .isEqualTo("a key is longer than the maximum allowed (40 characters, from"
            + " DocumentLimits.Builder.maxKeyLength(int))");
    assertThat(Limit.NESTING_DEPTH.reached("nesting is deeper than", limits, ""))
        .isEqualTo("nesting is deeper than the maximum allowed (9, from"
            + " DocumentLimits.Builder.maxNestingDepth(int))");
  }

  @Test
  void limit_eachOne_namesAPublicBuilderMethod() throws NoSuchMethodException {
    for (Limit limit : Limit.values()) {
      String message = limit.exceeded("s", DocumentLimits.defaults(), "");
      String setter = message.substring(
          message.indexOf("DocumentLimits.Builder.") + "DocumentLimits.Builder.".length(),
          message.indexOf("(int)"));

      assertThat(DocumentLimits.Builder.class.getMethod(setter, int.class).getReturnType())
          .as(limit.name())
          .isEqualTo(DocumentLimits.Builder.class);
    }
  }

  @Test
  void exceeded_documentBytes_isTheReadersWording() {
    String message = Limit.DOCUMENT_BYTES.exceeded(
        "document is 10 bytes", DocumentLimits.newBuilder().maxDocumentBytes(9).build(), "");

    assertThat(message)
        .isEqualTo("document is 10 bytes, exceeds the maximum allowed (9, from"
            + " DocumentLimits.Builder.maxDocumentBytes(int))");
  }
}
