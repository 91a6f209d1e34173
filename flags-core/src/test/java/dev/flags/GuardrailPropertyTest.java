package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over many random runs (outcomes at random times, failure rates near the threshold), the flag is
 * killed exactly at the outcome whose window first has at least the minimum samples and a
 * failure rate above the threshold, as an independent model of the sliding window says, and
 * never before.
 */
final class GuardrailPropertyTest {
  private static final Context NEW = Context.newBuilder("n").set("group", "new").build();
  private static final Context OLD = Context.newBuilder("o").set("group", "old").build();
  private static final long BUCKET = 6_000;
  private static final int BUCKETS = 10;

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final Flags flags = Flags.newBuilder()
      .clock(clock)
      .source(MemorySource.of("m", doc("v1", GuardrailTest.checkout(""))))
      .build();

  @AfterEach
  void close() {
    flags.close();
  }

  /** The model: outcomes of the new variant with their times, and the window's rule. */
  private static final class Model {
    final Deque<long[]> outcomes = new ArrayDeque<>(); // {bucket, failed}

    boolean crossed(long now, int min, double rate) {
      long latest = Math.floorDiv(now, BUCKET);
      long calls = 0;
      long failures = 0;
      for (long[] o : outcomes) {
        if (o[0] > latest - BUCKETS) {
          calls++;
          failures += o[1];
        }
      }
      return calls >= min && (double) failures / calls > rate;
    }
  }

  @Test
  void record_randomRuns_killExactlyWhenTheModelSaysAndNeverBefore() {
    long seed = 20301201L;
    Random random = new Random(seed);
    int trips = 0;
    for (int run = 0; run < 300; run++) {
      double rate = new double[] {0.05, 0.1, 0.25}[random.nextInt(3)];
      int min = 5 + random.nextInt(60);
      double failP = rate * (0.5 + random.nextDouble()); // sometimes above, sometimes below
      flags.setGuardrail(
          "checkout",
          Guardrail.newBuilder()
              .maxFailureRate(rate)
              .minSamples(min)
              .window(Duration.ofMillis(BUCKET * BUCKETS), BUCKETS)
              .build());
      flags.restore("checkout"); // a fresh window for this run
      clock.advance(Duration.ofHours(1));
      Model model = new Model();
      int steps = 50 + random.nextInt(400);
      for (int i = 0; i < steps; i++) {
        clock.advance(Duration.ofMillis(random.nextInt(random.nextBoolean() ? 200 : 4_000)));
        boolean control = random.nextInt(5) == 0;
        boolean failed = random.nextDouble() < (control ? 0.9 : failP);
        if (failed) {
          flags.recordFailure("checkout", control ? OLD : NEW);
        } else {
          flags.recordSuccess("checkout", control ? OLD : NEW);
        }
        if (!control) {
          model.outcomes.add(new long[] {Math.floorDiv(clock.millis(), BUCKET), failed ? 1 : 0});
        }
        // Any outcome moves the window, so a control outcome can trip it too (old successes
        // sliding out).
        boolean expected = model.crossed(clock.millis(), min, rate);
        boolean killed = flags.evaluate("checkout", NEW).reason() == Reason.KILLED;
        assertThat(killed)
            .as("seed %d run %d step %d (rate %s, min %d)", seed, run, i, rate, min)
            .isEqualTo(expected);
        if (killed) {
          trips++;
          break;
        }
      }
    }
    assertThat(trips).as("runs that tripped").isBetween(30, 270);
  }
}
