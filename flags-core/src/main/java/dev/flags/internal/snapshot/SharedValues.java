package dev.flags.internal.snapshot;

import dev.flags.Evaluation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Shares equal values within one compile, so that flags of the same shape hold one instance: the
 * condition numbers of rules ({@code Rule.memo}, {@code Rule.slots}), the lists of attributes
 * flags read, and the precomputed results (with the fixed outcomes that serve them). Ten thousand
 * flags of one shape then hold a handful of these, not tens of thousands. Shared values are never
 * written once compiled. Not thread-safe: one instance per compile.
 *
 * <p>A result names no flag, so two flags that serve the same variant value, variant name, reason
 * and rule id in the same document version can serve the same instance. Results are shared only
 * between flags without document metadata: whoever keeps something per result (the OpenFeature
 * provider keeps the metadata it reports) then keeps what holds for every flag that serves it.
 */
final class SharedValues {
  private final Map<Key, int[]> arrays = new HashMap<>();
  private final Map<List<?>, List<?>> lists = new HashMap<>();
  private final Map<ResultKey, Evaluation> results = new HashMap<>();
  private final Map<Evaluation, FixedOutcome> fixed = new HashMap<>();
  private final Map<ArrayKey, Object[]> elementArrays = new HashMap<>();
  private final Map<SharedConditions.Key, Conditions.Condition> conditions = new HashMap<>();
  private final Map<RuleKey, CompiledFlag.Rule> rules = new HashMap<>();

  /**
   * The shared array equal to {@code a}: the first one seen.
   *
   * @param a an array that nobody writes afterwards
   * @return {@code a} or an equal array seen before
   */
  int[] share(int[] a) {
    Key key = new Key(a);
    int[] found = arrays.putIfAbsent(key, a);
    return found == null ? a : found;
  }

  /**
   * The shared list equal to {@code list}: the first one seen.
   *
   * @param <T> the type of the elements
   * @param list an unmodifiable list of immutable values
   * @return {@code list} or an equal list seen before
   */
  // An equal list holds equal elements, so of the same type (or none: an empty list).
  @SuppressWarnings("unchecked")
  <T> List<T> share(List<T> list) {
    List<?> found = lists.putIfAbsent(list, list);
    return found == null ? list : (List<T>) found;
  }

  /**
   * The shared result equal to {@code e}, for a flag whose results may be shared (see above).
   *
   * @param e a result built for the flag
   * @param shareable whether the flag's results may be shared (it has no document metadata)
   * @return {@code e} or an equal result seen before
   */
  Evaluation share(Evaluation e, boolean shareable) {
    if (!shareable) {
      return e;
    }
    Evaluation found = results.putIfAbsent(new ResultKey(e), e);
    return found == null ? e : found;
  }

  /**
   * An outcome that serves {@code result}: one per result, so flags that share a result share
   * its outcome too.
   *
   * @param result a result returned by {@link #share(Evaluation, boolean)}
   * @return the outcome
   */
  FixedOutcome fixed(Evaluation result) {
    // Keyed by identity (Evaluation does not override equals): only a shared result repeats.
    return fixed.computeIfAbsent(result, FixedOutcome::new);
  }

  /**
   * The shared array holding the same elements as {@code a}, in order, compared by identity:
   * results, compiled conditions and rules, which do not override {@code equals}, come from this
   * instance, so equal parts are the same objects.
   *
   * @param <T> the type of the elements
   * @param a an array that nobody writes afterwards
   * @return {@code a} or an array of the same type with the same elements seen before
   */
  // The key holds the array's class, so the array found is of T[]'s class.
  @SuppressWarnings("unchecked")
  <T> T[] share(T[] a) {
    Object[] found = elementArrays.putIfAbsent(new ArrayKey(a), a);
    return found == null ? a : (T[]) found;
  }

  /**
   * The compiled condition for {@code key}, compiled by {@code compile} the first time.
   *
   * @param key what makes conditions the same
   * @param compile compiles the condition
   * @return the shared compiled condition
   */
  Conditions.Condition condition(
      SharedConditions.Key key, Function<SharedConditions.Key, Conditions.Condition> compile) {
    return conditions.computeIfAbsent(key, compile);
  }

  /**
   * The shared rule made of the same parts as {@code r}.
   *
   * @param r a rule whose parts were shared through this instance
   * @return {@code r} or an equal rule seen before
   */
  CompiledFlag.Rule share(CompiledFlag.Rule r) {
    CompiledFlag.Rule found = rules.putIfAbsent(new RuleKey(r), r);
    return found == null ? r : found;
  }

  /** A rule's parts: its id by value, the shared parts by identity. */
  private static final class RuleKey {
    private final CompiledFlag.Rule rule;

    RuleKey(CompiledFlag.Rule rule) {
      this.rule = rule;
    }

    @Override
    // Identity on purpose: the parts come from this instance, so equal parts are the same.
    @SuppressWarnings("ReferenceEquality")
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof RuleKey k)) {
        return false;
      }
      CompiledFlag.Rule a = rule;
      CompiledFlag.Rule b = k.rule;
      return a.id.equals(b.id)
          && a.conditions == b.conditions
          && a.memo == b.memo
          && a.slots == b.slots
          && a.outcome == b.outcome;
    }

    @Override
    public int hashCode() {
      CompiledFlag.Rule r = rule;
      int h = r.id.hashCode();
      h = 31 * h + System.identityHashCode(r.conditions);
      h = 31 * h + System.identityHashCode(r.memo);
      h = 31 * h + System.identityHashCode(r.slots);
      return 31 * h + System.identityHashCode(r.outcome);
    }
  }

  /**
   * An array's class and its elements (compared by their own {@code equals}), compared in place:
   * a list view of the array would allocate two iterators per comparison.
   */
  private static final class ArrayKey {
    private final Object[] array;
    private final int hash;

    ArrayKey(Object[] array) {
      this.array = array;
      this.hash = 31 * array.getClass().hashCode() + Arrays.hashCode(array);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ArrayKey other
          && other.array.getClass() == array.getClass()
          && Arrays.equals(array, other.array);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** A result compared by everything a caller can read from it. */
  private static final class ResultKey {
    private final Evaluation e;
    private final int hash;

    ResultKey(Evaluation e) {
      this.e = e;
      int h = Objects.hashCode(e.value());
      h = 31 * h + Objects.hashCode(e.variant());
      h = 31 * h + e.reason().hashCode();
      h = 31 * h + Objects.hashCode(e.ruleId());
      this.hash = 31 * h + e.version().hashCode();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof ResultKey key)) {
        return false;
      }
      Evaluation other = key.e;
      return Objects.equals(e.value(), other.value())
          && Objects.equals(e.valueAsJson(), other.valueAsJson())
          && Objects.equals(e.variant(), other.variant())
          && e.reason() == other.reason()
          && Objects.equals(e.ruleId(), other.ruleId())
          && Objects.equals(e.prerequisiteKey(), other.prerequisiteKey())
          && e.errorCode() == other.errorCode()
          && e.version().equals(other.version())
          && sameTraits(e, other)
          && sameAttributes(e.attributes(), other.attributes());
    }

    @Override
    public int hashCode() {
      return hash;
    }

    /** The lists are mostly one shared instance: identity first, no iterator then. */
    // Reference equality first on purpose: equals() follows whenever the references differ.
    @SuppressWarnings("ReferenceEquality")
    private static boolean sameAttributes(List<String> a, List<String> b) {
      return a == b || a.equals(b);
    }

    private static boolean sameTraits(Evaluation a, Evaluation b) {
      for (Evaluation.Trait t : Evaluation.Trait.values()) {
        if (a.has(t) != b.has(t)) {
          return false;
        }
      }
      return true;
    }
  }

  /** An array compared by its contents. */
  private static final class Key {
    private final int[] a;
    private final int hash;

    Key(int[] a) {
      this.a = a;
      this.hash = Arrays.hashCode(a);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && Arrays.equals(a, k.a);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
