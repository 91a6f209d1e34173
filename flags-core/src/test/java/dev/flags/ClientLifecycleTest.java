package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.sources.MemorySource;
import dev.flags.spi.LoadResult;
import dev.flags.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class ClientLifecycleTest {
  private static final Context ANYONE = Context.of("someone");
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** A window that ends far in the future: every swap schedules a boundary task. */
  private static final String SCHEDULED = ", 'schedule': [{'until': '2999-01-01T00:00:00Z'}]";

  @Test
  void awaitReady_documentGiven_returnsTrueAtOnce() {
    try (Flags flags = Flags.newBuilder().document(doc("v1", onOff("f", "on"))).build()) {
      assertThat(flags.isReady()).isTrue();
      assertThat(flags.awaitReady(WAIT)).isTrue();
    }
  }

  @Test
  void awaitReady_sourceDeliversLater_returnsTrueWhenItDoes() throws Exception {
    TestSource late = TestSource.silent("late");
    try (Flags flags = Flags.newBuilder().source(late).build()) {
      Thread deliverer = new Thread(() -> late.deliver(doc("v1", onOff("f", "on"))));
      deliverer.start();

      assertThat(flags.awaitReady(WAIT)).isTrue();
      assertThat(flags.version()).isEqualTo("v1");
      deliverer.join();
    }
  }

  @Test
  void awaitReady_sourceNeverDelivers_returnsFalseAfterTheTimeout() {
    try (Flags flags = Flags.newBuilder().source(TestSource.silent("never")).build()) {
      long start = System.nanoTime();

      boolean ready = flags.awaitReady(Duration.ofMillis(200));

      assertThat(ready).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
      assertThat(flags.status().state()).isEqualTo(Status.State.INITIALIZING);
    }
  }

  @Test
  void awaitReady_interrupted_returnsReadinessAndKeepsInterruptFlag() {
    try (Flags flags = Flags.newBuilder().source(TestSource.silent("never")).build()) {
      Thread.currentThread().interrupt();
      try {
        assertThat(flags.awaitReady(WAIT)).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void evaluate_beforeReady_returnsDefaultsWithNotReady() {
    try (Flags flags = Flags.newBuilder().source(TestSource.silent("never")).build()) {
      Evaluation e = flags.evaluate("f", ANYONE);

      assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_READY);
      assertThat(e.reason()).isEqualTo(Reason.ERROR);
      assertThat(e.version()).isEmpty();
      assertThat(flags.isEnabled("f", ANYONE)).isFalse();
      assertThat(flags.getString("f", ANYONE, "dflt")).isEqualTo("dflt");
      assertThat(flags.getInt("f", ANYONE, 7)).isEqualTo(7);
      assertThat(flags.getJson("f", ANYONE, "{}")).isEqualTo("{}");
      assertThat(flags.snapshot().isReady()).isFalse();
      assertThat(flags.flagKeys()).isEmpty();
      assertThat(flags.isReady()).isFalse();
    }
  }

  @Test
  void build_invalidDocument_throwsAndLeavesNoThread() {
    String name = "t-invalid-doc";
    Flags.Builder builder = Flags.newBuilder()
        .name(name)
        .onStatus(s -> {})
        .onChange(e -> {})
        .document(doc("v1", onOff("f", "maybe")));

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage(
            "flag document version 'v1' rejected (1 problem)\n"
                + "  flags.f.fallthrough.variant: 'maybe' is not a declared variant (declared: on, off)");
    Await.until(() -> threadsNamed(name).isEmpty(), () -> "threads " + threadsNamed(name));
  }

  @Test
  void build_invalidDocumentWithFileSource_leavesNoThread(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("flags.json");
    java.nio.file.Files.writeString(file, doc("file-1", onOff("g", "on")));
    String name = "t-invalid-doc-file";
    Flags.Builder builder = Flags.newBuilder()
        .name(name)
        .source(dev.flags.sources.FileSource.newBuilder(file)
            .pollInterval(Duration.ofMillis(20))
            .build())
        .document("{}");

    assertThatThrownBy(builder::build).isInstanceOf(FlagsException.class);
    Await.until(() -> threadsNamed(name).isEmpty(), () -> "threads " + threadsNamed(name));
  }

  @Test
  void close_twice_isIdempotent() {
    TestSource source = TestSource.startingWith("s", doc("v1", onOff("f", "on")));
    Flags flags = Flags.newBuilder().source(source).build();

    flags.close();
    flags.close();

    assertThat(source.isClosed()).isTrue();
    assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
  }

  @Test
  void close_afterwards_evaluationsKeepAnsweringFromLastSnapshot() {
    Flags flags = Flags.newBuilder().document(doc("v1", onOff("f", "on"))).build();

    flags.close();

    assertThat(flags.isEnabled("f", ANYONE)).isTrue();
    assertThat(flags.evaluate("f", ANYONE).version()).isEqualTo("v1");
    assertThatThrownBy(() -> flags.load(doc("v2", onOff("f", "off"))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("client is closed");
    assertThat(flags.version()).isEqualTo("v1");
  }

  @Test
  void close_leavesNoThreadBehind() throws Exception {
    String name = "t-xyz";
    int before = Thread.getAllStackTraces().size();
    assertThat(threadsNamed(name)).isEmpty();
    MemorySource remote = MemorySource.of(doc("v1", onOff("f", "on", SCHEDULED.substring(2))));
    Flags flags = Flags.newBuilder()
        .name(name)
        .onChange(e -> {})
        .onStatus(s -> {})
        .source(remote)
        .build();
    remote.update(doc("v2", onOff("f", "off", SCHEDULED.substring(2))));
    flags.addChangeListener(e -> {});
    remote.update(doc("v3", onOff("f", "on", SCHEDULED.substring(2))));
    Await.until(() -> threadsNamed(name).size() >= 4, () -> "threads " + threadsNamed(name));
    assertThat(threadsNamed(name)).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());

    flags.close();

    Await.until(() -> threadsNamed(name).isEmpty(), () -> "threads " + threadsNamed(name));
    Await.until(
        () -> Thread.getAllStackTraces().size() <= before,
        () -> "threads before " + before + ", now " + Thread.getAllStackTraces().keySet());
  }

  @Test
  void close_whileListenerBlocksIgnoringInterrupts_returnsAnyway() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Flags flags = Flags.newBuilder()
        .name("t-blocked-listener")
        .onChange(e -> {
          entered.countDown();
          boolean done = false;
          while (!done) {
            try {
              done = release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
              // a badly behaved listener: keeps blocking
            }
          }
        })
        .document(doc("v1", onOff("f", "on")))
        .build();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(flags::close, "closer");
    try {
      closer.start();
      closer.join(WAIT.toMillis());

      assertThat(closer.isAlive()).as("close() returned").isFalse();
      assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
    } finally {
      release.countDown();
    }
    Await.until(
        () -> threadsNamed("t-blocked-listener").isEmpty(),
        () -> "threads " + threadsNamed("t-blocked-listener"));
  }

  @Test
  void close_concurrentWithReloads_noExceptionAndNoThreadLeft() throws Exception {
    for (int round = 0; round < 20; round++) {
      closeWhileReloading("t-race-" + round);
    }
  }

  private static void closeWhileReloading(String name) throws Exception {
    String a = doc("A", onOff("f", "on", SCHEDULED.substring(2)));
    String b = doc("B", onOff("f", "off", SCHEDULED.substring(2)));
    MemorySource remote = MemorySource.of("remote", a);
    Flags flags = Flags.newBuilder().name(name).onChange(e -> {}).source(remote).build();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger accepted = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(3);
    Thread sourceHammer = new Thread(
        () -> {
          try {
            start.await();
            for (int i = 0; !stop.get(); i++) {
              LoadResult r = remote.update(i % 2 == 0 ? b : a);
              if (r.isAccepted()) {
                accepted.incrementAndGet();
              }
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        },
        name + "-hammer-source");
    Thread loadHammer = new Thread(
        () -> {
          try {
            start.await();
            for (int i = 0; !stop.get(); i++) {
              try {
                flags.load(i % 2 == 0 ? b : a);
                flags.refreshSchedules();
              } catch (InvalidDocumentException e) {
                if (!e.getMessage().contains("client is closed")) {
                  throw e;
                }
              }
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        },
        name + "-hammer-load");
    sourceHammer.start();
    loadHammer.start();
    start.await();
    Await.until(() -> accepted.get() > 20, () -> "some reloads");

    flags.close();
    stop.set(true);
    sourceHammer.join(WAIT.toMillis());
    loadHammer.join(WAIT.toMillis());

    assertThat(failure.get()).as("exception in a reloading thread").isNull();
    assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
    assertThat(remote.update(a).isAccepted()).isFalse();
    Await.until(() -> threadsNamed(name).isEmpty(), () -> "threads " + threadsNamed(name));
  }

  @Test
  void close_whileLoadIsSchedulingItsNextBoundary_loadCompletesWithoutException() throws Exception {
    BlockingClock clock = new BlockingClock();
    String name = "t-close-during-load";
    Flags flags = Flags.newBuilder()
        .name(name)
        .clock(clock)
        .document(doc("A", onOff("f", "on", SCHEDULED.substring(2))))
        .build();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    clock.arm();
    Thread loader = new Thread(
        () -> {
          try {
            flags.load(doc("B", onOff("f", "off", SCHEDULED.substring(2))));
          } catch (Throwable t) {
            failure.set(t);
          }
        },
        name + "-loader");
    loader.start();
    assertThat(clock.blocked.await(10, TimeUnit.SECONDS)).isTrue(); // inside the swap
    Thread closer = new Thread(flags::close, name + "-closer");
    closer.start();
    Await.until(
        () -> closer.getState() == Thread.State.BLOCKED
            || closer.getState() == Thread.State.TERMINATED,
        () -> "closer blocked or done");

    clock.release.countDown();
    loader.join(WAIT.toMillis());
    closer.join(WAIT.toMillis());

    assertThat(failure.get()).as("exception thrown by load").isNull();
    assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
    assertThat(flags.version()).isEqualTo("B");
    Await.until(() -> threadsNamed(name).isEmpty(), () -> "threads " + threadsNamed(name));
  }

  /** A system clock whose {@code millis()} blocks once, when armed, until released. */
  private static final class BlockingClock extends java.time.Clock {
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean();

    void arm() {
      armed.set(true);
    }

    @Override
    public long millis() {
      if (armed.compareAndSet(true, false)) {
        blocked.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return System.currentTimeMillis();
    }

    @Override
    public java.time.Instant instant() {
      return java.time.Instant.now();
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void twoClients_independentOperatorStateAndThreads() {
    String json = doc("v1", onOff("f", "on"));
    try (Flags one =
            Flags.newBuilder().name("t-one").onChange(e -> {}).document(json).build();
        Flags two =
            Flags.newBuilder().name("t-two").onChange(e -> {}).document(json).build()) {
      one.kill("f", "only here");

      assertThat(one.evaluate("f", ANYONE).reason()).isEqualTo(Reason.KILLED);
      assertThat(two.evaluate("f", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
      assertThat(two.status().killedFlags()).isEmpty();
      Await.until(
          () -> !threadsNamed("t-one-").isEmpty() && !threadsNamed("t-two-").isEmpty(),
          () -> "listener threads of both clients");

      one.close();

      Await.until(() -> threadsNamed("t-one-").isEmpty(), () -> "t-one threads gone");
      assertThat(threadsNamed("t-two-")).isNotEmpty();
      assertThat(two.status().state()).isEqualTo(Status.State.READY);
      two.load(doc("v2", onOff("f", "off")));
      assertThat(two.isEnabled("f", ANYONE)).isFalse();
    }
  }

  @Test
  void toString_namesClientAndVersion() {
    try (Flags flags =
        Flags.newBuilder().name("t-named").document(doc("v9", onOff("f", "on"))).build()) {
      assertThat(flags.toString()).isEqualTo("Flags{t-named, version=v9}");
    }
  }

  @Test
  void builder_invalidSettings_throw() {
    assertThatThrownBy(() -> Flags.newBuilder().historySize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("history size must be at least 1 but was 0");
    assertThatThrownBy(() -> Flags.newBuilder().name(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> Flags.newBuilder().document("{}").document("{}"))
        .isInstanceOf(IllegalStateException.class);
  }

  static List<Thread> threadsNamed(String prefix) {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(prefix)) {
        out.add(t);
      }
    }
    return out;
  }
}
