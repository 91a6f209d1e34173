package dev.flags;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the served document says about a flag, for admin pages, docs and tooling: its metadata,
 * variants and document kill switch. Immutable.
 *
 * @since 0.1.0
 */
public final class FlagInfo {
  private final String key;
  private final String description;
  private final String owner;
  private final List<String> tags;
  private final Map<String, Object> metadata;
  private final boolean enabled;
  private final List<String> variants;
  private final String offVariant;
  private final boolean killed;
  private final @Nullable Guardrail guardrail;

  private FlagInfo(
      String key,
      String description,
      String owner,
      List<String> tags,
      Map<String, Object> metadata,
      boolean enabled,
      List<String> variants,
      String offVariant,
      boolean killed,
      @Nullable Guardrail guardrail) {
    this.key = key;
    this.description = description;
    this.owner = owner;
    this.tags = List.copyOf(tags);
    this.metadata = metadata;
    this.enabled = enabled;
    this.variants = List.copyOf(variants);
    this.offVariant = offVariant;
    this.killed = killed;
    this.guardrail = guardrail;
  }

  static FlagInfo of(
      String key,
      String description,
      String owner,
      List<String> tags,
      Map<String, Object> metadata,
      boolean enabled,
      List<String> variants,
      String offVariant,
      boolean killed,
      @Nullable Guardrail guardrail) {
    return new FlagInfo(
        Objects.requireNonNull(key),
        description,
        owner,
        tags,
        metadata,
        enabled,
        variants,
        offVariant,
        killed,
        guardrail);
  }

  /**
   * Returns the flag key.
   *
   * @return the flag key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the document's description, empty if none.
   *
   * @return the document's description, empty if none
   */
  public String description() {
    return description;
  }

  /**
   * Returns the document's owner, empty if none.
   *
   * @return the document's owner, empty if none
   */
  public String owner() {
    return owner;
  }

  /**
   * Returns the document's tags.
   *
   * @return the document's tags
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * Returns the flag's {@code metadata} from the document: names to values that are a {@code
   * String}, a {@code Long} (integral numbers), a {@code Double} or a {@code Boolean}, in document
   * order; empty when the document gives none.
   *
   * @return the flag's metadata, unmodifiable
   * @since 0.1.0
   */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * Returns false when the document switches the flag off ({@code "enabled": false}).
   *
   * @return false when the document switches the flag off ({@code "enabled": false})
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Returns the variant names, in declared order.
   *
   * @return the variant names, in declared order
   */
  public List<String> variants() {
    return variants;
  }

  /**
   * Returns the off-variant's name.
   *
   * @return the off-variant's name
   */
  public String offVariant() {
    return offVariant;
  }

  /**
   * Returns whether an operator killed the flag locally (by key or by tag).
   *
   * @return whether an operator killed the flag locally (by key or by tag)
   */
  public boolean killed() {
    return killed;
  }

  /**
   * Returns the guardrail in force for the flag: the one set in code ({@link
   * Flags#setGuardrail}), else the one the document declares.
   *
   * @return the guardrail, or null when the flag has none
   */
  public @Nullable Guardrail guardrail() {
    return guardrail;
  }

  @Override
  public String toString() {
    return "FlagInfo{" + key + (enabled ? "" : ", disabled") + (killed ? ", killed" : "")
        + (guardrail == null ? "" : ", guardrail=[" + guardrail + "]")
        + ", variants=" + variants + ", owner=" + owner + ", tags=" + tags + "}";
  }
}
