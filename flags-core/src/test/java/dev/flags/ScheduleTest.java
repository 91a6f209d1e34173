package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import dev.flags.spi.LoadResult;
import dev.flags.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ScheduleTest {
  private static final Context ANYONE = Context.of("someone");
  private static final Context KIWI =
      Context.newBuilder("kiwi").set("country", "NZ").build();

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");

  private Flags client(String json, ChangeListener... listeners) {
    Flags.Builder b = Flags.newBuilder().clock(clock).source(MemorySource.of("remote", json));
    for (ChangeListener l : listeners) {
      b.onChange(l);
    }
    return b.build();
  }

  @Test
  void flagWindow_edges_fromInclusiveUntilExclusive() {
    String json = doc(
        "v1",
        onOff(
            "sale",
            "on",
            "'schedule': [{'from': '2030-01-01T10:00:00Z', 'until': '2030-01-01T12:00:00Z'}]"));
    try (Flags flags = client(json)) {
      assertReason(flags, "sale", Reason.OUTSIDE_SCHEDULE);
      assertThat(flags.evaluate("sale", ANYONE).variant()).isEqualTo("off");

      clock.set("2030-01-01T09:59:59.999Z");
      assertThat(flags.refreshSchedules()).isFalse();
      assertReason(flags, "sale", Reason.OUTSIDE_SCHEDULE);

      clock.set("2030-01-01T10:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      assertReason(flags, "sale", Reason.FALLTHROUGH);
      assertThat(flags.isEnabled("sale", ANYONE)).isTrue();

      clock.set("2030-01-01T11:59:59.999Z");
      assertThat(flags.refreshSchedules()).isFalse();
      assertReason(flags, "sale", Reason.FALLTHROUGH);

      clock.set("2030-01-01T12:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      assertReason(flags, "sale", Reason.OUTSIDE_SCHEDULE);

      clock.set("2031-01-01T00:00:00Z");
      assertThat(flags.refreshSchedules()).as("no boundary left").isFalse();
    }
  }

  @Test
  void flagWindow_severalWindowsAndOpenEnds_activeInAny() {
    String json = doc(
        "v1",
        onOff(
            "f",
            "on",
            "'schedule': [{'until': '2030-01-01T01:00:00Z'},"
                + " {'from': '2030-01-01T05:00:00Z', 'until': '2030-01-01T06:00:00Z'},"
                + " {'from': '2030-01-02T00:00:00Z'}]"));
    try (Flags flags = client(json)) {
      Map<String, Reason> expected = Map.of(
          "2030-01-01T00:59:59Z", Reason.FALLTHROUGH,
          "2030-01-01T01:00:00Z", Reason.OUTSIDE_SCHEDULE,
          "2030-01-01T05:30:00Z", Reason.FALLTHROUGH,
          "2030-01-01T06:00:00Z", Reason.OUTSIDE_SCHEDULE,
          "2030-01-02T00:00:00Z", Reason.FALLTHROUGH,
          "2099-01-01T00:00:00Z", Reason.FALLTHROUGH);
      for (String at : new java.util.TreeSet<>(expected.keySet())) {
        clock.set(at);
        flags.refreshSchedules();
        assertThat(flags.evaluate("f", ANYONE).reason()).as(at).isEqualTo(expected.get(at));
      }
    }
  }

  @Test
  void ruleWindow_ruleAppliesOnlyInsideIt() {
    String json = doc(
        "v1",
        flag(
            "banner",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'rules': [{'id': 'nz-promo', 'conditions': [{'attribute': 'country',"
                + " 'op': 'equals', 'value': 'NZ'}], 'variant': 'on',"
                + " 'schedule': [{'from': '2030-01-01T10:00:00Z', 'until': '2030-01-01T12:00:00Z'}]}],"
                + " 'fallthrough': {'variant': 'off'}"));
    try (Flags flags = client(json)) {
      assertReason(flags, "banner", KIWI, Reason.FALLTHROUGH);

      clock.set("2030-01-01T10:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      Evaluation inside = flags.evaluate("banner", KIWI);
      assertThat(inside.reason()).isEqualTo(Reason.RULE_MATCH);
      assertThat(inside.ruleId()).isEqualTo("nz-promo");
      assertReason(flags, "banner", ANYONE, Reason.FALLTHROUGH);

      clock.set("2030-01-01T12:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      assertReason(flags, "banner", KIWI, Reason.FALLTHROUGH);
    }
  }

  @Test
  void progressiveRollout_steps_growMonotonically() {
    String json = doc(
        "v1",
        flag(
            "new-search",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'fallthrough': {'rollout': {"
                + "   'variants': [{'variant': 'on', 'weight': 1000}, {'variant': 'off', 'weight': 99000}],"
                + "   'steps': ["
                + "     {'at': '2030-01-02T00:00:00Z', 'weights': [5000, 95000]},"
                + "     {'at': '2030-01-03T00:00:00Z', 'weights': [25000, 75000]},"
                + "     {'at': '2030-01-04T00:00:00Z', 'weights': [100000, 0]}]}}"));
    List<Context> users = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      users.add(Context.of("user-" + i));
    }
    try (Flags flags = client(json)) {
      Set<String> at1 = enabled(flags, users);
      clock.set("2030-01-02T00:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      Set<String> at5 = enabled(flags, users);
      clock.set("2030-01-03T00:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      Set<String> at25 = enabled(flags, users);
      clock.set("2030-01-04T00:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      Set<String> at100 = enabled(flags, users);

      assertThat(at1.size()).isBetween(50, 150);
      assertThat(at5.size()).isBetween(400, 600);
      assertThat(at25.size()).isBetween(2_300, 2_700);
      assertThat(at100).hasSize(10_000);
      assertThat(at5).containsAll(at1);
      assertThat(at25).containsAll(at5);
      assertThat(at100).containsAll(at25);
      assertThat(flags.evaluate("new-search", users.get(0)).reason()).isEqualTo(Reason.FALLTHROUGH);
    }
  }

  @Test
  void progressiveRollout_clockJumpsOverSeveralSteps_lastStartedStepApplies() {
    String json = doc(
        "v1",
        flag(
            "f",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'fallthrough': {'rollout': {"
                + "   'variants': [{'variant': 'on', 'weight': 0}, {'variant': 'off', 'weight': 100000}],"
                + "   'steps': [{'at': '2030-01-02T00:00:00Z', 'weights': [50000, 50000]},"
                + "             {'at': '2030-01-03T00:00:00Z', 'weights': [100000, 0]}]}}"));
    try (Flags flags = client(json)) {
      assertThat(flags.isEnabled("f", ANYONE)).isFalse();

      clock.set("2030-02-01T00:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();

      assertThat(flags.isEnabled("f", ANYONE)).isTrue();
      assertThat(flags.refreshSchedules()).isFalse();
    }
  }

  @Test
  void progressiveRollout_firstWeightDecreases_rejected() {
    String json = doc(
        "v1",
        flag(
            "f",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'fallthrough': {'rollout': {"
                + "   'variants': [{'variant': 'on', 'weight': 5000}, {'variant': 'off', 'weight': 95000}],"
                + "   'steps': [{'at': '2030-01-02T00:00:00Z', 'weights': [1000, 99000]}]}}"));
    MemorySource remote = MemorySource.of("remote", doc("v0", onOff("g", "on")));
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      LoadResult r = remote.update(json);

      assertThat(r.isAccepted()).isFalse();
      assertThat(r.problems())
          .singleElement()
          .hasToString(
              "flags.f.fallthrough.rollout.steps[0].weights[0]: the first variant's weight must not"
                  + " decrease from one step to the next (5% then 1%): a progressive rollout only"
                  + " adds users");
    }
  }

  @Test
  void refreshSchedules_boundaryPassed_changeEventWithCauseScheduleAndSchedulePart() {
    ChangeEventTest.Recorder events = new ChangeEventTest.Recorder();
    String json = doc(
        "v1",
        onOff("sale", "on", "'schedule': [{'from': '2030-01-01T10:00:00Z'}]"),
        onOff("other", "on"));
    try (Flags flags = client(json, events)) {
      clock.set("2030-01-01T10:00:00Z");

      flags.refreshSchedules();

      ChangeEvent e = events.await(2).get(1);
      assertThat(e.cause()).isEqualTo(ChangeEvent.Cause.SCHEDULE);
      assertThat(e.source()).isEqualTo("schedule");
      assertThat(e.oldVersion()).isEqualTo("v1");
      assertThat(e.newVersion()).isEqualTo("v1");
      assertThat(e.changed()).isEqualTo(Map.of("sale", Set.of("schedule")));
      assertThat(e.added()).isEmpty();
      assertThat(e.removed()).isEmpty();
      assertThat(e.time()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
    }
  }

  @Test
  void refreshSchedules_rolloutStep_changeEventNamesScheduleOnly() {
    ChangeEventTest.Recorder events = new ChangeEventTest.Recorder();
    String json = doc(
        "v1",
        flag(
            "f",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'fallthrough': {'rollout': {"
                + "   'variants': [{'variant': 'on', 'weight': 0}, {'variant': 'off', 'weight': 100000}],"
                + "   'steps': [{'at': '2030-01-02T00:00:00Z', 'weights': [50000, 50000]}]}}"));
    try (Flags flags = client(json, events)) {
      clock.set("2030-01-02T00:00:00Z");
      flags.refreshSchedules();

      assertThat(events.await(2).get(1).changed()).isEqualTo(Map.of("f", Set.of("schedule")));
    }
  }

  @Test
  void refreshSchedules_killedFlag_staysKilledAcrossBoundary() {
    String json = doc("v1", onOff("sale", "on", "'schedule': [{'from': '2030-01-01T10:00:00Z'}]"));
    try (Flags flags = client(json)) {
      flags.kill("sale", "not yet");
      clock.set("2030-01-01T10:00:00Z");

      assertThat(flags.refreshSchedules()).isTrue();

      assertReason(flags, "sale", Reason.KILLED);
    }
  }

  @Test
  void refreshSchedules_whilePinned_recompilesPinnedSnapshot() {
    MemorySource remote = MemorySource.of(
        "remote", doc("v1", onOff("sale", "on", "'schedule': [{'from': '2030-01-01T10:00:00Z'}]")));
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      remote.update(doc("v2", onOff("sale", "off")));
      flags.rollback();
      assertReason(flags, "sale", Reason.OUTSIDE_SCHEDULE);

      clock.set("2030-01-01T10:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();

      assertThat(flags.version()).isEqualTo("v1");
      assertThat(flags.status().isPinned()).isTrue();
      assertReason(flags, "sale", Reason.FALLTHROUGH);
    }
  }

  @Test
  void schedule_documentLoadedInsideWindow_compiledForNow() {
    clock.set("2030-01-01T11:00:00Z");
    String json = doc(
        "v1",
        onOff(
            "sale",
            "on",
            "'schedule': [{'from': '2030-01-01T10:00:00Z', 'until': '2030-01-01T12:00:00Z'}]"));
    try (Flags flags = client(json)) {
      assertReason(flags, "sale", Reason.FALLTHROUGH);
    }
  }

  @Test
  void schedule_realClock_windowEndFlipsWithoutRefreshCall() {
    // Whole milliseconds: the document format reads times to the millisecond.
    Instant until = Instant.now().plusMillis(300).truncatedTo(ChronoUnit.MILLIS);
    ChangeEventTest.Recorder events = new ChangeEventTest.Recorder();
    String json = doc("v1", onOff("flash-sale", "on", "'schedule': [{'until': '" + until + "'}]"));
    try (Flags flags = Flags.newBuilder()
        .onChange(events)
        .source(MemorySource.of("remote", json))
        .build()) {

      Await.until(
          Duration.ofSeconds(5),
          () -> flags.evaluate("flash-sale", ANYONE).reason() == Reason.OUTSIDE_SCHEDULE,
          () -> "window end at " + until + " to pass; now " + flags.evaluate("flash-sale", ANYONE));

      assertThat(Instant.now()).isAfterOrEqualTo(until);
      ChangeEvent e = events.await(2).get(1);
      assertThat(e.cause()).isEqualTo(ChangeEvent.Cause.SCHEDULE);
      assertThat(e.changed()).isEqualTo(Map.of("flash-sale", Set.of("schedule")));
    }
  }

  private static Set<String> enabled(Flags flags, List<Context> users) {
    Set<String> out = new HashSet<>();
    for (Context u : users) {
      if (flags.isEnabled("new-search", u)) {
        out.add(u.key());
      }
    }
    return out;
  }

  private static void assertReason(Flags flags, String key, Reason reason) {
    assertReason(flags, key, ANYONE, reason);
  }

  private static void assertReason(Flags flags, String key, Context c, Reason reason) {
    assertThat(flags.evaluate(key, c).reason())
        .as(key + " at " + flags.status().version())
        .isEqualTo(reason);
  }
}
