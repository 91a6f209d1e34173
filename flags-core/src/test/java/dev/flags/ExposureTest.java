package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.sources.MemorySource;
import dev.flags.testsupport.Allocations;
import dev.flags.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exposure events: first sight of a variant per context key and period, off the caller's thread.
 */
final class ExposureTest {
  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final MemorySource source =
      MemorySource.of("remote", doc("v1", onOff("f", "on"), onOff("g", "off")));
  private final List<Exposure> got = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private Flags flags;

  /** Released by the held client's listener as it starts on each exposure. */
  private final Semaphore entered = new Semaphore(0);

  /** What the held client's listener waits for, one per exposure. */
  private final Semaphore permits = new Semaphore(0);

  @AfterEach
  void close() {
    if (flags != null) {
      flags.close();
    }
  }

  private Flags client(Flags.Builder b) {
    flags = b.name("exposure-test").clock(clock).source(source).build();
    return flags;
  }

  private Flags client() {
    return client(Flags.newBuilder().onExposure(e -> {
      threads.add(Thread.currentThread().getName());
      got.add(e);
    }));
  }

  @Test
  void exposure_firstSight_isDeliveredOnceOffTheCallersThread() {
    client();
    for (int i = 0; i < 100; i++) {
      flags.isEnabled("f", Context.of("alice"));
    }
    flags.isEnabled("g", Context.of("alice"));
    flags.isEnabled("f", Context.of("bob"));

    Await.until("three exposures", () -> got.size() == 3);
    Exposure first = got.get(0);
    assertThat(first.flagKey()).isEqualTo("f");
    assertThat(first.variant()).isEqualTo("on");
    assertThat(first.contextKey()).isEqualTo("alice");
    assertThat(first.reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(first.version()).isEqualTo("v1");
    assertThat(first.time()).isEqualTo(clock.instant());
    assertThat(first.toString())
        .isEqualTo("Exposure{f=on for alice, FALLTHROUGH, version v1 at 2030-01-01T00:00:00Z}");
    assertThat(threads).allMatch(n -> n.startsWith("exposure-test-exposure-listener-"));
    assertThat(flags.metrics().exposures()).isEqualTo(3);
  }

  @Test
  void exposure_anotherVariant_isAnotherExposure_andAnonymousIsSkipped() {
    client();
    flags.isEnabled("f", Context.of("alice"));
    Await.until("first", () -> got.size() == 1);
    source.update(doc("v2", onOff("f", "off"), onOff("g", "off")));
    flags.isEnabled("f", Context.of("alice"));
    flags.isEnabled("f", Context.EMPTY);

    Await.until("the new variant", () -> got.size() == 2);
    assertThat(got.get(1).variant()).isEqualTo("off");
    assertThat(got.get(1).version()).isEqualTo("v2");
  }

  @Test
  void exposure_afterThePeriod_isDeliveredAgain() {
    client(Flags.newBuilder().onExposure(got::add).exposureDedup(1_000, Duration.ofMinutes(5)));
    flags.isEnabled("f", Context.of("alice"));
    Await.until("first", () -> got.size() == 1);

    clock.advance(Duration.ofMinutes(6));
    // The evaluating thread's filter forgets within a second of wall time; the cache decides.
    Await.until("again after the period", () -> {
      flags.isEnabled("f", Context.of("alice"));
      return got.size() == 2;
    });
  }

  @Test
  void exposure_withinThePeriod_isNotRepeated() {
    client();
    flags.isEnabled("f", Context.of("alice"));
    Await.until("first", () -> got.size() == 1);
    clock.advance(Duration.ofMinutes(4));
    long end = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
    while (System.nanoTime() - end < 0) { // spans filter rotations: the cache still says seen
      flags.isEnabled("f", Context.of("alice"));
    }
    flags.isEnabled("f", Context.of("bob"));
    Await.until("bob", () -> got.size() == 2);

    assertThat(got).extracting(Exposure::contextKey).containsExactly("alice", "bob");
  }

  /**
   * A client with a 16-place queue whose listener releases {@link #entered} as it starts on each
   * exposure and then waits for a permit of {@link #permits}, then records: once the first
   * exposure is held, 16 more fill the queue and the 18th is refused.
   */
  private Flags heldClient() {
    return client(Flags.newBuilder().exposureQueue(16).onExposure(e -> {
      entered.release();
      try {
        permits.acquire();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      got.add(e);
    }));
  }

  /** Holds the listener on user-0, fills the queue with user-1 to user-16, refuses user-17. */
  private void fillTheQueue() throws InterruptedException {
    flags.isEnabled("f", Context.of("user-0"));
    assertThat(entered.tryAcquire(10, TimeUnit.SECONDS))
        .as("the listener holds user-0")
        .isTrue();
    for (int i = 1; i <= 17; i++) {
      flags.isEnabled("f", Context.of("user-" + i));
    }
  }

  @Test
  void exposure_queueFull_shedsWithoutTheTapUntilDrainedToHalf() throws Exception {
    heldClient();
    fillTheQueue();

    // The refused offer is dropped and counted; then the client serves the snapshot without the
    // tap, so evaluations take the path they take with exposures off and count nothing.
    assertThat(flags.metrics().exposuresDropped()).isEqualTo(1);
    assertThat(flags.metrics().exposureSheds()).isEqualTo(1);
    assertThat(flags.current().exposures()).isNull();
    for (int i = 0; i < 1_000; i++) {
      assertThat(flags.isEnabled("f", Context.of("shed-" + i))).isTrue();
    }
    clock.advance(Duration.ofSeconds(5));
    FlagMetrics shedding = flags.metrics();
    assertThat(shedding.exposuresDropped()).isEqualTo(1);
    assertThat(shedding.exposureShedTime()).isEqualTo(Duration.ofSeconds(5));

    // The listener finishes user-0 to user-7 and takes user-8: user-9 to user-16 are left, but
    // the queue is reviewed after each delivery, so it counted 9 last: above half, still shed.
    permits.release(8);
    Await.until("eight delivered", () -> got.size() == 8);
    assertThat(entered.tryAcquire(8, 10, TimeUnit.SECONDS)).as("user-8 taken").isTrue();
    assertThat(flags.current().exposures()).isNull();
    // user-8 delivered: 8 left, half the queue, and the tap is back.
    permits.release();
    Await.until("the tap is back", () -> flags.current().exposures() != null);
    clock.advance(Duration.ofSeconds(5));
    assertThat(flags.metrics().exposureShedTime()).isEqualTo(Duration.ofSeconds(5));

    // Queued again: the dropped user-17, and one first seen while shedding.
    flags.isEnabled("f", Context.of("user-17"));
    flags.isEnabled("f", Context.of("shed-0"));
    permits.release(100);
    Await.until("all delivered", () -> got.size() == 19);
    assertThat(got)
        .extracting(Exposure::contextKey)
        .endsWith("user-16", "user-17", "shed-0")
        .doesNotContain("shed-1");
    FlagMetrics m = flags.metrics();
    assertThat(m.exposuresDropped()).isEqualTo(1);
    assertThat(m.exposureSheds()).isEqualTo(1);
    assertThat(m.exposures()).isEqualTo(19);
  }

  @Test
  void exposure_newDocumentWhileShedding_isShedToo_andPinnedSnapshotsCountDrops() throws Exception {
    heldClient();
    FlagSnapshot pinned = flags.snapshot(); // holds the tap
    fillTheQueue();
    assertThat(flags.current().exposures()).isNull();

    // A new document is published with the tap: the first evaluation that reaches it drops its
    // exposure and sheds again, without a new spell.
    source.update(doc("v2", onOff("f", "off"), onOff("g", "off")));
    assertThat(flags.current().version()).isEqualTo("v2");
    assertThat(flags.current().exposures()).isNotNull();
    assertThat(flags.isEnabled("f", Context.of("alice"))).isFalse();
    assertThat(flags.current().exposures()).isNull();
    assertThat(flags.current().version()).isEqualTo("v2");

    // A pinned snapshot keeps its tap: each of its evaluations is a dropped exposure.
    for (int i = 0; i < 3; i++) {
      assertThat(pinned.isEnabled("f", Context.of("bob"))).isTrue();
    }
    FlagMetrics m = flags.metrics();
    assertThat(m.exposuresDropped()).isEqualTo(1 + 1 + 3);
    assertThat(m.exposureSheds()).isEqualTo(1);
    permits.release(100);
    Await.until("the tap is back", () -> flags.current().exposures() != null);
    assertThat(flags.current().version()).isEqualTo("v2");
  }

  @Test
  void exposure_queueDrained_laterExposuresQueuedAgain() throws Exception {
    heldClient();
    fillTheQueue();
    permits.release(100);
    Await.until("all delivered", () -> got.size() == 17);
    Await.until("the tap is back", () -> flags.current().exposures() != null);

    // Nothing is left queued, and every later exposure is queued, none dropped.
    for (int i = 0; i < 10; i++) {
      String key = "later-" + i;
      flags.isEnabled("f", Context.of(key));
      Await.until(key, () -> got.stream().anyMatch(e -> e.contextKey().equals(key)));
    }
    assertThat(flags.metrics().exposuresDropped()).isEqualTo(1);
    assertThat(flags.metrics().exposureSheds()).isEqualTo(1);
  }

  @Test
  void exposure_hitsAndShedding_allocateNothingOnTheEvaluatingThread() throws Exception {
    heldClient();
    int rounds = 20;
    Context[][] users = new Context[rounds + 1][4_096]; // distinct keys: every one a new exposure
    for (int r = 0; r <= rounds; r++) {
      for (int i = 0; i < 4_096; i++) {
        users[r][i] = Context.of("user-" + r + "-" + i);
      }
    }
    Context alice = Context.of("alice");
    Runnable hits = () -> {
      for (int i = 0; i < 10_000; i++) {
        flags.isEnabled("f", alice);
      }
    };
    FlagSnapshot pinned = flags.snapshot(); // keeps the tap: each evaluation a dropped exposure
    Runnable drops = () -> {
      for (int i = 0; i < 4_096; i++) {
        pinned.isEnabled("f", alice);
      }
    };
    for (int r = 0; r < rounds; r++) { // warm up, so that allocation means allocation
      hits.run();
      drops.run();
    }
    long hitBytes = Allocations.byCurrentThread(hits);
    fillTheQueue();
    for (int r = 0; r < rounds; r++) {
      drops.run();
      for (Context user : users[r]) {
        flags.isEnabled("f", user);
      }
    }
    Runnable shed = () -> { // the listener is stuck: each new key is shed
      for (Context user : users[rounds]) {
        flags.isEnabled("f", user);
      }
    };

    long shedBytes = Allocations.byCurrentThread(shed);
    long dropBytes = Allocations.byCurrentThread(drops);
    permits.release(100);

    assertThat(flags.metrics().exposuresDropped()).isGreaterThan(4_096L * rounds);
    assertThat(hitBytes).as("bytes allocated by 10,000 de-duplication hits").isLessThan(1_000);
    assertThat(shedBytes).as("bytes allocated by 4,096 shed exposures").isLessThan(1_000);
    assertThat(dropBytes).as("bytes allocated by 4,096 dropped exposures").isLessThan(1_000);
  }

  @Test
  void exposure_listenerThrows_isLoggedAndDeliveryGoesOn() {
    client(Flags.newBuilder().onExposure(e -> {
      got.add(e);
      if (e.contextKey().equals("bad")) {
        throw new IllegalStateException("listener bug");
      }
    }));
    flags.isEnabled("f", Context.of("bad"));
    flags.isEnabled("f", Context.of("good"));

    Await.until("both", () -> got.size() == 2);
    Await.until("one counted as delivered", () -> flags.metrics().exposures() == 1);
  }

  @Test
  void close_stopsTheExposureThread() {
    client();
    flags.isEnabled("f", Context.of("alice"));
    Await.until("first", () -> got.size() == 1);
    flags.close();

    Await.until(
        "no exposure thread left",
        () -> Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().startsWith("exposure-test-exposure-listener-")));
  }

  @Test
  void builder_badSettings_throwSayingWhat() {
    assertThatThrownBy(() -> Flags.newBuilder().exposureDedup(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exposure de-duplication needs at least 1 entry but was 0");
    assertThatThrownBy(() -> Flags.newBuilder().exposureDedup(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exposure de-duplication period must be more than zero but was PT0S");
    assertThatThrownBy(() -> Flags.newBuilder().exposureQueue(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exposure queue capacity must be from 2 to 16777216 but was 1");
  }
}
