package dev.flags.benchmarks;

import dev.flags.Context;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Like {@link RotatingUsers}, with 36-character UUID keys ({@link Fixture#rotatingUuidUsers()}):
 * what the rollout costs with the keys most systems use.
 */
@State(Scope.Thread)
public class RotatingUuidUsers {
  public Context[] contexts;
  public Person[] people;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    people = Fixture.rotatingUuidUsers();
    contexts = new Context[people.length];
    for (int i = 0; i < people.length; i++) {
      contexts[i] = Contexts.of(people[i]);
    }
  }

  /**
   * Advances the cursor.
   *
   * @return the index of the next person
   */
  public int next() {
    int i = next;
    next = (i + 1) & (Fixture.ROTATING_USERS - 1);
    return i;
  }
}
