package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Reason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which result a rollout serves for a bucket: the first variant whose range (the weights' running
 * sum, in declared order) is above the bucket, including at the bounds and around empty ranges.
 */
final class RolloutOutcomeTest {
  private static final String SALT = "checkout";

  private static Evaluation[] results(int n) {
    Evaluation[] out = new Evaluation[n];
    for (int i = 0; i < n; i++) {
      out[i] = Evaluation.served(
          "v" + i, "\"v" + i + "\"", "v" + i, Reason.FALLTHROUGH, null, null, "1");
    }
    return out;
  }

  /** A key whose bucket under {@link #SALT} is exactly {@code bucket}. */
  private static String keyIn(int bucket) {
    for (int i = 0; ; i++) {
      String key = "user-" + i;
      if (Bucketing.bucket(SALT, key) == bucket) {
        return key;
      }
    }
  }

  @Test
  void everyKeyGetsTheVariantWhoseRangeHoldsItsBucket() {
    int[] weights = {0, 30_000, 0, 45_000, 25_000, 0};
    Evaluation[] results = results(weights.length);
    RolloutOutcome rollout =
        new RolloutOutcome(null, SALT, Arrays.stream(weights).boxed().toList(), results);
    int[] served = new int[weights.length];
    for (int i = 0; i < 20_000; i++) {
      String key = "user-" + i;
      // The reference: the first variant whose running sum of weights is above the bucket.
      int want = BucketingDistributionTest.variantOf(Bucketing.bucket(SALT, key), weights);
      Evaluation got = rollout.resolve(Context.of(key));
      assertThat(got).as(key).isSameAs(results[want]);
      served[want]++;
    }
    assertThat(served[0]).isZero();
    assertThat(served[2]).isZero();
    assertThat(served[5]).isZero();
    assertThat(served[1]).isPositive();
    assertThat(served[3]).isPositive();
    assertThat(served[4]).isPositive();
  }

  @Test
  void aBoundBelongsToTheNextRange() {
    List<Integer> weights = List.of(30_000, 0, 70_000);
    Evaluation[] results = results(3);
    RolloutOutcome rollout = new RolloutOutcome(null, SALT, weights, results);
    assertThat(rollout.resolve(Context.of(keyIn(0)))).isSameAs(results[0]);
    assertThat(rollout.resolve(Context.of(keyIn(29_999)))).isSameAs(results[0]);
    assertThat(rollout.resolve(Context.of(keyIn(30_000)))).isSameAs(results[2]);
    assertThat(rollout.resolve(Context.of(keyIn(99_999)))).isSameAs(results[2]);
  }

  @Test
  void oneVariantTakesEveryone() {
    Evaluation[] results = results(1);
    RolloutOutcome rollout = new RolloutOutcome(null, SALT, List.of(100_000), results);
    assertThat(rollout.resolve(Context.of(keyIn(99_999)))).isSameAs(results[0]);
    assertThat(rollout.resolve(Context.of(keyIn(0)))).isSameAs(results[0]);
  }

  @Test
  void anEmptyKeyCannotBeBucketed() {
    RolloutOutcome rollout = new RolloutOutcome(null, SALT, List.of(50_000, 50_000), results(2));
    assertThat(rollout.resolve(Context.EMPTY)).isNull();
  }
}
