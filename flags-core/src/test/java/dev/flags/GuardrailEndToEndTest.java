package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.RecordingLogs.Line;
import dev.flags.sources.MemorySource;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A progressive rollout at 10% whose new code path throws 30% of the time: the guardrail kills the
 * flag, every user falls back to the old path, and the audit line, the status and the metrics say
 * why.
 */
final class GuardrailEndToEndTest {
  private static final String ROLLOUT = flag(
      "new-checkout",
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
          + " 'fallthrough': {'rollout': {'variants': [{'variant': 'on', 'weight': 1000},"
          + " {'variant': 'off', 'weight': 99000}], 'steps': ["
          + " {'at': '2030-01-01T00:00:00Z', 'weights': [10000, 90000]},"
          + " {'at': '2030-01-02T00:00:00Z', 'weights': [50000, 50000]}]}},"
          + " 'guardrail': {'maxFailureRate': 0.05, 'minSamples': 100, 'windowSeconds': 60,"
          + " 'buckets': 10}");

  @Test
  void guard_rolloutFailing30Percent_isKilledAndUsersFallBack() {
    MutableClock clock = MutableClock.at("2030-01-01T09:00:00Z");
    int mark = RecordingLogs.mark();
    try (Flags flags = Flags.newBuilder()
        .name("e2e")
        .clock(clock)
        .metrics(true)
        .source(MemorySource.of("remote", doc("2030-01-01.1", ROLLOUT)))
        .build()) {
      Random random = new Random(7);
      int newRuns = 0;
      int oldRuns = 0;
      int fallbacks = 0;
      int tripAt = -1;
      for (int i = 0; i < 20_000; i++) {
        clock.advance(Duration.ofMillis(10));
        Context user = Context.of("user-" + i);
        int[] ran = new int[1];
        String page = flags.guard(
            "new-checkout",
            user,
            () -> {
              ran[0] = 1;
              if (random.nextInt(10) < 3) {
                throw new IllegalStateException("new checkout failed");
              }
              return "new";
            },
            () -> "old");
        if (ran[0] == 1) {
          newRuns++;
          if (page.equals("old")) {
            fallbacks++;
          }
        } else {
          oldRuns++;
        }
        if (tripAt < 0 && !flags.status().guardrailTrips().isEmpty()) {
          tripAt = i;
        }
      }

      assertThat(tripAt).as("the guardrail tripped").isPositive();
      assertThat(newRuns).as("new path runs before the trip").isBetween(100, 200);
      assertThat(fallbacks).as("failures fell back to the old path").isPositive();
      assertThat(oldRuns).as("the other 90%, then everyone").isGreaterThan(newRuns);
      for (int i = 0; i < 1_000; i++) {
        Context user = Context.of("after-" + i);
        assertThat(flags.guard("new-checkout", user, () -> "new", () -> "old")).isEqualTo("old");
        assertThat(flags.evaluate("new-checkout", user).reason()).isEqualTo(Reason.KILLED);
      }

      GuardrailTrip trip = flags.status().guardrailTrips().get("new-checkout");
      assertThat(trip.calls()).isGreaterThanOrEqualTo(100);
      assertThat((double) trip.failures() / trip.calls()).isGreaterThan(0.05);
      assertThat(trip.controlCalls()).isGreaterThan(trip.calls());
      assertThat(flags.status().killedFlags().get("new-checkout")).isEqualTo(trip.description());
      List<Line> kills = RecordingLogs.auditSince(mark).stream()
          .filter(l -> l.message().startsWith("guardrail kill"))
          .toList();
      assertThat(kills).hasSize(1);
      assertThat(kills.get(0).message())
          .startsWith("guardrail kill flag=new-checkout version=2030-01-01.1: guardrail tripped:"
              + " failure rate ")
          .contains("on variants other than 'off'")
          .endsWith("guardrail: failure rate > 5%, window 60s in 10 buckets, min samples 100");

      FlagMetrics m = flags.metrics();
      assertThat(m.count("new-checkout", Reason.KILLED))
          .isEqualTo(20_000 - tripAt - 1 + 1_000 * 2L);
      assertThat(m.count("new-checkout", "on")).isEqualTo(newRuns);
      assertThat(m.guardrailTrips()).isEqualTo(1);
      System.out.printf(
          "end to end: tripped at user %d after %d new-path runs (%d fell back); trip: %s%n",
          tripAt, newRuns, fallbacks, trip.description());
    }
  }
}
