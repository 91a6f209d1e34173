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
import java.util.concurrent.CountDownLatch;
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

  /** A client with a 16-place queue whose listener waits for {@code release}, then records. */
  private Flags heldClient(CountDownLatch release) {
    return client(Flags.newBuilder().exposureQueue(16).onExposure(e -> {
      try {
        release.await();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
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

  @Test
  void exposure_slowListener_dropsAndCountsWithoutBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    heldClient(release);
    for (int i = 0; i < 1_000; i++) {
      flags.isEnabled("f", Context.of("user-" + i));
    }
    long dropped = flags.metrics().exposuresDropped();
    release.countDown();

    assertThat(dropped).isBetween(1_000L - 16 - 2, 1_000L);
    Await.until("the queued ones are delivered", () -> got.size() == 1_000 - dropped);
  }

  @Test
  void exposure_queueFullThenDrained_laterExposuresQueuedAgain() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    heldClient(release);
    for (int i = 0; i < 100; i++) {
      flags.isEnabled("f", Context.of("user-" + i));
    }
    long dropped = flags.metrics().exposuresDropped();
    release.countDown();
    Await.until("the queued ones are delivered", () -> got.size() == 100 - dropped);

    // The queue had been full: once drained, every new exposure is queued, none dropped.
    for (int i = 0; i < 10; i++) {
      flags.isEnabled("f", Context.of("later-" + i));
      String key = "later-" + i;
      Await.until(key, () -> got.stream().anyMatch(e -> e.contextKey().equals(key)));
    }
    assertThat(dropped).isGreaterThan(0);
    assertThat(flags.metrics().exposuresDropped()).isEqualTo(dropped);
  }

  @Test
  void exposure_whileQueueFull_everyEvaluationCountsAndIsOfferedAgainOnceDrained()
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    client(Flags.newBuilder().exposureQueue(16).onExposure(e -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      got.add(e);
    }));
    flags.isEnabled("f", Context.of("user-0"));
    assertThat(entered.await(10, TimeUnit.SECONDS))
        .as("the listener holds user-0")
        .isTrue();
    for (int i = 1; i <= 17; i++) { // 16 fill the queue, the 17th finds it full
      flags.isEnabled("f", Context.of("user-" + i));
    }
    assertThat(flags.metrics().exposuresDropped()).isEqualTo(1);

    Context alice = Context.of("alice");
    for (int i = 0; i < 5; i++) { // shed while full: each evaluation counts, repeats included
      flags.isEnabled("f", alice);
    }
    flags.isEnabled("f", Context.EMPTY); // anonymous: nothing to record, nothing dropped
    assertThat(flags.metrics().exposuresDropped()).isEqualTo(6);

    release.countDown();
    Await.until("the queued ones are delivered", () -> got.size() == 17);
    // A dropped exposure was not remembered: alice's next evaluation offers it again.
    flags.isEnabled("f", alice);
    Await.until("alice", () -> got.stream().anyMatch(e -> e.contextKey().equals("alice")));
    assertThat(got).hasSize(18);
    assertThat(flags.metrics().exposuresDropped()).isEqualTo(6);
  }

  @Test
  void exposure_hitsAndDrops_allocateNothingOnTheEvaluatingThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    client(Flags.newBuilder().exposureQueue(16).onExposure(e -> {
      try {
        release.await();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }));
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
    for (int r = 0; r < rounds; r++) { // warm up, so that allocation means allocation
      hits.run();
      for (Context user : users[r]) {
        flags.isEnabled("f", user);
      }
    }
    Runnable misses = () -> { // the listener is stuck: each new key is dropped
      for (Context user : users[rounds]) {
        flags.isEnabled("f", user);
      }
    };
    long dropped = flags.metrics().exposuresDropped();

    long hitBytes = Allocations.byCurrentThread(hits);
    long missBytes = Allocations.byCurrentThread(misses);
    release.countDown();

    assertThat(dropped).as("new exposures were dropped").isGreaterThan(4_096L * (rounds - 1));
    assertThat(hitBytes).as("bytes allocated by 10,000 de-duplication hits").isLessThan(1_000);
    assertThat(missBytes).as("bytes allocated by 4,096 dropped exposures").isLessThan(1_000);
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
