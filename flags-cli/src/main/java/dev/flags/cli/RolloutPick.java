package dev.flags.cli;

import dev.flags.Context;
import dev.flags.internal.snapshot.Bucketing;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import dev.flags.internal.snapshot.FlagDocument.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a context falls in one percentage rollout, by the bucketing contract ({@code
 * docs/bucketing.md}): the bucketing key (the context key, or the value of the rollout's {@code
 * bucketBy} attribute), the salt, both hashes, the bucket, the variant ranges that apply at the
 * instant and the one that holds the bucket.
 *
 * @param bucketBy the rollout's bucketing attribute, or null for the context key
 * @param bucketKey the text hashed, or null when the context cannot be bucketed
 * @param salt the salt used
 * @param saltSource where the salt comes from: {@code rollout}, {@code flag} or {@code flag key}
 * @param keyHash the hash of {@code bucketKey} (0 when there is none)
 * @param saltHash the hash of the salt
 * @param bucket the bucket, 0 to 99999, or -1 when the context cannot be bucketed
 * @param ranges each variant's range of buckets, in declared order
 * @param variant the variant whose range holds the bucket, or null
 * @param cannotBucket why the context cannot be bucketed, or null
 * @param stepAt the start of the progressive rollout step whose weights apply, or null when the
 *     rollout's own weights apply
 */
record RolloutPick(
    @Nullable String bucketBy,
    @Nullable String bucketKey,
    String salt,
    String saltSource,
    long keyHash,
    long saltHash,
    int bucket,
    List<Range> ranges,
    @Nullable String variant,
    @Nullable String cannotBucket,
    @Nullable Instant stepAt) {

  /**
   * A variant's buckets: {@code from} inclusive, {@code to} exclusive.
   *
   * @param variant the variant name
   * @param from the first bucket
   * @param to one past the last bucket
   */
  record Range(String variant, int from, int to) {
    /** The range's share, e.g. {@code 12.5%}. */
    String percent() {
      return RolloutPick.percent(to - from);
    }
  }

  /** Where {@code context} falls in {@code rollout}, a rollout of {@code flag}, at {@code at}. */
  static RolloutPick of(Flag flag, Rollout rollout, Context context, Instant at) {
    List<Integer> weights = rollout.weights();
    Instant stepAt = null;
    for (Step step : rollout.steps()) { // the last step that has started applies
      if (step.at() <= at.toEpochMilli()) {
        weights = step.weights();
        stepAt = Instant.ofEpochMilli(step.at());
      }
    }
    List<Range> ranges = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < weights.size(); i++) {
      String name = flag.variants().get(rollout.variants().get(i)).name();
      ranges.add(new Range(name, start, start + weights.get(i)));
      start += weights.get(i);
    }
    String salt = rollout.salt() != null ? rollout.salt() : flag.salt();
    String saltSource =
        rollout.salt() != null ? "rollout" : flag.salt().equals(flag.key()) ? "flag key" : "flag";
    long saltHash = Bucketing.hash(salt);
    String bucketBy = rollout.bucketBy();
    String cannot = null;
    String bucketKey = null;
    if (bucketBy == null) {
      if (context.key().isEmpty()) {
        cannot = "the context has no key (anonymous)";
      } else {
        bucketKey = context.key();
      }
    } else {
      Object v = context.get(bucketBy);
      if (v instanceof String s && !s.isEmpty()) {
        bucketKey = s;
      } else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        bucketKey = Long.toString((long) d.doubleValue()); // integral ids bucket by their text
      } else if (v == null) {
        cannot = "the context has no " + bucketBy + " attribute";
      } else {
        cannot = AttributeText.describe(bucketBy, v)
            + ", which cannot bucket (a non-empty string or an integral number can)";
      }
    }
    if (bucketKey == null) {
      return new RolloutPick(
          bucketBy, null, salt, saltSource, 0, saltHash, -1, ranges, null, cannot, stepAt);
    }
    long keyHash = Bucketing.hash(bucketKey);
    int bucket = Bucketing.bucket(keyHash, saltHash);
    String variant = null;
    for (Range r : ranges) {
      if (bucket >= r.from() && bucket < r.to()) {
        variant = r.variant();
        break;
      }
    }
    return new RolloutPick(
        bucketBy,
        bucketKey,
        salt,
        saltSource,
        keyHash,
        saltHash,
        bucket,
        ranges,
        variant,
        null,
        stepAt);
  }

  /** A weight in thousandths of a percent as a percentage: {@code 50%}, {@code 0.001%}. */
  static String percent(int weight) {
    return new java.math.BigDecimal(weight)
            .movePointLeft(3)
            .stripTrailingZeros()
            .toPlainString() + "%";
  }

  /** A hash as 16 lowercase hex digits, as in {@code docs/bucketing-vectors.tsv}. */
  static String hex(long hash) {
    return String.format(Locale.ROOT, "%016x", hash);
  }

  /** How the bucketing key was chosen: {@code the context key "u-1"} or {@code orgId "acme"}. */
  String keyText() {
    String what = bucketBy == null ? "the context key" : bucketBy;
    return bucketKey == null ? what : what + " " + Render.quote(bucketKey);
  }

  /** Where the salt comes from, for text output. */
  String saltText() {
    String where = switch (saltSource) {
      case "rollout" -> "set on the rollout";
      case "flag" -> "the flag's salt";
      default -> "the flag key: no salt is set";
    };
    return Render.quote(salt) + " (" + where + ")";
  }
}
