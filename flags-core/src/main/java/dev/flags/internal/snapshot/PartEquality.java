package dev.flags.internal.runtime;

import dev.flags.internal.snapshot.FlagDocument;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether two validated flags or segments are the same: equal as their records' {@code equals}
 * would say, and with their metadata in the same order (what is served lists it in document
 * order, and a map's {@code equals} ignores order). Without allocating: a record's {@code equals}
 * compares its lists with theirs, and a JDK list's {@code equals} makes an iterator, about twenty
 * per flag, so that comparing every flag of a 10,000-flag document on each reload allocated 4.6 MB.
 * Here lists are walked by index, and records that hold only strings and numbers use their own
 * {@code equals}. Every component of every record is compared; {@code PartEqualityTest} lists
 * them, and fails when a record gains one until it is added there (and compared here). Pure: no
 * threads, no I/O.
 */
final class PartEquality {
  private PartEquality() {}

  static boolean same(FlagDocument.Flag a, FlagDocument.Flag b) {
    return a.enabled() == b.enabled()
        && a.offVariant() == b.offVariant()
        && a.type() == b.type()
        && a.key().equals(b.key())
        && a.description().equals(b.description())
        && a.owner().equals(b.owner())
        && a.salt().equals(b.salt())
        && leaves(a.tags(), b.tags())
        && metadata(a.metadata(), b.metadata())
        && each(a.variants(), b.variants(), PartEquality::variant)
        && leaves(a.prerequisites(), b.prerequisites())
        && each(a.targets(), b.targets(), PartEquality::target)
        && each(a.rules(), b.rules(), PartEquality::rule)
        && serve(a.fallthrough(), b.fallthrough())
        && leaves(a.schedule(), b.schedule())
        && Objects.equals(a.guardrail(), b.guardrail());
  }

  static boolean same(FlagDocument.Segment a, FlagDocument.Segment b) {
    return a.key().equals(b.key())
        && a.description().equals(b.description())
        && leaves(a.included(), b.included())
        && leaves(a.excluded(), b.excluded())
        && each(a.rules(), b.rules(), PartEquality::rule);
  }

  /** Lists of values whose own {@code equals} allocates nothing (strings, numbers, leaf records). */
  private static boolean leaves(List<?> a, List<?> b) {
    int n = a.size();
    if (n != b.size()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Equal entries in the same order. Most flags have none, which costs no iterator. */
  private static boolean metadata(Map<String, Object> a, Map<String, Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    if (a.isEmpty()) {
      return true;
    }
    Iterator<Map.Entry<String, Object>> x = a.entrySet().iterator();
    Iterator<Map.Entry<String, Object>> y = b.entrySet().iterator();
    while (x.hasNext()) {
      Map.Entry<String, Object> e = x.next();
      Map.Entry<String, Object> f = y.next();
      if (!e.getKey().equals(f.getKey()) || !e.getValue().equals(f.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Lists of records compared element by element with {@code same}. */
  private static <T> boolean each(List<T> a, List<T> b, BiPredicate<T, T> same) {
    int n = a.size();
    if (n != b.size()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!same.test(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean variant(FlagDocument.Variant x, FlagDocument.Variant y) {
    Object v = x.value();
    // The JSON text is made from the value, one text for one value (JsonValues: integral numbers
    // are Longs, other numbers print in their shortest form, objects keep their order), so an
    // object or array value is compared by its text alone.
    return x.name().equals(y.name())
        && x.json().equals(y.json())
        && (v instanceof Map || v instanceof List || v.equals(y.value()));
  }

  private static boolean target(FlagDocument.Target x, FlagDocument.Target y) {
    return x.variant() == y.variant() && leaves(x.keys(), y.keys());
  }

  private static boolean rule(FlagDocument.Rule x, FlagDocument.Rule y) {
    return x.id().equals(y.id())
        && each(x.conditions(), y.conditions(), PartEquality::condition)
        && serveOrNull(x.serve(), y.serve())
        && leaves(x.schedule(), y.schedule());
  }

  private static boolean condition(FlagDocument.Condition x, FlagDocument.Condition y) {
    // Values are strings, numbers, booleans, times, segment keys, RE2/J patterns and semantic
    // versions: each equal by its own allocation-free equals.
    return x.op() == y.op()
        && x.negate() == y.negate()
        && x.ignoreCase() == y.ignoreCase()
        && Objects.equals(x.attribute(), y.attribute())
        && leaves(x.values(), y.values());
  }

  private static boolean serveOrNull(
      FlagDocument.@Nullable Serve a, FlagDocument.@Nullable Serve b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return serve(a, b);
  }

  private static boolean serve(FlagDocument.Serve a, FlagDocument.Serve b) {
    FlagDocument.Rollout x = a.rollout();
    FlagDocument.Rollout y = b.rollout();
    if (a.variant() != b.variant()) {
      return false;
    }
    if (x == null || y == null) {
      return x == null && y == null;
    }
    return Objects.equals(x.bucketBy(), y.bucketBy())
        && Objects.equals(x.salt(), y.salt())
        && leaves(x.variants(), y.variants())
        && leaves(x.weights(), y.weights())
        && each(x.steps(), y.steps(), PartEquality::step);
  }

  private static boolean step(FlagDocument.Step x, FlagDocument.Step y) {
    return x.at() == y.at() && leaves(x.weights(), y.weights());
  }
}
