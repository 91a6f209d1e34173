package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll loop on a real scheduler, with requests the test completes by hand. */
final class PollerTest {
  private static final Duration LATER = Duration.ofHours(1);
  private static final Duration RETRY = Duration.ofMinutes(7);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  // Results handled on the thread that completes the request, as the test does.
  private final Poller<String> poller = new Poller<>(Runnable::run);
  /** Requests sent, in order, for the test to complete. */
  private final BlockingQueue<CompletableFuture<String>> sent = new LinkedBlockingQueue<>();

  private final List<String> results = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    poller.close();
    scheduler.shutdownNow();
  }

  private void start() {
    poller.start(
        scheduler,
        () -> {
          CompletableFuture<String> f = new CompletableFuture<>();
          sent.add(f);
          return f;
        },
        result -> {
          results.add(result);
          return LATER;
        },
        error -> {
          failures.add(error);
          return RETRY;
        });
  }

  private CompletableFuture<String> nextRequest() throws InterruptedException {
    CompletableFuture<String> f = sent.poll(10, TimeUnit.SECONDS);
    if (f == null) {
      fail("no request was sent");
    }
    return f;
  }

  private void assertNoRequest() throws InterruptedException {
    assertThat(sent.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(2);
    }
  }

  @Test
  void start_firstPoll_atOnce() throws InterruptedException {
    start();

    assertThat(poller.nextDelay()).isEqualTo(Duration.ZERO);
    assertThat(nextRequest()).isNotDone();
  }

  @Test
  void start_pollFinished_nextAfterTheDelayItChose() throws InterruptedException {
    start();

    nextRequest().complete("a");

    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));
    assertThat(results).containsExactly("a");
    assertNoRequest();
  }

  @Test
  void pollNow_idle_pollsAtOnce() throws InterruptedException {
    start();
    nextRequest().complete("a");
    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));

    poller.pollNow();

    assertThat(poller.nextDelay()).isEqualTo(Duration.ZERO);
    nextRequest().complete("b");
    await("the second result", () -> results.size() == 2);
  }

  @Test
  void pollNow_duringPoll_onceMoreRightAfter() throws InterruptedException {
    start();
    CompletableFuture<String> first = nextRequest();

    poller.pollNow();
    poller.pollNow();
    poller.pollNow();
    assertNoRequest(); // never two at a time
    first.complete("a");

    nextRequest().complete("b");
    await("the second result", () -> results.size() == 2);
    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));
    assertNoRequest(); // three calls, one more poll
    assertThat(results).containsExactly("a", "b");
  }

  @Test
  void pollWithin_nextPollLater_movedToTheDelay() throws InterruptedException {
    start();
    nextRequest().complete("a");
    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));

    poller.pollWithin(Duration.ofMillis(50));

    assertThat(poller.nextDelay()).isEqualTo(Duration.ofMillis(50));
    nextRequest().complete("b");
    await("the second result", () -> results.size() == 2);
  }

  @Test
  void pollWithin_nextPollSooner_staysAndOnePollServesBoth() throws InterruptedException {
    start();
    nextRequest().complete("a");
    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));
    poller.pollWithin(Duration.ofMillis(100));

    poller.pollWithin(Duration.ofHours(2)); // later than the one due: ignored
    poller.pollWithin(Duration.ofMinutes(30));

    assertThat(poller.nextDelay()).isEqualTo(Duration.ofMillis(100));
    nextRequest().complete("b");
    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));
    assertNoRequest();
  }

  @Test
  void pollWithin_duringPoll_onceMoreWithinTheShortestDelayAfterIt() throws InterruptedException {
    start();
    CompletableFuture<String> first = nextRequest();

    poller.pollWithin(Duration.ofMinutes(10));
    poller.pollWithin(Duration.ofMillis(30));
    poller.pollWithin(Duration.ofMinutes(20));
    first.complete("a");

    await("one more poll scheduled", () -> Duration.ofMillis(30).equals(poller.nextDelay()));
    nextRequest().complete("b");
    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));
    assertNoRequest();
  }

  @Test
  void pollWithin_duringPollLongerThanItsOwnDelay_theResultsDelayWins()
      throws InterruptedException {
    start();
    CompletableFuture<String> first = nextRequest();

    poller.pollWithin(Duration.ofHours(3)); // LATER (1 h) comes first

    first.complete("a");
    await("the next poll scheduled", () -> LATER.equals(poller.nextDelay()));
    assertNoRequest();
  }

  @Test
  void pollNow_beforeStart_ignored() throws InterruptedException {
    poller.pollNow();

    assertThat(poller.nextDelay()).isNull();
    assertNoRequest();
  }

  @Test
  void close_requestInFlight_cancelledAndNotReported() throws InterruptedException {
    start();
    CompletableFuture<String> inFlight = nextRequest();

    assertThat(poller.close()).isTrue();

    // The poll may still be between sending and recording the request: it cancels it then.
    await("the request cancelled", inFlight::isCancelled);
    assertThat(poller.isClosed()).isTrue();
    assertThat(results).isEmpty();
    assertThat(failures).isEmpty();
    poller.pollNow();
    assertNoRequest();
  }

  @Test
  void close_twice_secondCallFalse() {
    assertThat(poller.close()).isTrue();
    assertThat(poller.close()).isFalse();
  }

  @Test
  void start_afterClose_ignored() throws InterruptedException {
    poller.close();

    start();

    assertThat(poller.nextDelay()).isNull();
    assertNoRequest();
  }

  @Test
  void start_sendThrows_onFailureChoosesTheDelay() throws InterruptedException {
    IllegalStateException refused = new IllegalStateException("client shut down");
    poller.start(
        scheduler,
        () -> {
          throw refused;
        },
        result -> LATER,
        error -> {
          failures.add(error);
          return RETRY;
        });

    await("the retry scheduled", () -> RETRY.equals(poller.nextDelay()));
    assertThat(failures).containsExactly(refused);
  }

  @Test
  void start_requestFails_onFailureGetsTheCause() throws InterruptedException {
    start();
    IOException cause = new IOException("boom");

    nextRequest().completeExceptionally(new CompletionException(cause));

    await("the retry scheduled", () -> RETRY.equals(poller.nextDelay()));
    assertThat(failures).containsExactly(cause);
    assertThat(results).isEmpty();
  }

  @Test
  void start_onResultThrows_onFailureChoosesTheDelay() throws InterruptedException {
    IllegalStateException bug = new IllegalStateException("bug");
    poller.start(
        scheduler,
        () -> CompletableFuture.completedFuture("a"),
        result -> {
          throw bug;
        },
        error -> {
          failures.add(error);
          return RETRY;
        });

    await("the retry scheduled", () -> RETRY.equals(poller.nextDelay()));
    assertThat(failures).containsExactly(bug);
  }

  @Test
  void close_whileAResultIsHandled_waitsForTheHandling() throws InterruptedException {
    ExecutorService handlers = Executors.newSingleThreadExecutor();
    Poller<String> p = new Poller<>(handlers);
    CountDownLatch handling = new CountDownLatch(1);
    AtomicBoolean handled = new AtomicBoolean();
    try {
      p.start(
          scheduler,
          () -> CompletableFuture.completedFuture("a"),
          result -> {
            handling.countDown();
            sleep(Duration.ofMillis(300)); // a slow handling: a large document, a cache write
            handled.set(true);
            return LATER;
          },
          error -> RETRY);
      assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(p.close()).isTrue();

      assertThat(handled).isTrue();
    } finally {
      handlers.shutdownNow();
    }
  }

  @Test
  void close_fromTheHandlingItself_doesNotWaitForItself() throws InterruptedException {
    ExecutorService handlers = Executors.newSingleThreadExecutor();
    Poller<String> p = new Poller<>(handlers);
    CountDownLatch closed = new CountDownLatch(1);
    try {
      p.start(
          scheduler,
          () -> CompletableFuture.completedFuture("a"),
          result -> {
            p.close();
            closed.countDown();
            return LATER;
          },
          error -> RETRY);

      assertThat(closed.await(2, TimeUnit.SECONDS)).isTrue(); // far below Poller.CLOSE_WAIT
      assertThat(p.isClosed()).isTrue();
    } finally {
      handlers.shutdownNow();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
