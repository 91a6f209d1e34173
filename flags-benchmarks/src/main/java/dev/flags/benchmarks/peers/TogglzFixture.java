package dev.flags.benchmarks.peers;

import dev.flags.benchmarks.Expect;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import org.togglz.core.Feature;
import org.togglz.core.activation.GradualActivationStrategy;
import org.togglz.core.activation.UsernameActivationStrategy;
import org.togglz.core.manager.FeatureManager;
import org.togglz.core.manager.FeatureManagerBuilder;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.repository.mem.InMemoryStateRepository;
import org.togglz.core.user.FeatureUser;
import org.togglz.core.user.SimpleFeatureUser;
import org.togglz.core.user.thread.ThreadLocalUserProvider;

/**
 * One Togglz feature manager per JVM: {@link TogglzFeature} as the feature enum, an {@code
 * InMemoryStateRepository}, and a {@code ThreadLocalUserProvider}, which is how Togglz is told
 * who is asking: the caller binds a {@code FeatureUser} to its thread, asks, and releases it.
 */
final class TogglzFixture {
  private static FeatureManager manager;

  private TogglzFixture() {}

  /** The shared manager, created and checked on first use. */
  static synchronized FeatureManager manager() {
    if (manager == null) {
      FeatureManager m = FeatureManagerBuilder.begin()
          .featureEnum(TogglzFeature.class)
          .stateRepository(new InMemoryStateRepository())
          .userProvider(new ThreadLocalUserProvider())
          .build();
      m.setFeatureState(new FeatureState(TogglzFeature.SIMPLE_ON, true));
      m.setFeatureState(new FeatureState(TogglzFeature.KILLED, false));
      m.setFeatureState(new FeatureState(TogglzFeature.TARGETS, true)
          .setStrategyId(UsernameActivationStrategy.ID)
          .setParameter(
              UsernameActivationStrategy.PARAM_USERS, String.join(",", Fixture.targetKeys())));
      m.setFeatureState(new FeatureState(TogglzFeature.ROLLOUT, true)
          .setStrategyId(GradualActivationStrategy.ID)
          .setParameter(GradualActivationStrategy.PARAM_PERCENTAGE, "50"));
      check(m);
      manager = m;
    }
    return manager;
  }

  /** The person as a Togglz user: the key as the user name, the attributes as attributes. */
  static FeatureUser user(Person p) {
    return new SimpleFeatureUser(p.key())
        .setAttribute("country", p.country())
        .setAttribute("plan", p.plan())
        .setAttribute("email", p.email())
        .setAttribute("appVersion", p.appVersion())
        .setAttribute("age", p.age());
  }

  static FeatureUser[] users(Person[] people) {
    FeatureUser[] users = new FeatureUser[people.length];
    for (int i = 0; i < people.length; i++) {
      users[i] = user(people[i]);
    }
    return users;
  }

  /** Asks for one feature on behalf of one user, the Togglz way. */
  static boolean isActive(FeatureManager m, Feature feature, FeatureUser user) {
    ThreadLocalUserProvider.bind(user);
    try {
      return m.isActive(feature);
    } finally {
      ThreadLocalUserProvider.release();
    }
  }

  private static void check(FeatureManager m) {
    String lib = "Togglz";
    FeatureUser user = user(Fixture.USER);
    FeatureUser visitor = user(Fixture.VISITOR);
    Expect.equal(lib, Fixture.SIMPLE, isActive(m, TogglzFeature.SIMPLE_ON, user), true);
    Expect.equal(lib, Fixture.KILLED, isActive(m, TogglzFeature.KILLED, user), false);
    Expect.equal(lib, "target hit", isActive(m, TogglzFeature.TARGETS, user), true);
    Expect.equal(lib, "target miss", isActive(m, TogglzFeature.TARGETS, visitor), false);
    Expect.halfRollout(
        lib, Fixture.rotatingUsers(), p -> isActive(m, TogglzFeature.ROLLOUT, user(p)), true);
  }
}
