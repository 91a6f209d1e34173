package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.flags.sources.MemorySource;
import dev.flags.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ChangeEventTest {
  private static final long WAIT = 10_000;

  private static String withRule(String country) {
    return flag(
        "f",
        "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
            + " 'rules': [{'id': 'r', 'conditions': [{'attribute': 'country', 'op': 'equals',"
            + " 'value': '" + country + "'}], 'variant': 'on'}],"
            + " 'fallthrough': {'variant': 'off'}");
  }

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final Recorder events = new Recorder();
  private final MemorySource remote =
      MemorySource.of("remote", doc("v1", withRule("NZ"), onOff("g", "on"), onOff("h", "on")));
  private final Flags flags =
      Flags.newBuilder().clock(clock).onChange(events).source(remote).build();

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void onChange_firstDocument_everyFlagAdded() {
    ChangeEvent e = events.await(1).get(0);

    assertThat(e.cause()).isEqualTo(ChangeEvent.Cause.UPDATE);
    assertThat(e.source()).isEqualTo("remote");
    assertThat(e.oldVersion()).isEmpty();
    assertThat(e.newVersion()).isEqualTo("v1");
    assertThat(e.added()).containsExactly("f", "g", "h");
    assertThat(e.removed()).isEmpty();
    assertThat(e.changed()).isEmpty();
    assertThat(e.time()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  /** Fields moved from an object into the one nested in it: the served value changes. */
  @Test
  void onChange_objectVariantRenested_flagChanged() {
    String before = "{'a': {'b': 1}, 'c': 2}";
    String after = "{'a': {'b': 1, 'c': 2}}";
    MemorySource source = MemorySource.of("json", doc("v1", jsonFlag(before)));
    Recorder heard = new Recorder();
    try (Flags json =
        Flags.newBuilder().clock(clock).onChange(heard).source(source).build()) {
      heard.await(1);

      source.update(doc("v2", jsonFlag(after)));

      ChangeEvent e = heard.await(2).get(1);
      assertThat(e.changed()).isEqualTo(Map.of("j", Set.of("variants")));
    }
  }

  private static String jsonFlag(String onValue) {
    return flag(
        "j",
        "'variants': {'on': " + onValue + ", 'off': {}}, 'offVariant': 'off',"
            + " 'fallthrough': {'variant': 'on'}");
  }

  @Test
  void onChange_update_oldAndNewVersionsWithAddedRemovedAndChangedParts() {
    clock.set("2030-01-01T00:00:10Z");

    remote.update(
        doc("v2", withRule("AU"), onOff("g", "on", "'enabled': false"), onOff("i", "on")));

    ChangeEvent e = events.await(2).get(1);
    assertThat(e.cause()).isEqualTo(ChangeEvent.Cause.UPDATE);
    assertThat(e.oldVersion()).isEqualTo("v1");
    assertThat(e.newVersion()).isEqualTo("v2");
    assertThat(e.added()).containsExactly("i");
    assertThat(e.removed()).containsExactly("h");
    assertThat(e.changed()).isEqualTo(Map.of("f", Set.of("rules"), "g", Set.of("enabled")));
    assertThat(e.time()).isEqualTo(Instant.parse("2030-01-01T00:00:10Z"));
  }

  @Test
  void onChange_severalPartsOfOneFlag_allListed() {
    remote.update(doc(
        "v2",
        flag(
            "f",
            "'variants': {'on': true, 'off': false},"
                + " 'offVariant': 'on', 'targets': [{'variant': 'on', 'keys': ['a']}],"
                + " 'fallthrough': {'variant': 'on'}"),
        onOff("g", "on"),
        onOff("h", "on")));

    assertThat(events.await(2).get(1).changed().get("f"))
        .containsExactlyInAnyOrder("offVariant", "targets", "rules", "fallthrough");
  }

  @Test
  void onChange_rejectedDocument_noEvent() {
    remote.update(doc("v2", onOff("f", "maybe")));
    remote.update(doc("v3", withRule("NZ"), onOff("g", "off"), onOff("h", "on")));

    List<ChangeEvent> all = events.await(2);
    assertThat(all).extracting(ChangeEvent::newVersion).containsExactly("v1", "v3");
    assertThat(all.get(1).oldVersion()).isEqualTo("v1");
  }

  @Test
  void onChange_kill_oneKillEventNamingTheFlag() {
    events.await(1);

    flags.kill("g", "x");

    ChangeEvent e = events.await(2).get(1);
    assertThat(e.cause()).isEqualTo(ChangeEvent.Cause.KILL);
    assertThat(e.source()).isEqualTo("kill");
    assertThat(e.oldVersion()).isEqualTo("v1");
    assertThat(e.newVersion()).isEqualTo("v1");
    assertThat(e.added()).isEmpty();
    assertThat(e.removed()).isEmpty();
    assertThat(e.changed()).isEqualTo(Map.of("g", Set.of("killed")));
  }

  @Test
  void onChange_killTag_namesEveryServedFlagWithTheTagNotKilledBefore() {
    remote.update(doc(
        "v2",
        withRule("NZ"),
        onOff("g", "on", "'tags': ['pay']"),
        onOff("h", "on", "'tags': ['pay']"),
        onOff("i", "on", "'tags': ['pay']")));
    events.await(2);
    flags.kill("h", "first");

    flags.killTag("pay", "outage");

    List<ChangeEvent> all = events.await(4);
    assertThat(all.get(2).changed()).isEqualTo(Map.of("h", Set.of("killed")));
    assertThat(all.get(3).cause()).isEqualTo(ChangeEvent.Cause.KILL);
    assertThat(all.get(3).source()).isEqualTo("killTag");
    assertThat(all.get(3).changed().keySet()).containsExactlyInAnyOrder("g", "i");
  }

  @Test
  void onChange_restoreAndRestoreTag_namesFlagsNoLongerKilled() {
    remote.update(doc(
        "v2",
        withRule("NZ"),
        onOff("g", "on", "'tags': ['pay']"),
        onOff("h", "on", "'tags': ['pay']")));
    events.await(2);
    flags.killTag("pay", "outage");
    flags.kill("g", "also");

    flags.restoreTag("pay");
    flags.restore("g");

    List<ChangeEvent> all = events.await(5);
    assertThat(all.get(3).cause()).isEqualTo(ChangeEvent.Cause.RESTORE);
    assertThat(all.get(3).source()).isEqualTo("restoreTag");
    assertThat(all.get(3).changed()).isEqualTo(Map.of("h", Set.of("killed")));
    assertThat(all.get(4).source()).isEqualTo("restore");
    assertThat(all.get(4).changed()).isEqualTo(Map.of("g", Set.of("killed")));
  }

  @Test
  void onChange_overrideAndClearOverride_oneOverrideEventEach() {
    events.await(1);

    flags.override("h", "off");
    flags.override("h", "on", List.of("alice"));
    flags.clearOverride("h");

    List<ChangeEvent> all = events.await(4);
    assertThat(all.subList(1, 4))
        .extracting(ChangeEvent::cause, ChangeEvent::source, ChangeEvent::changed)
        .containsExactly(
            tuple(ChangeEvent.Cause.OVERRIDE, "override", Map.of("h", Set.of("override"))),
            tuple(ChangeEvent.Cause.OVERRIDE, "override", Map.of("h", Set.of("override"))),
            tuple(ChangeEvent.Cause.OVERRIDE, "clearOverride", Map.of("h", Set.of("override"))));
  }

  @Test
  void onChange_operatorChangeServingNothingNew_noEvent() {
    events.await(1);
    flags.kill("g", "x");

    flags.kill("g", "again, another reason"); // already killed
    flags.kill("not-served", "not in the document");
    flags.restore("never-killed");
    remote.update(doc("v2", withRule("NZ"), onOff("g", "on"), onOff("h", "off")));

    assertThat(events.await(3))
        .extracting(ChangeEvent::cause, ChangeEvent::newVersion)
        .containsExactly(
            tuple(ChangeEvent.Cause.UPDATE, "v1"),
            tuple(ChangeEvent.Cause.KILL, "v1"),
            tuple(ChangeEvent.Cause.UPDATE, "v2"));
  }

  @Test
  void removeChangeListener_registered_noMoreEventsAndItsThreadEnds() {
    Recorder removed = new Recorder();
    try (Flags named = Flags.newBuilder()
        .name("remove-listener-test")
        .onChange(removed)
        .document(doc("v1", onOff("g", "on")))
        .build()) {
      removed.await(1);

      assertThat(named.removeChangeListener(removed)).isTrue();
      named.kill("g", "x");

      assertThat(named.removeChangeListener(removed)).isFalse();
      Await.until("the removed listener's thread to end", () -> listenerThreads() == 0);
      assertThat(removed.events).hasSize(1);
    }
  }

  @Test
  void removeStatusListener_registered_itsThreadEnds() {
    StatusListener listener = status -> {};
    try (Flags named = Flags.newBuilder()
        .name("remove-listener-test")
        .onStatus(listener)
        .document(doc("v1", onOff("g", "on")))
        .build()) {
      assertThat(named.removeStatusListener(listener)).isTrue();
      assertThat(named.removeStatusListener(listener)).isFalse();
      Await.until("the removed listener's thread to end", () -> listenerThreads() == 0);
    }
  }

  private static long listenerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t ->
            t.getName().startsWith("remove-listener-test-") && t.getName().contains("listener"))
        .count();
  }

  @Test
  void onChange_listenerThrows_otherListenersAndLaterReloadsUnaffected() {
    ChangeListener throwing = mock(ChangeListener.class);
    doThrow(new IllegalStateException("listener bug"))
        .when(throwing)
        .onChange(org.mockito.ArgumentMatchers.any());
    ChangeListener healthy = mock(ChangeListener.class);
    flags.addChangeListener(throwing);
    flags.addChangeListener(healthy);

    remote.update(doc("v2", withRule("NZ"), onOff("g", "off"), onOff("h", "on")));
    remote.update(doc("v3", withRule("NZ"), onOff("g", "on"), onOff("h", "on")));

    verify(throwing, timeout(WAIT)).onChange(argThat(e -> e.newVersion().equals("v3")));
    verify(healthy, timeout(WAIT)).onChange(argThat(e -> e.newVersion().equals("v2")));
    verify(healthy, timeout(WAIT)).onChange(argThat(e -> e.newVersion().equals("v3")));
    assertThat(flags.version()).isEqualTo("v3");
    assertThat(RecordingLogs.since(0, "dev.flags.listener"))
        .anySatisfy(l -> assertThat(l.message()).contains("listener bug"));
  }

  @Test
  void onChange_listenerBlocks_reloadsAndOtherListenersContinue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    flags.addChangeListener(e -> {
      blocking.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      remote.update(doc("v2", withRule("NZ"), onOff("g", "off"), onOff("h", "on")));
      assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

      for (int i = 3; i <= 10; i++) {
        assertThat(remote
                .update(doc(
                    "v" + i,
                    withRule("NZ"),
                    onOff("g", i % 2 == 0 ? "on" : "off"),
                    onOff("h", "on")))
                .isAccepted())
            .isTrue();
      }

      assertThat(flags.version()).isEqualTo("v10");
      assertThat(events.await(10).get(9).newVersion()).isEqualTo("v10");
    } finally {
      release.countDown();
    }
  }

  @Test
  void onChange_eventsOfOneListener_inSwapOrder() {
    for (int i = 2; i <= 30; i++) {
      remote.update(
          doc("v" + i, withRule("NZ"), onOff("g", i % 2 == 0 ? "on" : "off"), onOff("h", "on")));
    }

    List<ChangeEvent> all = events.await(30);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).oldVersion()).isEqualTo(all.get(i - 1).newVersion());
      assertThat(all.get(i).newVersion()).isEqualTo("v" + (i + 1));
    }
  }

  /** Records events in arrival order. */
  static final class Recorder implements ChangeListener {
    final CopyOnWriteArrayList<ChangeEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(ChangeEvent event) {
      events.add(event);
    }

    /** Waits until at least {@code n} events arrived; returns all so far. */
    List<ChangeEvent> await(int n) {
      Await.until(
          Duration.ofMillis(WAIT), () -> events.size() >= n, () -> n + " events, got " + events);
      return List.copyOf(events);
    }
  }
}
