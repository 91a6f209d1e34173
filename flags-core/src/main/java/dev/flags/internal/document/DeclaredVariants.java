package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The variants a flag declares, in document order: name to index in the flag's variant list. A
 * declared variant whose value is invalid maps to -1, so that references to it are not also
 * reported as unknown.
 *
 * @param index name to index, or -1
 */
record DeclaredVariants(Map<String, Integer> index) {

  /** Whether the flag declares any variant; if not, references to variants are not checked. */
  boolean any() {
    return !index.isEmpty();
  }

  /**
   * Resolves a reference to a variant, found at {@code path.field}.
   *
   * @return the variant's index, or -1 after reporting (or for a variant with an invalid value)
   */
  int ref(JsonNode name, Path path, String field, Problems problems) {
    if (!name.isTextual()) {
      problems.add(path.key(field), "must be a variant name, not " + JsonValues.describe(name));
      return -1;
    }
    Integer i = index.get(name.asText());
    if (i == null) {
      problems.add(
          path.key(field),
          "'" + name.asText() + "' is not a declared variant (declared: "
              + String.join(", ", index.keySet()) + ")");
      return -1;
    }
    return i;
  }
}
