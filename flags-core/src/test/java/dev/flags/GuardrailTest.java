package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.RecordingLogs.Line;
import dev.flags.sources.MemorySource;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Concurrently;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guardrails: the flag is killed by the reporting call that crosses a threshold, and only then. */
final class GuardrailTest {
  private static final Context NEW = Context.newBuilder("n").set("group", "new").build();
  private static final Context OLD = Context.newBuilder("o").set("group", "old").build();

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final List<GuardrailTrip> heard = new CopyOnWriteArrayList<>();
  private MemorySource source;
  private Flags flags;

  @AfterEach
  void close() {
    if (flags != null) {
      flags.close();
    }
  }

  /** checkout: group=new gets "on", everyone else "off" (the control); with this guardrail. */
  static String checkout(String guardrail) {
    return flag(
        "checkout",
        "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
            + " 'rules': [{'id': 'new', 'conditions': [{'attribute': 'group', 'op': 'in',"
            + " 'values': ['new']}], 'variant': 'on'}],"
            + " 'fallthrough': {'variant': 'off'}"
            + (guardrail.isEmpty() ? "" : ", 'guardrail': " + guardrail));
  }

  private Flags client(String guardrail) {
    source = MemorySource.of("remote", doc("v1", checkout(guardrail), onOff("other", "on")));
    flags = Flags.newBuilder()
        .name("guardrail-test")
        .clock(clock)
        .metrics(true)
        .source(source)
        .onGuardrailTrip(heard::add)
        .build();
    return flags;
  }

  private void outcomes(int successes, int failures, Context c) {
    for (int i = 0; i < successes; i++) {
      flags.recordSuccess("checkout", c);
    }
    for (int i = 0; i < failures; i++) {
      flags.recordFailure("checkout", c);
    }
  }

  private boolean killed() {
    return flags.evaluate("checkout", NEW).reason() == Reason.KILLED;
  }

  @Test
  void recordFailure_crossingTheRate_killsWithinTheCall() {
    client("{'maxFailureRate': 0.1, 'minSamples': 10}");
    outcomes(9, 1, NEW); // 1 of 10: exactly 10%, not above
    assertThat(killed()).isFalse();

    int mark = RecordingLogs.mark();
    flags.recordFailure("checkout", NEW); // 2 of 11

    assertThat(killed()).isTrue();
    assertThat(flags.isEnabled("checkout", NEW)).isFalse();
    List<Line> audit = RecordingLogs.auditSince(mark);
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).message())
        .isEqualTo("guardrail kill flag=checkout version=v1: guardrail tripped: failure rate 18.2%"
            + " (2 of 11 calls) on variants other than 'off' (control 0.0%, 0 of 0); guardrail:"
            + " failure rate > 10%, window 60s in 10 buckets, min samples 10");
    Status status = flags.status();
    GuardrailTrip trip = status.guardrailTrips().get("checkout");
    assertThat(trip.calls()).isEqualTo(11);
    assertThat(trip.failures()).isEqualTo(2);
    assertThat(trip.threshold()).isEqualTo("failure rate");
    assertThat(trip.version()).isEqualTo("v1");
    assertThat(status.killedFlags().get("checkout")).startsWith("guardrail tripped: failure rate");
    assertThat(flags.metrics().guardrailTrips()).isEqualTo(1);
    Await.until("the listener heard the trip", () -> heard.size() == 1);
    assertThat(heard.get(0).flagKey()).isEqualTo("checkout");
  }

  @Test
  void recordFailure_belowTheMinimum_neverKills() {
    client("{'maxFailureRate': 0.1, 'minSamples': 10}");
    outcomes(0, 9, NEW);

    assertThat(killed()).isFalse();
    assertThat(flags.status().guardrailTrips()).isEmpty();
  }

  @Test
  void recordFailure_controlFailures_doNotKill() {
    client("{'maxFailureRate': 0.1, 'minSamples': 10}");
    outcomes(0, 100, OLD);
    outcomes(10, 0, NEW);

    assertThat(killed()).isFalse();
  }

  @Test
  void recordFailure_oldFailuresSlideOutOfTheWindow() {
    client("{'maxFailureRate': 0.1, 'minSamples': 10}");
    outcomes(0, 5, NEW);
    clock.advance(Duration.ofSeconds(61));
    outcomes(9, 1, NEW);

    assertThat(killed()).isFalse();
  }

  @Test
  void recordFailure_relativeThreshold_comparesWithTheControl() {
    client("{'maxFailureRateAboveControl': 0.05, 'minSamples': 10}");
    outcomes(5, 5, OLD); // control 50%
    outcomes(5, 5, NEW); // new 50%: not above
    outcomes(0, 1, NEW); // 6 of 11 = 54.5%: 4.5 points above
    assertThat(killed()).isFalse();

    flags.recordFailure("checkout", NEW); // 7 of 12 = 58.3%

    assertThat(killed()).isTrue();
    assertThat(flags.status().guardrailTrips().get("checkout").threshold())
        .isEqualTo("failure rate above control");
  }

  @Test
  void guard_latencyThreshold_timedByTheClientsClock() {
    client("{'maxLatencyMillis': 100, 'latencyPercentile': 90, 'minSamples': 10}");
    for (int i = 0; i < 10; i++) {
      flags.guard("checkout", NEW, () -> advance(50), () -> "old");
    }
    flags.guard("checkout", NEW, () -> advance(150), () -> "old"); // 1 of 11 slow: 9%
    assertThat(killed()).isFalse();

    String r = flags.guard("checkout", NEW, () -> advance(150), () -> "old"); // 2 of 12

    assertThat(r).isEqualTo("new");
    assertThat(killed()).isTrue();
    GuardrailTrip trip = flags.status().guardrailTrips().get("checkout");
    assertThat(trip.threshold()).isEqualTo("latency");
    assertThat(trip.slowCalls()).isEqualTo(2);
    assertThat(trip.timedCalls()).isEqualTo(12);
    assertThat(flags.guard("checkout", NEW, () -> "new", () -> "old")).isEqualTo("old");
  }

  private String advance(long millis) {
    clock.advance(Duration.ofMillis(millis));
    return "new";
  }

  @Test
  void recordSuccess_withLatency_countsTowardsTheLatencyThreshold() {
    client("{'maxLatencyMillis': 100, 'minSamples': 10}");
    for (int i = 0; i < 10; i++) {
      flags.recordSuccess("checkout", NEW, 1_000_000);
    }
    flags.recordFailure("checkout", NEW, 200_000_000);

    assertThat(killed()).isTrue();
  }

  @Test
  void guard_newPathThrows_countsTheFailureAndRunsTheOldPath() {
    client("{'maxFailureRate': 0.5, 'minSamples': 4}");
    AtomicInteger oldRuns = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      String r = flags.guard(
          "checkout",
          NEW,
          () -> {
            throw new IllegalStateException("boom");
          },
          () -> "old-" + oldRuns.incrementAndGet());
      assertThat(r).startsWith("old-");
    }
    assertThat(killed()).isFalse(); // 3 samples, minimum 4
    flags.guard("checkout", NEW, () -> "new", () -> "old"); // 3 of 4 failed

    assertThat(killed()).isTrue();
    assertThat(oldRuns.get()).isEqualTo(3);
    assertThat(flags.guard("checkout", OLD, () -> "new", () -> "old")).isEqualTo("old");
    assertThat(flags.guard("nope", NEW, () -> "new", () -> "old")).isEqualTo("old");
  }

  @Test
  void guard_controlPathThrows_countsAndRethrows() {
    client("{'maxFailureRate': 0.5, 'minSamples': 4}");
    IllegalStateException boom = new IllegalStateException("boom");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> flags.guard("checkout", OLD, () -> "new", () -> {
              throw boom;
            }))
        .isSameAs(boom);
  }

  @Test
  void restore_liftsTheKill_andStartsAFreshWindow() {
    client("{'maxFailureRate': 0.1, 'minSamples': 10}");
    outcomes(0, 10, NEW);
    assertThat(killed()).isTrue();

    assertThat(flags.restore("checkout")).isTrue();

    assertThat(killed()).isFalse();
    assertThat(flags.status().guardrailTrips()).isEmpty();
    flags.recordFailure("checkout", NEW); // one failure in a fresh window
    assertThat(killed()).isFalse();
    outcomes(0, 9, NEW);
    assertThat(killed()).as("trips again on a full window").isTrue();
  }

  @Test
  void trip_survivesReloads_andIsNotRepeated() {
    client("{'maxFailureRate': 0.1, 'minSamples': 10}");
    outcomes(0, 10, NEW);
    outcomes(0, 50, NEW); // ignored once tripped

    source.update(doc("v2", checkout("{'maxFailureRate': 0.1, 'minSamples': 10}")));
    source.update(doc("v3", checkout("{'maxFailureRate': 0.2, 'minSamples': 10}")));

    assertThat(flags.version()).isEqualTo("v3");
    assertThat(killed()).isTrue();
    assertThat(flags.status().guardrailTrips()).containsKey("checkout");
    assertThat(flags.metrics().guardrailTrips()).isEqualTo(1);
  }

  @Test
  void trip_restoreOnNewDocument_aChangedFlagLiftsIt() {
    String g = "{'maxFailureRate': 0.1, 'minSamples': 10, 'restoreOnNewDocument': true}";
    client(g);
    outcomes(0, 10, NEW);
    source.update(doc("v2", checkout(g), onOff("other", "off"))); // checkout unchanged
    assertThat(killed()).isTrue();

    int mark = RecordingLogs.mark();
    source.update(doc("v3", checkout(g.replace("0.1", "0.2")), onOff("other", "off")));

    assertThat(killed()).isFalse();
    assertThat(RecordingLogs.auditSince(mark))
        .extracting(Line::message)
        .contains("restore flag=checkout version=v3: the new document changes the flag and its"
            + " guardrail restores on a new document");
  }

  @Test
  void setGuardrail_inCode_replacesTheDocumentsAndIsReadable() {
    client("");
    assertThat(flags.flagInfo("checkout").guardrail()).isNull();
    outcomes(0, 200, NEW); // no guardrail: nothing happens
    assertThat(killed()).isFalse();

    Guardrail g = Guardrail.newBuilder().maxFailureRate(0.2).minSamples(5).build();
    flags.setGuardrail("checkout", g);
    assertThat(flags.flagInfo("checkout").guardrail()).isEqualTo(g);
    assertThat(flags.flagInfo("checkout").toString())
        .contains("guardrail=[failure rate > 20%, window 60s in 10 buckets, min samples 5]");
    outcomes(0, 5, NEW);
    assertThat(killed()).isTrue();

    assertThat(flags.clearGuardrail("checkout")).isTrue();
    assertThat(flags.clearGuardrail("checkout")).isFalse();
    assertThat(flags.flagInfo("checkout").guardrail()).isNull();
  }

  @Test
  void builderGuardrail_documentGuardrailIsReplaced() {
    source = MemorySource.of("remote", doc("v1", checkout("{'maxFailureRate': 0.9}")));
    Guardrail g = Guardrail.newBuilder().maxFailureRate(0.1).minSamples(2).build();
    flags =
        Flags.newBuilder().clock(clock).source(source).guardrail("checkout", g).build();

    assertThat(flags.flagInfo("checkout").guardrail()).isEqualTo(g);
    outcomes(0, 2, NEW);
    assertThat(killed()).isTrue();
  }

  @Test
  void record_unknownFlagOrNoGuardrail_isIgnored() {
    client("{'maxFailureRate': 0.1, 'minSamples': 1}");
    flags.recordFailure("nope", NEW);
    flags.recordFailure("other", NEW);

    assertThat(flags.status().killedFlags()).isEmpty();
  }

  @Test
  void recordFailure_eightThreads_tripOnceWithOneLineAndOneEvent() throws Exception {
    client("{'maxFailureRate': 0.1, 'minSamples': 1000}");
    int mark = RecordingLogs.mark();
    Context[] contexts = new Context[8];
    for (int t = 0; t < contexts.length; t++) {
      contexts[t] = Context.newBuilder("u" + t).set("group", "new").build();
    }
    Concurrently.run(contexts.length, t -> {
      for (int i = 0; i < 5_000; i++) {
        if (i % 20 == 0) {
          flags.recordFailure("checkout", contexts[t]); // 5%: below the threshold
        } else {
          flags.recordSuccess("checkout", contexts[t]);
        }
      }
    });
    assertThat(killed()).as("5% never trips 10%").isFalse();

    Concurrently.run(contexts.length, t -> {
      for (int i = 0; i < 2_000; i++) {
        flags.recordFailure("checkout", contexts[t]);
      }
    });
    assertThat(killed()).isTrue();
    assertThat(RecordingLogs.auditSince(mark))
        .filteredOn(l -> l.message().startsWith("guardrail kill"))
        .hasSize(1);
    Await.until("the trip was heard", () -> heard.size() == 1);
    assertThat(flags.metrics().guardrailTrips()).isEqualTo(1);
  }
}
