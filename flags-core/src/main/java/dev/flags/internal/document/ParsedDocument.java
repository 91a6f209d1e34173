package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A document read as strict JSON but not yet validated: what a layer keeps, so that layers can be
 * merged and validated together. Opaque outside this package, which keeps Jackson out of the
 * runtime. Equal when the JSON trees are equal. Immutable once read (nothing here writes to it).
 */
public final class ParsedDocument {
  final JsonNode root;

  ParsedDocument(JsonNode root) {
    this.root = root;
  }

  /**
   * The document's {@code version} field as text.
   *
   * @return the version, or an empty string when the field is missing or not text
   */
  public String version() {
    JsonNode v = root.get("version");
    return v != null && v.isTextual() ? v.asText() : "";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ParsedDocument other && root.equals(other.root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return "ParsedDocument{version=" + version() + "}";
  }
}
