package dev.flags.internal.snapshot;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
  private static final int[] NO_INTS = {};
  private static final Object[] NO_ELEMENTS = {};

  private final Map<Key, int[]> arrays = new HashMap<>();
  private final Map<List<?>, List<?>> lists = new HashMap<>();
  /** Attribute lists, apart from {@link #lists}: see {@link #shareAttributes}. */
  private final Map<List<String>, List<String>> attributeLists = new HashMap<>();

  private final Map<ResultKey, Evaluation> results = new HashMap<>();
  private final Map<Evaluation, FixedOutcome> fixed = new HashMap<>();
  private final Map<ArrayKey, Object[]> elementArrays = new HashMap<>();
  private final Map<SharedConditions.Key, Conditions.Condition> conditions = new HashMap<>();
  private final Map<RuleKey, CompiledFlag.Rule> rules = new HashMap<>();

  // Probes, set to what is looked up: most arrays and results of a compile were seen before, and
  // a key is made only for one that was not. A probe is never put in a map.
  private final Key arrayProbe = new Key();
  private final ArrayKey elementsProbe = new ArrayKey();
  private final ResultKey probe = new ResultKey();

  /**
   * The shared array equal to {@code a}: the first one seen.
   *
   * @param a an array that nobody writes afterwards
   * @return {@code a} or an equal array seen before
   */
  int[] share(int[] a) {
    int[] found = arrays.get(arrayProbe.set(a));
    if (found != null) {
      return found;
    }
    arrays.put(new Key().set(a), a);
    return a;
  }

  /**
   * The shared array equal to the first {@code length} elements of {@code scratch}: one seen
   * before, or else a copy of them, shared from then on. The table never keeps the scratch array,
   * so a caller may fill it again for the next.
   *
   * @param scratch an array holding the elements first
   * @param length how many elements
   * @return an array of {@code length} elements that nobody writes
   */
  int[] share(int[] scratch, int length) {
    int[] found = arrays.get(arrayProbe.set(scratch, length));
    if (found != null) {
      return found;
    }
    int[] a = Arrays.copyOf(scratch, length);
    arrays.put(new Key().set(a), a);
    return a;
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
   * The shared result that serves {@code v}, as {@link CompiledFlag#served} would build it: looked
   * up by its parts first, so that a result seen before (most are, in a document of many flags of
   * one shape) is not built again only to be dropped.
   *
   * @param v the variant served
   * @param reason why
   * @param ruleId the rule's id for a rule match, else null
   * @param prerequisite the failed prerequisite, else null
   * @param version the document version
   * @param traits how the result is reached
   * @param attributes the attributes the flag reads
   * @param shareable whether the flag's results may be shared (it has no document metadata)
   * @return the result
   */
  Evaluation served(
      Variant v,
      Reason reason,
      @Nullable String ruleId,
      @Nullable String prerequisite,
      String version,
      Set<Evaluation.Trait> traits,
      List<String> attributes,
      boolean shareable) {
    if (!shareable) {
      return CompiledFlag.served(v, reason, ruleId, prerequisite, version, traits, attributes);
    }
    Evaluation found = results.get(probe.set(
        v.value(),
        v.json(),
        v.name(),
        reason,
        ruleId,
        prerequisite,
        null,
        version,
        traits.contains(Evaluation.Trait.ROLLOUT),
        traits.contains(Evaluation.Trait.STATIC),
        traits.contains(Evaluation.Trait.KEY_ONLY),
        CompiledFlag.attributesKept(traits, attributes)));
    return found != null
        ? found
        : share(
            CompiledFlag.served(v, reason, ruleId, prerequisite, version, traits, attributes),
            true);
  }

  /**
   * The shared result of an evaluation that found no variant ({@link Evaluation#noVariant(String,
   * List)}), looked up by its parts first, as {@link #served} does.
   *
   * @param version the document version
   * @param attributes the attributes the flag reads
   * @param shareable whether the flag's results may be shared (it has no document metadata)
   * @return the result
   */
  Evaluation noVariant(String version, List<String> attributes, boolean shareable) {
    if (!shareable) {
      return Evaluation.noVariant(version, attributes);
    }
    Evaluation found = results.get(probe.set(
        null,
        null,
        null,
        Reason.DEFAULT,
        null,
        null,
        null,
        version,
        false,
        false,
        false,
        attributes));
    return found != null ? found : share(Evaluation.noVariant(version, attributes), true);
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
   * The shared list of attribute names equal to {@code scratch}: one seen before, or else an
   * unmodifiable copy of it, shared from then on. Its own table: the names are interned, and an
   * equal list of other strings (a flag's tags) must not stand in for them. The table never keeps
   * {@code scratch}, so a caller may fill it again.
   *
   * @param scratch interned attribute names
   * @return an unmodifiable list equal to {@code scratch}
   */
  List<String> shareAttributes(List<String> scratch) {
    List<String> found = attributeLists.get(scratch);
    if (found != null) {
      return found;
    }
    List<String> copy = List.copyOf(scratch);
    attributeLists.put(copy, copy);
    return copy;
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
    Object[] found = elementArrays.get(elementsProbe.set(a));
    if (found != null) {
      return (T[]) found;
    }
    elementArrays.put(new ArrayKey().set(a), a);
    return a;
  }

  /**
   * The compiled condition for {@code key}, if one was kept.
   *
   * @param key what makes conditions the same
   * @return the shared compiled condition, or null: compile it and {@link #keep} it
   */
  Conditions.@Nullable Condition condition(SharedConditions.Key key) {
    return conditions.get(key);
  }

  /**
   * Keeps the condition compiled for {@code key}, which {@link #condition} did not find (a lookup
   * and a put: a lambda for {@code computeIfAbsent} would capture the condition, an object per
   * condition compiled).
   *
   * @param key what makes conditions the same
   * @param compiled the condition compiled for it
   * @return {@code compiled}
   */
  Conditions.Condition keep(SharedConditions.Key key, Conditions.Condition compiled) {
    conditions.put(key, compiled);
    return compiled;
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
    private Object[] array = NO_ELEMENTS;
    private int hash;

    ArrayKey set(Object[] array) {
      this.array = array;
      this.hash = 31 * array.getClass().hashCode() + Arrays.hashCode(array);
      return this;
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

  /**
   * Everything a caller can read from a result, compared by value: a built result's, or the
   * parts of one not built yet ({@link #probe}). A key in the map is never changed.
   */
  private static final class ResultKey {
    private @Nullable Object value;
    private @Nullable String valueJson;
    private @Nullable String variant;
    private Reason reason = Reason.DEFAULT;
    private @Nullable String ruleId;
    private @Nullable String prerequisiteKey;
    private @Nullable ErrorCode errorCode;
    private String version = "";
    private boolean rollout;
    private boolean isStatic;
    private boolean keyOnly;
    private List<String> attributes = List.of();
    private int hash;

    /** A probe, set before each lookup. */
    ResultKey() {}

    /** The key of a built result. */
    ResultKey(Evaluation e) {
      set(
          e.value(),
          e.valueAsJson(),
          e.variant(),
          e.reason(),
          e.ruleId(),
          e.prerequisiteKey(),
          e.errorCode(),
          e.version(),
          e.has(Evaluation.Trait.ROLLOUT),
          e.has(Evaluation.Trait.STATIC),
          e.has(Evaluation.Trait.KEY_ONLY),
          e.attributes());
    }

    ResultKey set(
        @Nullable Object value,
        @Nullable String valueJson,
        @Nullable String variant,
        Reason reason,
        @Nullable String ruleId,
        @Nullable String prerequisiteKey,
        @Nullable ErrorCode errorCode,
        String version,
        boolean rollout,
        boolean isStatic,
        boolean keyOnly,
        List<String> attributes) {
      this.value = value;
      this.valueJson = valueJson;
      this.variant = variant;
      this.reason = reason;
      this.ruleId = ruleId;
      this.prerequisiteKey = prerequisiteKey;
      this.errorCode = errorCode;
      this.version = version;
      this.rollout = rollout;
      this.isStatic = isStatic;
      this.keyOnly = keyOnly;
      this.attributes = attributes;
      int h = Objects.hashCode(value);
      h = 31 * h + Objects.hashCode(variant);
      h = 31 * h + reason.hashCode();
      h = 31 * h + Objects.hashCode(ruleId);
      this.hash = 31 * h + version.hashCode();
      return this;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof ResultKey k)) {
        return false;
      }
      return Objects.equals(value, k.value)
          && Objects.equals(valueJson, k.valueJson)
          && Objects.equals(variant, k.variant)
          && reason == k.reason
          && Objects.equals(ruleId, k.ruleId)
          && Objects.equals(prerequisiteKey, k.prerequisiteKey)
          && errorCode == k.errorCode
          && version.equals(k.version)
          && rollout == k.rollout
          && isStatic == k.isStatic
          && keyOnly == k.keyOnly
          && sameAttributes(attributes, k.attributes);
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
  }

  /** An array compared by its contents. */
  private static final class Key {
    private int[] a = NO_INTS;
    private int length;
    private int hash;

    Key set(int[] a) {
      return set(a, a.length);
    }

    /** The first {@code length} elements of {@code a} (a probe's; a kept key's are all of it). */
    Key set(int[] a, int length) {
      this.a = a;
      this.length = length;
      int h = 1; // as Arrays.hashCode, over the range
      for (int i = 0; i < length; i++) {
        h = 31 * h + a[i];
      }
      this.hash = h;
      return this;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && Arrays.equals(a, 0, length, k.a, 0, k.length);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
