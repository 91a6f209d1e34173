package dev.flags.internal.snapshot;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether two validated flags, segments or parts of them are the same, and a hash of a part that
 * agrees with it. Same means equal as their records' {@code equals} would say, and with their
 * metadata in the same order (what is served lists it in document order, and a map's {@code
 * equals} ignores order). Without allocating: a record's {@code equals} compares its lists with
 * theirs, and a JDK list's {@code equals} makes an iterator, about twenty per flag, so that
 * comparing every flag of a 10,000-flag document on each reload allocated 4.6 MB. Here lists are
 * walked by index, and records that hold only strings and numbers use their own {@code equals}. Every component of every record is compared; {@code PartEqualityTest} lists
 * them, and fails when a record gains one until it is added there (and compared here). Pure: no
 * threads, no I/O.
 *
 * <p>Used to take, in a new document, the flags and segments of the one before that did not
 * change ({@code EqualParts}), and, while a document is read, to hold each part that its flags
 * repeat once (variants, conditions, rules, what is served; {@code PartTable}). A hash that
 * differs for parts that are the same would only cost a part shared, never share unequal ones.
 */
public final class PartEquality {
  private PartEquality() {}

  /**
   * Whether two flags are the same.
   *
   * @param a a flag
   * @param b another
   * @return true if every component is equal, metadata in order
   */
  public static boolean same(FlagDocument.Flag a, FlagDocument.Flag b) {
    return a.enabled() == b.enabled()
        && a.offVariant() == b.offVariant()
        && a.type() == b.type()
        && a.key().equals(b.key())
        && a.description().equals(b.description())
        && a.owner().equals(b.owner())
        && a.salt().equals(b.salt())
        && leaves(a.tags(), b.tags())
        && sameMetadata(a.metadata(), b.metadata())
        && each(a.variants(), b.variants(), PartEquality::variant)
        && leaves(a.prerequisites(), b.prerequisites())
        && each(a.targets(), b.targets(), PartEquality::target)
        && each(a.rules(), b.rules(), PartEquality::sameRule)
        && sameServe(a.fallthrough(), b.fallthrough())
        && leaves(a.schedule(), b.schedule())
        && Objects.equals(a.guardrail(), b.guardrail());
  }

  /**
   * Whether two segments are the same.
   *
   * @param a a segment
   * @param b another
   * @return true if every component is equal
   */
  public static boolean same(FlagDocument.Segment a, FlagDocument.Segment b) {
    return a.key().equals(b.key())
        && a.description().equals(b.description())
        && leaves(a.included(), b.included())
        && leaves(a.excluded(), b.excluded())
        && each(a.rules(), b.rules(), PartEquality::sameRule);
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
  static boolean sameMetadata(Map<String, Object> a, Map<String, Object> b) {
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

  /** Lists of records compared element by element with {@code same}; also {@link ChangedParts}'. */
  static <T> boolean each(List<T> a, List<T> b, BiPredicate<T, T> same) {
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

  /**
   * Whether two lists of variants are the same.
   *
   * @param a a flag's variants
   * @param b another's
   * @return true if equal in order
   */
  public static boolean sameVariants(List<FlagDocument.Variant> a, List<FlagDocument.Variant> b) {
    return each(a, b, PartEquality::variant);
  }

  /**
   * A hash of a list of variants that agrees with {@link #sameVariants}.
   *
   * @param variants a flag's variants
   * @return the hash
   */
  public static int hashVariants(List<FlagDocument.Variant> variants) {
    int h = 1;
    for (int i = 0; i < variants.size(); i++) {
      FlagDocument.Variant v = variants.get(i);
      h = 31 * (31 * h + v.name().hashCode()) + v.json().hashCode();
    }
    return h;
  }

  /**
   * Whether two lists of strings (a flag's tags) are the same.
   *
   * @param a a list
   * @param b another
   * @return true if equal in order
   */
  public static boolean sameStrings(List<String> a, List<String> b) {
    return leaves(a, b);
  }

  /**
   * A hash of a list of strings that agrees with {@link #sameStrings}.
   *
   * @param strings a list
   * @return the hash
   */
  public static int hashStrings(List<String> strings) {
    return leavesHash(strings);
  }

  private static int leavesHash(List<?> values) {
    int h = 1;
    for (int i = 0; i < values.size(); i++) {
      h = 31 * h + values.get(i).hashCode();
    }
    return h;
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

  /**
   * Whether two rules are the same.
   *
   * @param x a rule
   * @param y another
   * @return true if every component is equal
   */
  public static boolean sameRule(FlagDocument.Rule x, FlagDocument.Rule y) {
    return x.id().equals(y.id())
        && each(x.conditions(), y.conditions(), PartEquality::sameCondition)
        && serveOrNull(x.serve(), y.serve())
        && leaves(x.schedule(), y.schedule());
  }

  /**
   * A hash of a rule that agrees with {@link #sameRule}.
   *
   * @param rule a rule
   * @return the hash
   */
  public static int hash(FlagDocument.Rule rule) {
    int h = rule.id().hashCode();
    List<FlagDocument.Condition> conditions = rule.conditions();
    for (int i = 0; i < conditions.size(); i++) {
      h = 31 * h + hash(conditions.get(i));
    }
    FlagDocument.Serve serve = rule.serve();
    h = 31 * h + (serve == null ? 0 : hash(serve));
    return 31 * h + leavesHash(rule.schedule());
  }

  /**
   * Whether two conditions are the same.
   *
   * @param x a condition
   * @param y another
   * @return true if every component is equal
   */
  public static boolean sameCondition(FlagDocument.Condition x, FlagDocument.Condition y) {
    // Values are strings, numbers, booleans, times, segment keys, RE2/J patterns and semantic
    // versions: each equal by its own allocation-free equals.
    return x.op() == y.op()
        && x.negate() == y.negate()
        && x.ignoreCase() == y.ignoreCase()
        && Objects.equals(x.attribute(), y.attribute())
        && leaves(x.values(), y.values());
  }

  /**
   * A hash of a condition that agrees with {@link #sameCondition}.
   *
   * @param condition a condition
   * @return the hash
   */
  public static int hash(FlagDocument.Condition condition) {
    // The operator's name, not its identity hash: the same in every run, so which parts share a
    // slot of the reader's table (PartTable) does not change from one JVM to the next.
    int h = condition.op().name().hashCode() * 4
        + (condition.negate() ? 2 : 0)
        + (condition.ignoreCase() ? 1 : 0);
    h = 31 * h + Objects.hashCode(condition.attribute());
    return 31 * h + leavesHash(condition.values());
  }

  private static boolean serveOrNull(
      FlagDocument.@Nullable Serve a, FlagDocument.@Nullable Serve b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return sameServe(a, b);
  }

  /**
   * Whether two ways of serving (a fixed variant or a rollout) are the same.
   *
   * @param a one
   * @param b another
   * @return true if every component is equal
   */
  public static boolean sameServe(FlagDocument.Serve a, FlagDocument.Serve b) {
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

  /**
   * A hash of a way of serving that agrees with {@link #sameServe}.
   *
   * @param serve a fixed variant or a rollout
   * @return the hash
   */
  public static int hash(FlagDocument.Serve serve) {
    FlagDocument.Rollout r = serve.rollout();
    if (r == null) {
      return serve.variant();
    }
    int h = 31 * Objects.hashCode(r.bucketBy()) + Objects.hashCode(r.salt());
    h = 31 * (31 * h + leavesHash(r.variants())) + leavesHash(r.weights());
    List<FlagDocument.Step> steps = r.steps();
    for (int i = 0; i < steps.size(); i++) {
      FlagDocument.Step step = steps.get(i);
      h = 31 * (31 * h + Long.hashCode(step.at())) + leavesHash(step.weights());
    }
    return h;
  }

  private static boolean step(FlagDocument.Step x, FlagDocument.Step y) {
    return x.at() == y.at() && leaves(x.weights(), y.weights());
  }
}
