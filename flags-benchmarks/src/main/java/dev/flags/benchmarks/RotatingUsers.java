package dev.flags.benchmarks;

import dev.flags.Context;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@link Fixture#ROTATING_USERS} distinct people of the rollout scenarios, pre-built, and a
 * per-thread cursor over them, so that a rollout cannot be answered from one warm cache line.
 */
@State(Scope.Thread)
public class RotatingUsers {
  public Context[] contexts;
  public Person[] people;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    people = Fixture.rotatingUsers();
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
