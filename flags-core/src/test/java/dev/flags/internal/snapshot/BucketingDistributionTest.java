package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bucketing contract's statistics over 100,000 keys: shares within half a percentage point,
 * ten variants that pass chi-square, independent salts, and monotone growth.
 */
final class BucketingDistributionTest {

  private static final int KEYS = 100_000;

  /** Chi-square 0.999 quantile for 9 degrees of freedom. */
  private static final double CHI_SQUARE_9_DF_999 = 27.877;

  /** 100,000 random UUIDs (fixed seed), the keys most systems use for users. */
  private static final String[] UUIDS = uuids();

  private static String[] uuids() {
    Random r = new Random(20261201);
    String[] out = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      out[i] = new UUID(r.nextLong(), r.nextLong()).toString();
    }
    return out;
  }

  /** Buckets of "user-0" .. "user-99999" under a salt. */
  private static int[] buckets(String salt) {
    int[] buckets = new int[KEYS];
    for (int i = 0; i < KEYS; i++) {
      buckets[i] = Bucketing.bucket(salt, "user-" + i);
    }
    return buckets;
  }

  /** Buckets of the 100,000 UUIDs under a salt. */
  private static int[] uuidBuckets(String salt) {
    long saltHash = Bucketing.hash(salt);
    int[] buckets = new int[KEYS];
    for (int i = 0; i < KEYS; i++) {
      buckets[i] = Bucketing.bucket(Bucketing.hash(UUIDS[i]), saltHash);
    }
    return buckets;
  }

  /** Index of the variant whose consecutive range, in declared order, contains the bucket. */
  static int variantOf(int bucket, int[] weights) {
    int end = 0;
    for (int v = 0; v < weights.length; v++) {
      end += weights[v];
      if (bucket < end) {
        return v;
      }
    }
    throw new IllegalArgumentException("weights do not cover bucket " + bucket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"new-checkout", "dark-mode", "pricing-experiment"})
  void rollout_tenTwentyFiveFiftyPercent_withinHalfAPercentagePoint(String salt) {
    assertShares(buckets(salt), "user-N keys, salt " + salt);
    assertShares(uuidBuckets(salt), "UUID keys, salt " + salt);
  }

  private static void assertShares(int[] buckets, String what) {
    for (double percent : new double[] {1, 10, 25, 50}) {
      int weight = (int) Math.round(percent * 1_000);
      int[] weights = {weight, Bucketing.BUCKETS - weight};
      int in = 0;
      for (int bucket : buckets) {
        if (variantOf(bucket, weights) == 0) {
          in++;
        }
      }
      assertThat((double) in / KEYS)
          .as("share in a %s%% rollout, %s", percent, what)
          .isCloseTo(percent / 100, within(0.005));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dark-mode", "new-checkout-v2", "a", "pricing-experiment:2"})
  void rollout_twoFiftyPercentFlags_bucketUsersIndependently(String otherSalt) {
    int[] first = uuidBuckets("new-checkout");
    int[] second = uuidBuckets(otherSalt);
    int both = 0;
    int[] half = {50_000, 50_000};
    for (int i = 0; i < KEYS; i++) {
      if (variantOf(first[i], half) == 0 && variantOf(second[i], half) == 0) {
        both++;
      }
    }

    assertThat((double) both / KEYS)
        .as("users in both 50%% rollouts (salts new-checkout and %s)", otherSalt)
        .isCloseTo(0.25, within(0.005));
  }

  @ParameterizedTest
  @ValueSource(strings = {"new-checkout", "dark-mode", "pricing-experiment"})
  void variants_tenEqualWeights_passChiSquare(String salt) {
    int[] weights = new int[10];
    Arrays.fill(weights, Bucketing.BUCKETS / 10);
    long[] counts = new long[10];
    for (int bucket : uuidBuckets(salt)) {
      counts[variantOf(bucket, weights)]++;
    }
    double expected = KEYS / 10.0;
    double chiSquare = 0;
    for (long count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }

    assertThat(chiSquare)
        .as("chi-square of %s, salt %s", Arrays.toString(counts), salt)
        .isLessThan(CHI_SQUARE_9_DF_999);
  }

  @ParameterizedTest
  @ValueSource(strings = {"new-checkout", "dark-mode", "pricing-experiment"})
  void rollout_growingFirstVariant_keepsEveryKeyIn(String salt) {
    int[] buckets = buckets(salt);
    boolean[] wasIn = new boolean[KEYS];
    for (int percent = 1; percent <= 100; percent++) {
      int[] weights = {percent * 1_000, Bucketing.BUCKETS - percent * 1_000};
      for (int i = 0; i < KEYS; i++) {
        boolean in = variantOf(buckets[i], weights) == 0;
        if (wasIn[i] && !in) {
          fail("user-%d left the rollout at %d%%", i, percent);
        }
        wasIn[i] = in;
      }
    }

    assertThat(wasIn).as("at 100 percent every key is in").doesNotContain(false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"new-checkout", "dark-mode", "pricing-experiment"})
  void rollout_tenToTwentyPercent_keepsTheTenPercent(String salt) {
    int[] ten = {10_000, 90_000};
    int[] twenty = {20_000, 80_000};
    int inTen = 0;
    for (int bucket : buckets(salt)) {
      if (variantOf(bucket, ten) == 0) {
        inTen++;
        assertThat(variantOf(bucket, twenty)).isZero();
      }
    }

    assertThat(inTen).isPositive();
  }
}
