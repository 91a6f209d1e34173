package dev.flags.benchmarks;

import dev.flags.Context;
import dev.flags.internal.snapshot.Bucketing;
import java.util.Random;
import java.util.UUID;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Like {@link RotatingUuidUsers}, but every user's bucket for the rollout flag falls in its first
 * range: the rollout picks the same variant for all of them, so the branch that chooses the range
 * is always predicted. The difference to {@link RotatingUuidUsers} is what choosing at random
 * costs.
 */
@State(Scope.Thread)
public class OneSidedUuidUsers {
  public Context[] contexts;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(20261204);
    long saltHash = Bucketing.hash(Fixture.ROLLOUT); // the rollout's salt is its key
    contexts = new Context[Fixture.ROTATING_USERS];
    for (int i = 0; i < contexts.length; ) {
      Context c = Context.of(new UUID(random.nextLong(), random.nextLong()).toString());
      if (Bucketing.bucket(c.keyHash(), saltHash) < 50_000) {
        contexts[i++] = c;
      }
    }
  }

  /**
   * Advances the cursor.
   *
   * @return the index of the next user
   */
  public int next() {
    int i = next;
    next = (i + 1) & (Fixture.ROTATING_USERS - 1);
    return i;
  }
}
