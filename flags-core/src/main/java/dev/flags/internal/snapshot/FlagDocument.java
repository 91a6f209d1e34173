package dev.flags.internal.snapshot;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A validated flag document: what the document side's {@code DocumentValidator} produces and {@link SnapshotCompiler}
 * consumes. Variant references are already resolved to indexes and rule values are already parsed
 * (regexes compiled, semvers and times parsed).
 */
public record FlagDocument(
    int schema, String version, Map<String, Flag> flags, Map<String, Segment> segments) {

  /** The only schema this version reads. */
  public static final int SCHEMA = 1;

  /** A flag's fields in the document, in the order of the format's reference. */
  public static final List<String> FLAG_FIELDS = List.of(
      "description",
      "owner",
      "tags",
      "metadata",
      "enabled",
      "variants",
      "offVariant",
      "fallthrough",
      "salt",
      "prerequisites",
      "targets",
      "rules",
      "schedule",
      "guardrail");

  /**
   * A list of context keys as a document holds it: a target's keys, a segment's included or
   * excluded keys. The list returned is also the set the compiled snapshot looks keys up in, so
   * that a client, which keeps the document in its history besides the snapshot, holds each list
   * once. It equals {@code keys} (same strings, same order, duplicates kept) and is unmodifiable.
   *
   * @param keys the keys as read, in document order
   * @return an unmodifiable list equal to {@code keys}
   */
  public static List<String> keys(List<String> keys) {
    return KeyList.of(keys);
  }

  /** The kind of value all variants of one flag share. */
  public enum ValueType {
    BOOLEAN,
    STRING,
    NUMBER,
    JSON
  }

  /** A flag. {@code offVariant} and variant references are indexes into {@code variants}. */
  public record Flag(
      String key,
      String description,
      String owner,
      List<String> tags,
      Map<String, Object> metadata,
      boolean enabled,
      ValueType type,
      List<Variant> variants,
      int offVariant,
      String salt,
      List<Prerequisite> prerequisites,
      List<Target> targets,
      List<Rule> rules,
      Serve fallthrough,
      List<Window> schedule,
      dev.flags.@Nullable Guardrail guardrail) {}

  /**
   * A time window, epoch millis: active when {@code from <= now < until}. Open ends are
   * {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}.
   */
  public record Window(long from, long until) {
    boolean contains(long now) {
      return from <= now && now < until;
    }
  }

  /** A rollout step: from {@code at} (epoch millis) on, these weights apply. */
  public record Step(long at, List<Integer> weights) {
    public Step {
      weights = List.copyOf(weights);
    }
  }

  /** A named value: {@code value} is Boolean, String, Long, Double or an unmodifiable Map/List. */
  public record Variant(String name, Object value, String json) {}

  /** Serve this flag only if {@code flag} evaluates to {@code variant}. */
  public record Prerequisite(String flag, String variant) {}

  /** Context keys that get a variant. */
  public record Target(int variant, List<String> keys) {}

  /** Conditions ANDed together; {@code serve} is null for segment rules. */
  public record Rule(
      String id, List<Condition> conditions, @Nullable Serve serve, List<Window> schedule) {}

  /** A fixed variant ({@code rollout} null) or a percentage rollout ({@code variant} -1). */
  public record Serve(int variant, @Nullable Rollout rollout) {}

  /**
   * Weighted variants. {@code bucketBy} null means the context key; {@code salt} null means the
   * flag's salt. Weights are in thousandths of a percent and sum to 100000. {@code steps}, in
   * ascending time order, replace the weights from their time on (a progressive rollout).
   */
  public record Rollout(
      @Nullable String bucketBy,
      @Nullable String salt,
      List<Integer> variants,
      List<Integer> weights,
      List<Step> steps) {
    public Rollout {
      variants = List.copyOf(variants);
      weights = List.copyOf(weights);
      steps = List.copyOf(steps);
    }
  }

  /**
   * One condition. {@code values} holds parsed values: String, Double or Boolean for scalar
   * operators, {@link com.google.re2j.Pattern} for matches, {@link SemVer} for semver operators,
   * Long epoch millis for times, segment keys for segment operators.
   */
  public record Condition(
      @Nullable String attribute,
      Operator op,
      List<Object> values,
      boolean negate,
      boolean ignoreCase) {}

  /** A reusable group: included keys, then excluded keys, then rules. */
  public record Segment(
      String key,
      String description,
      List<String> included,
      List<String> excluded,
      List<Rule> rules) {}
}
