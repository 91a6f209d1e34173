package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import dev.flags.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** JSON for the document package's tests, read as documents are; single quotes stand for double. */
final class TestJson {
  private static final DocumentReader READER = new DocumentReader(DocumentLimits.defaults());

  private TestJson() {}

  /** Reads {@code json}, in which {@code '} stands for {@code "}. */
  static JsonNode json(String json) {
    return READER
        .read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8))
        .orThrow()
        .root();
  }

  /** The problems as {@code path: message}, in order. */
  static List<String> messages(Problems problems) {
    return problems.list().stream().map(Problem::toString).toList();
  }
}
