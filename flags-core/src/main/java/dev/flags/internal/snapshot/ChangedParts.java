package dev.flags.internal.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which parts of a flag (its document fields, {@link FlagDocument#FLAG_FIELDS}) differ between
 * two validated versions of it: what a diff between snapshots names. Parts are compared as
 * validated, so a change of form alone (white space, field order, a number written {@code 1.0}
 * for {@code 1}, a default written out) is no change. Variant references (the off-variant, what
 * targets, rules and the fallthrough serve) are compared by the variant's name, so reordering the
 * variants changes {@code variants} alone. Pure: no threads, no I/O.
 */
final class ChangedParts {
  private ChangedParts() {}

  /**
   * The parts that differ, in the order of {@link FlagDocument#FLAG_FIELDS}.
   *
   * @param a the flag before
   * @param b the flag after
   * @return the parts' names; empty when the two are the same
   */
  // By reference first on purpose: unchanged flags are shared, and the parts decide the rest.
  @SuppressWarnings("ReferenceEquality")
  static List<String> between(FlagDocument.Flag a, FlagDocument.Flag b) {
    if (a == b) {
      return List.of(); // a reload's unchanged flags are the same object (see EqualParts)
    }
    List<String> parts = null; // made for a flag that changed
    parts = add(parts, "description", a.description().equals(b.description()));
    parts = add(parts, "owner", a.owner().equals(b.owner()));
    parts = add(parts, "tags", PartEquality.sameStrings(a.tags(), b.tags()));
    parts = add(parts, "metadata", PartEquality.sameMetadata(a.metadata(), b.metadata()));
    parts = add(parts, "enabled", a.enabled() == b.enabled());
    parts = add(
        parts,
        "variants",
        a.type() == b.type() && PartEquality.sameVariants(a.variants(), b.variants()));
    parts = add(parts, "offVariant", sameRef(a, a.offVariant(), b, b.offVariant()));
    parts = add(parts, "fallthrough", sameServe(a, a.fallthrough(), b, b.fallthrough()));
    parts = add(parts, "salt", a.salt().equals(b.salt()));
    parts = add(parts, "prerequisites", a.prerequisites().equals(b.prerequisites()));
    parts = add(parts, "targets", sameTargets(a, b));
    parts = add(parts, "rules", sameRules(a, b));
    parts = add(parts, "schedule", a.schedule().equals(b.schedule()));
    parts = add(parts, "guardrail", Objects.equals(a.guardrail(), b.guardrail()));
    return parts == null ? List.of() : parts;
  }

  private static @Nullable List<String> add(
      @Nullable List<String> parts, String part, boolean same) {
    if (same) {
      return parts;
    }
    List<String> out = parts != null ? parts : new ArrayList<>(4);
    out.add(part);
    return out;
  }

  /** Whether variant {@code i} of {@code a} and {@code j} of {@code b} have one name (or none). */
  private static boolean sameRef(FlagDocument.Flag a, int i, FlagDocument.Flag b, int j) {
    if (i < 0 || j < 0) {
      return i == j;
    }
    return a.variants().get(i).name().equals(b.variants().get(j).name());
  }

  private static boolean sameRefs(
      FlagDocument.Flag a, List<Integer> x, FlagDocument.Flag b, List<Integer> y) {
    return PartEquality.each(x, y, (i, j) -> sameRef(a, i, b, j));
  }

  private static boolean sameServe(
      FlagDocument.Flag a,
      FlagDocument.@Nullable Serve x,
      FlagDocument.Flag b,
      FlagDocument.@Nullable Serve y) {
    if (x == null || y == null) {
      return x == null && y == null;
    }
    FlagDocument.Rollout r = x.rollout();
    FlagDocument.Rollout s = y.rollout();
    if (r == null || s == null) {
      return r == null && s == null && sameRef(a, x.variant(), b, y.variant());
    }
    return Objects.equals(r.bucketBy(), s.bucketBy())
        && Objects.equals(r.salt(), s.salt())
        && sameRefs(a, r.variants(), b, s.variants())
        && r.weights().equals(s.weights())
        && r.steps().equals(s.steps());
  }

  private static boolean sameTargets(FlagDocument.Flag a, FlagDocument.Flag b) {
    return PartEquality.each(
        a.targets(),
        b.targets(),
        (t, u) -> sameRef(a, t.variant(), b, u.variant()) && t.keys().equals(u.keys()));
  }

  private static boolean sameRules(FlagDocument.Flag a, FlagDocument.Flag b) {
    return PartEquality.each(
        a.rules(),
        b.rules(),
        (r, s) -> r.id().equals(s.id())
            && PartEquality.each(r.conditions(), s.conditions(), PartEquality::sameCondition)
            && sameServe(a, r.serve(), b, s.serve())
            && r.schedule().equals(s.schedule()));
  }
}
