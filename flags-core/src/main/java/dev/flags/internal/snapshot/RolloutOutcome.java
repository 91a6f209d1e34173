package dev.flags.internal.snapshot;

import dev.flags.Context;
import dev.flags.Evaluation;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A sticky percentage rollout: the context's bucket (see {@link Bucketing}) picks one of the
 * precomputed results by the weights that apply at compile time.
 */
final class RolloutOutcome extends Outcome {
  /** The bucketing attribute; null means the context key. */
  private final @Nullable String bucketBy;

  /** {@link Bucketing#hash} of the empty key. */
  private static final long EMPTY_KEY_HASH = Bucketing.hash("");

  /** {@link Bucketing#hash} of the rollout's salt. */
  private final long saltHash;
  /** Exclusive upper bucket of each variant's range, ascending; the last is 100000. */
  private final int[] upper;

  private final Evaluation[] results;

  RolloutOutcome(
      @Nullable String bucketBy, String salt, List<Integer> weights, Evaluation[] results) {
    this.bucketBy = bucketBy;
    this.saltHash = Bucketing.hash(salt);
    this.upper = new int[weights.size()];
    int sum = 0;
    for (int i = 0; i < upper.length; i++) {
      sum += weights.get(i);
      upper[i] = sum;
    }
    this.results = results;
  }

  @Override
  @Nullable
  Evaluation resolve(Context context) {
    long keyHash;
    if (bucketBy == null) {
      keyHash = context.keyHash(); // hashed once per context, whatever the number of rollouts
      // Only a key with the empty key's hash can be empty: the common case reads no string.
      if (keyHash == EMPTY_KEY_HASH && context.key().isEmpty()) {
        return null;
      }
    } else {
      String bucketKey = attributeKey(context, bucketBy);
      if (bucketKey == null) {
        return null;
      }
      keyHash = Bucketing.hash(bucketKey);
    }
    int bucket = Bucketing.bucket(keyHash, saltHash);
    int[] u = upper;
    for (int i = 0; i < u.length; i++) {
      if (bucket < u[i]) {
        return results[i];
      }
    }
    return results[results.length - 1]; // unreachable: the last bound is 100000
  }

  @Override
  @Nullable
  Evaluation fixedResult() {
    return null;
  }

  @Override
  int resolvedState() {
    return Arrays.hashCode(upper);
  }

  /** The text a {@code bucketBy} attribute buckets by, or null when it cannot bucket. */
  private static @Nullable String attributeKey(Context context, String bucketBy) {
    Object v = context.get(bucketBy);
    if (v instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (v instanceof Double d) {
      double x = d;
      if (x == Math.rint(x) && Math.abs(x) < 0x1p53) {
        return Long.toString((long) x); // integral ids bucket by their decimal text
      }
    }
    return null;
  }
}
