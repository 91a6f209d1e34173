package dev.flags.benchmarks.peers;

import dev.flags.benchmarks.Expect;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import java.util.Map;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.core.FlippingExecutionContext;
import org.ff4j.strategy.ClientFilterStrategy;
import org.ff4j.strategy.PonderationStrategy;
import org.ff4j.strategy.RegionFlippingStrategy;

/**
 * One FF4j instance per JVM with its default in-memory feature store (audit off, no
 * authorization manager), holding the scenarios FF4j's built-in flipping strategies can express.
 */
final class Ff4jFixture {
  private static FF4j ff4j;

  private Ff4jFixture() {}

  /** The shared instance, created and checked on first use. */
  static synchronized FF4j ff4j() {
    if (ff4j == null) {
      FF4j f = new FF4j();
      f.setAutocreate(false);
      f.createFeature(new Feature(Fixture.SIMPLE, true));
      f.createFeature(new Feature(Fixture.KILLED, false));

      Feature targets = new Feature(Fixture.TARGETS, true);
      targets.setFlippingStrategy(new ClientFilterStrategy(String.join(",", Fixture.targetKeys())));
      f.createFeature(targets);

      Feature single = new Feature(Fixture.SINGLE_RULE, true);
      RegionFlippingStrategy regions = new RegionFlippingStrategy();
      regions.init(
          Fixture.SINGLE_RULE,
          Map.of(
              RegionFlippingStrategy.INIT_PARAMNAME_REGIONS, String.join(",", Fixture.COUNTRIES)));
      single.setFlippingStrategy(regions);
      f.createFeature(single);

      Feature rollout = new Feature(Fixture.ROLLOUT, true);
      rollout.setFlippingStrategy(new PonderationStrategy(0.5));
      f.createFeature(rollout);
      check(f);
      ff4j = f;
    }
    return ff4j;
  }

  /**
   * The person as an FF4j execution context: the key under {@code clientHostName} (what {@code
   * ClientFilterStrategy} reads), the country under {@code region} (what {@code
   * RegionFlippingStrategy} reads), and the other attributes under their names.
   */
  static FlippingExecutionContext context(Person p) {
    FlippingExecutionContext c = new FlippingExecutionContext();
    c.putString(ClientFilterStrategy.CLIENT_HOSTNAME, p.key());
    c.putString(RegionFlippingStrategy.PARAMNAME_USER_REGION, p.country());
    c.putString("plan", p.plan());
    c.putString("email", p.email());
    c.putString("appVersion", p.appVersion());
    c.putInt("age", p.age());
    return c;
  }

  static FlippingExecutionContext[] contexts(Person[] people) {
    FlippingExecutionContext[] contexts = new FlippingExecutionContext[people.length];
    for (int i = 0; i < people.length; i++) {
      contexts[i] = context(people[i]);
    }
    return contexts;
  }

  /** FF4j throws for an unknown feature; a caller that wants a default checks first. */
  static boolean checkOrDefault(FF4j f, String key, FlippingExecutionContext c, boolean def) {
    return f.exist(key) ? f.check(key, c) : def;
  }

  private static void check(FF4j f) {
    String lib = "FF4j";
    FlippingExecutionContext user = context(Fixture.USER);
    FlippingExecutionContext visitor = context(Fixture.VISITOR);
    Expect.equal(lib, Fixture.SIMPLE, f.check(Fixture.SIMPLE, user), true);
    Expect.equal(lib, Fixture.KILLED, f.check(Fixture.KILLED, user), false);
    Expect.equal(lib, "target hit", f.check(Fixture.TARGETS, user), true);
    Expect.equal(lib, "target miss", f.check(Fixture.TARGETS, visitor), false);
    Expect.equal(lib, "rule match", f.check(Fixture.SINGLE_RULE, user), true);
    Expect.equal(lib, "rule fallthrough", f.check(Fixture.SINGLE_RULE, visitor), false);
    Expect.equal(lib, Fixture.UNKNOWN, checkOrDefault(f, Fixture.UNKNOWN, user, false), false);
    Expect.halfRollout(
        lib, Fixture.rotatingUsers(), p -> f.check(Fixture.ROLLOUT, context(p)), false);
  }
}
