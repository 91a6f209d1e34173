package dev.flags.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios every library is measured on: flag keys, list sizes, the people who ask and what
 * each flag must answer them. Each library's fixture builds the same flag shapes from these
 * constants and checks the answers before any measurement (see {@link Expect}), so that a
 * misconfigured flag cannot make a library look fast by returning its default.
 */
public final class Fixture {
  private Fixture() {}

  // Flag keys, the same in every library (Togglz maps them to enum constants).
  /** Scenario 1: a boolean flag that is on, no targets, no rules. */
  public static final String SIMPLE = "simple-on";
  /** Scenario 2: a flag switched off in the document ({@code "enabled": false}). */
  public static final String KILLED = "killed";
  /** Scenario 3: individual targets, {@link #TARGET_KEYS} keys, served "on"; otherwise "off". */
  public static final String TARGETS = "targets";
  /** Scenario 4: one rule "in segment {@link #SEGMENT}", served "on"; otherwise "off". */
  public static final String SEGMENT_FLAG = "segment";
  /** The segment of scenario 4: {@link #SEGMENT_KEYS} included keys. */
  public static final String SEGMENT = "big-segment";
  /** Scenario 5: one rule {@code country in [NZ, AU, DE]}, then the fallthrough "off". */
  public static final String SINGLE_RULE = "single-rule";
  /** Scenario 6: ten rules of two conditions each; only the last matches {@link #USER}. */
  public static final String TEN_RULES = "ten-rules";
  /** Scenario 7a: one rule, {@code email matches @example\.com$}. */
  public static final String REGEX = "regex";
  /** Scenario 7b: one rule, {@code appVersion semverGt 2.1.0}. */
  public static final String SEMVER = "semver";
  /** Scenario 8: a sticky 50/50 rollout of on/off keyed by the context key. */
  public static final String ROLLOUT = "rollout";
  /** Scenario 9: a sticky 25/25/25/25 rollout over four string variants. */
  public static final String MULTIVARIATE = "multivariate";
  /** Scenario 10: a prerequisite chain of three: a needs b "on", b needs c "on". */
  public static final String PREREQ_A = "prereq-a";

  public static final String PREREQ_B = "prereq-b";
  public static final String PREREQ_C = "prereq-c";
  /** Scenario 11: a key that no document defines. */
  public static final String UNKNOWN = "no-such-flag";

  /** Size of the individual target list of scenario 3. */
  public static final int TARGET_KEYS = 10_000;
  /** Size of the segment of scenario 4. */
  public static final int SEGMENT_KEYS = 100_000;
  /** Number of distinct people the rollout scenarios rotate over (a power of two). */
  public static final int ROTATING_USERS = 1_024;

  /** The countries of the attribute rules. */
  public static final List<String> COUNTRIES = List.of("NZ", "AU", "DE");
  /** The regex of scenario 7a, RE2 and java.util.regex alike, unanchored at the start. */
  public static final String EMAIL_REGEX = "@example\\.com$";
  /** The version bound of scenario 7b. */
  public static final String MIN_VERSION = "2.1.0";
  /** The four variants of scenario 9; each variant's value is its name. */
  public static final List<String> VARIANTS = List.of("alpha", "beta", "gamma", "delta");
  /** Number of rules of scenario 6. */
  public static final int RULES = 10;

  /** The plan the i-th rule of the ten-rule flag asks for; {@link #USER} has the last one. */
  public static String plan(int rule) {
    return "tier-" + rule;
  }

  /** The i-th individual target key ("user-0" ... "user-9999"). */
  public static String targetKey(int i) {
    return "user-" + i;
  }

  /** The i-th segment key ("user-0" ... "user-99999"). */
  public static String segmentKey(int i) {
    return "user-" + i;
  }

  /** All target keys, in order. */
  public static List<String> targetKeys() {
    List<String> keys = new ArrayList<>(TARGET_KEYS);
    for (int i = 0; i < TARGET_KEYS; i++) {
      keys.add(targetKey(i));
    }
    return keys;
  }

  /** All segment keys, in order. */
  public static List<String> segmentKeys() {
    List<String> keys = new ArrayList<>(SEGMENT_KEYS);
    for (int i = 0; i < SEGMENT_KEYS; i++) {
      keys.add(segmentKey(i));
    }
    return keys;
  }

  /**
   * The default asker: an individual target (the middle of the target list, so that libraries
   * that scan lists do not get an easy first hit) who matches every attribute rule, and the last
   * of the ten rules.
   */
  public static final Person USER = new Person(
      targetKey(TARGET_KEYS / 2), "NZ", plan(RULES - 1), "jane.doe@example.com", "2.3.1", 37);

  /** A segment member from the middle of the segment list, otherwise like {@link #USER}. */
  public static final Person MEMBER = new Person(
      segmentKey(SEGMENT_KEYS / 2), "NZ", plan(RULES - 1), "sam.roe@example.com", "2.3.1", 41);

  /**
   * Someone no list contains and no rule matches: the target miss, the segment non-member and
   * the single rule's fallthrough.
   */
  public static final Person VISITOR =
      new Person("visitor-42", "US", "free", "visitor@elsewhere.org", "1.9.0", 19);

  /**
   * The people of the UUID rollout scenario: same attributes as USER, random UUID keys (fixed
   * seed), the 36-character ids most systems give users.
   */
  public static Person[] rotatingUuidUsers() {
    java.util.Random random = new java.util.Random(20261201);
    Person[] people = new Person[ROTATING_USERS];
    for (int i = 0; i < people.length; i++) {
      people[i] = new Person(
          new java.util.UUID(random.nextLong(), random.nextLong()).toString(),
          USER.country(),
          USER.plan(),
          USER.email(),
          USER.appVersion(),
          USER.age());
    }
    return people;
  }

  /** The people the rollout scenarios rotate over: same attributes as USER, distinct keys. */
  public static Person[] rotatingUsers() {
    Person[] people = new Person[ROTATING_USERS];
    for (int i = 0; i < people.length; i++) {
      people[i] = new Person(
          "rollout-user-" + i,
          USER.country(),
          USER.plan(),
          USER.email(),
          USER.appVersion(),
          USER.age());
    }
    return people;
  }
}
