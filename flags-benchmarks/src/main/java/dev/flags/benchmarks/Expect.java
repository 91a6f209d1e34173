package dev.flags.benchmarks;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks, before any measurement, that a library answers every scenario as {@link Fixture}
 * says. A benchmark whose flag is misconfigured would measure the default path and flatter the
 * library; these checks make such a fixture fail loudly instead.
 */
public final class Expect {
  private Expect() {}

  /**
   * Fails unless {@code actual} equals {@code expected}.
   *
   * @param library the library, for the message
   * @param what the scenario, for the message
   * @param actual the answer
   * @param expected the answer the fixture defines
   */
  public static void equal(String library, String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(library + ": " + what + " answered " + actual + ", expected "
          + expected + " (the benchmark fixture is misconfigured)");
    }
  }

  /**
   * Fails unless a 50% rollout puts between 40% and 60% of the rotating users on, and the answer
   * for each user is the same when asked twice (sticky).
   *
   * @param library the library, for the message
   * @param people the rotating users
   * @param isOn the library's answer for one person
   * @param sticky whether the library promises the same answer for the same person
   */
  public static void halfRollout(
      String library, Person[] people, Predicate<Person> isOn, boolean sticky) {
    int on = 0;
    for (Person p : people) {
      boolean first = isOn.test(p);
      if (first) {
        on++;
      }
      if (sticky && first != isOn.test(p)) {
        throw new IllegalStateException(library + ": rollout is not sticky for " + p.key());
      }
    }
    if (on < people.length * 4 / 10 || on > people.length * 6 / 10) {
      throw new IllegalStateException(library + ": 50% rollout put " + on + " of " + people.length
          + " users on (the benchmark fixture is misconfigured)");
    }
  }

  /**
   * Fails unless the multivariate rollout serves every one of the four variants to someone, and
   * nothing else.
   *
   * @param library the library, for the message
   * @param people the rotating users
   * @param variant the library's string value for one person
   */
  public static void fourVariants(
      String library, Person[] people, Function<Person, String> variant) {
    Set<String> seen = new HashSet<>();
    for (Person p : people) {
      seen.add(variant.apply(p));
    }
    if (!seen.equals(new HashSet<>(Fixture.VARIANTS))) {
      throw new IllegalStateException(library + ": multivariate rollout served " + seen
          + ", expected all of " + Fixture.VARIANTS + " (the benchmark fixture is misconfigured)");
    }
  }
}
