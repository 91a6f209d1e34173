package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The variants a flag declares, in document order, and where each sits in the flag's list of
 * valid variants. A declared variant whose value is invalid sits at -1, so that references to it
 * are not also reported as unknown. The names are the fields of the flag's {@code variants}
 * object itself, found as its fields are: no map is built per flag. Immutable once made.
 */
final class DeclaredVariants {
  /** No variants declared: references to variants are not checked. */
  static final DeclaredVariants NONE = new DeclaredVariants(new ObjectFields(), new int[0]);

  private final ObjectFields names;
  private final int[] positions;

  /**
   * Declared variants.
   *
   * @param names the {@code variants} object's fields, never changed afterwards
   * @param positions for field {@code i}, its position in the valid variants, or -1
   */
  DeclaredVariants(ObjectFields names, int[] positions) {
    if (names.size() != positions.length) {
      throw new IllegalArgumentException(
          names.size() + " variant names, " + positions.length + " positions");
    }
    this.names = names;
    this.positions = positions;
  }

  /** Whether the flag declares any variant; if not, references to variants are not checked. */
  boolean any() {
    return names.size() > 0;
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
    int i = names.position(name.asText());
    if (i < 0) {
      problems.add(
          path.key(field),
          "'" + name.asText() + "' is not a declared variant (declared: "
              + String.join(", ", names.keySet()) + ")");
      return -1;
    }
    return positions[i];
  }
}
