package dev.flags.internal.snapshot;

import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The precomputed results of one flag while it is compiled: each is built with the flag's document
 * version and attributes, and shared through the compile's {@link SharedValues} with equal results
 * of other flags, unless the flag has document metadata (see {@link SharedValues}). Not
 * thread-safe; one per flag compilation.
 */
final class FlagResults {
  private final SharedValues values;
  private final String version;
  private final List<String> attributes;
  private final boolean shareable;

  /**
   * The results of a flag.
   *
   * @param values what the compile shares between flags
   * @param version the document version
   * @param attributes the attributes evaluating the flag may read
   * @param shareable whether the flag's results may be shared (it has no document metadata)
   */
  FlagResults(SharedValues values, String version, List<String> attributes, boolean shareable) {
    this.values = values;
    this.version = version;
    this.attributes = attributes;
    this.shareable = shareable;
  }

  /** A result that serves {@code v} (see {@link CompiledFlag#served}). */
  Evaluation served(
      Variant v,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisite,
      Set<Evaluation.Trait> traits) {
    return values.served(v, reason, ruleId, prerequisite, version, traits, attributes, shareable);
  }

  /** The result of an evaluation that found no variant to serve. */
  Evaluation noVariant() {
    return values.noVariant(version, attributes, shareable);
  }

  /** What the compile shares between flags: arrays, lists, outcomes. */
  SharedValues values() {
    return values;
  }
}
