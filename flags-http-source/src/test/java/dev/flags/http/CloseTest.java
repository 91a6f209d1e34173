package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.threads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.http.TestServer.Entity;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** close(): prompt, idempotent, cancels what is in flight, and leaves no thread behind. */
final class CloseTest {
  /** Threads a client with an HTTP source may start (the client is named "close-test"). */
  private static boolean ours(String thread) {
    return thread.startsWith("flags-http-")
        || thread.startsWith("close-test-")
        || thread.matches("HttpClient-\\d+-SelectorManager");
  }

  private final TestServer server = TestServer.start();

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void close_whileFailingFast_noRequestAfterwards() {
    server.otherwise(TestServer.status(500));
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri())
        .backoff(Duration.ofMillis(20), Duration.ofMillis(40))
        .build();
    Flags flags = Flags.newBuilder().source(source).build();
    Await.until("a few retries", () -> server.requestCount() >= 5);

    flags.close();

    long sent = source.stats().requests();
    // A request sent just before close() may still reach the server; none may start after it.
    Await.stays(
        Duration.ofMillis(500),
        "no new requests",
        () -> source.stats().requests() == sent && server.requestCount() <= sent);
    assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
  }

  @Test
  void close_requestInFlight_cancelledWithoutWaitingOrReporting() {
    server.then(TestServer.json(Docs.valid("v1"))).otherwise(server.hang());
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .requestTimeout(Duration.ofSeconds(60))
        .build();
    Flags flags = Flags.newBuilder().source(source).build();
    awaitPolls(source, 1);
    source.pollNow();
    Await.until("the server holds the second request", () -> server.requestCount() == 2);

    long start = System.nanoTime();
    try (Polls.CapturedStderr err = new Polls.CapturedStderr()) {
      flags.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // Far below the 60 s request timeout: close() did not wait for the server.
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(err.text()).doesNotContain("poll failed");
    }
    assertThat(source.stats().failures()).isZero(); // being closed is not a failure
    assertThat(flags.version()).isEqualTo("v1"); // evaluations keep answering
    assertThat(flags.isEnabled("feature")).isTrue();
    Await.stays(Duration.ofMillis(200), "no new requests", () -> server.requestCount() == 2);
  }

  @Test
  void close_twice_idempotent() {
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\"")));
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri()).build();
    Flags flags = Flags.newBuilder().source(source).build();
    awaitPolls(source, 1);

    flags.close();
    flags.close();
    source.close();
    source.pollNow(); // ignored once closed
    flags.refreshSources();

    assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
    Await.stays(Duration.ofMillis(100), "no new requests", () -> server.requestCount() == 1);
  }

  @Test
  void close_sourceNeverStarted_noThreads() {
    Set<String> before = threads(CloseTest::ours);
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri()).build();
    source.pollNow(); // not started: nothing to do
    source.close();
    Set<String> after = threads(CloseTest::ours);
    after.removeAll(before);
    assertThat(after.stream().filter(n -> n.startsWith("flags-http-"))).isEmpty();
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void close_afterPolling_everyThreadEnds() {
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\"")));
    Set<String> before = threads(CloseTest::ours);

    Set<String> started = runClientAndClose(before);

    assertThat(started)
        .anyMatch(n -> n.startsWith("flags-http-"))
        .anyMatch(n -> n.startsWith("close-test-source-"))
        .anyMatch(n -> n.startsWith("close-test-change-listener-"));
    Set<String> named = new HashSet<>(started);
    named.removeIf(n -> n.startsWith("HttpClient-"));
    Await.until(
        Duration.ofSeconds(5),
        "the source's and the client's threads end",
        () -> Collections.disjoint(threads(CloseTest::ours), named));
    // On JDK 17 java.net.http has no close(): its selector thread ends once the HttpClient is
    // unreachable, which a closed source guarantees (nothing keeps a reference to it).
    Await.until(Duration.ofSeconds(30), "the HttpClient selector thread ends", () -> {
      System.gc();
      return Collections.disjoint(threads(CloseTest::ours), started);
    });
  }

  /** Runs a client until it polled a few times, closes it, and returns the threads it started. */
  private Set<String> runClientAndClose(Set<String> before) {
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri()).build();
    Flags flags =
        Flags.newBuilder().name("close-test").source(source).onChange(e -> {}).build();
    awaitPolls(source, 1);
    Polls.pollNowAndWait(source);
    assertThat(source.stats().notModified()).isEqualTo(1);
    Set<String> started = threads(CloseTest::ours);
    started.removeAll(before);
    flags.close();
    return started;
  }
}
