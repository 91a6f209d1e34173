package dev.flags.http;

import static dev.flags.http.Polls.threads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.http.TestServer.Entity;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A fleet of clients polling one server: what it costs the server at steady state, and how fast
 * a new document reaches every client. Prints a summary line and writes it to {@code
 * target/fleet-report.txt}. Run alone with:
 *
 * <pre>
 * mvn -q -o -pl flags-core,flags-http-source verify -Dtest=FleetTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
final class FleetTest {
  private static final int CLIENTS = 50;
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration JITTER = Duration.ofMillis(500);
  private static final Duration MARGIN = Duration.ofSeconds(1);

  @Test
  void fleet_fiftyClientsPollingOneServer_mostly304sAndFastPropagation() throws IOException {
    String v1 = Docs.large("fleet-v1", 40);
    String v2 = Docs.large("fleet-v2", 40);
    Set<String> threadsBefore = threads(n -> n.startsWith("flags-"));
    List<Flags> clients = new ArrayList<>();
    List<HttpFlagSource> sources = new ArrayList<>();
    AtomicLongArray seenV2 = new AtomicLongArray(CLIENTS);
    long published;
    long failures;
    try (TestServer server = TestServer.start()) {
      AtomicReference<Entity> doc = new AtomicReference<>(Entity.json(v1, "\"fleet-v1\""));
      server.otherwise(server.conditional(doc::get));
      try {
        for (int i = 0; i < CLIENTS; i++) {
          int id = i;
          HttpFlagSource source = HttpFlagSource.newBuilder(server.uri())
              .pollInterval(INTERVAL)
              .jitter(JITTER)
              .header("X-Client", Integer.toString(i))
              .build();
          sources.add(source);
          clients.add(Flags.newBuilder()
              .name("flags-fleet-" + i)
              .source(source)
              .onChange(e -> {
                if (e.newVersion().equals("fleet-v2")) {
                  seenV2.compareAndSet(id, 0, System.nanoTime());
                }
              })
              .build());
        }
        Await.until(
            "every client serves v1",
            () -> clients.stream().allMatch(c -> c.version().equals("fleet-v1")));
        // Steady state: let every client revalidate twice, then publish v2.
        Await.until(
            "two 304s per client",
            () -> sources.stream().allMatch(s -> s.stats().notModified() >= 2));
        doc.set(Entity.json(v2, "\"fleet-v2\""));
        published = System.nanoTime();
        Await.until("every client serves v2", () -> {
          for (int i = 0; i < CLIENTS; i++) {
            if (seenV2.get(i) == 0) {
              return false;
            }
          }
          return true;
        });
        long[] after = sources.stream().mapToLong(s -> s.stats().requests()).toArray();
        Await.until("two more polls per client", () -> {
          for (int i = 0; i < CLIENTS; i++) {
            if (sources.get(i).stats().requests() < after[i] + 2) {
              return false;
            }
          }
          return true;
        });
        assertThat(clients).allSatisfy(c -> assertThat(c.version()).isEqualTo("fleet-v2"));
      } finally {
        clients.forEach(Flags::close);
      }
      failures = sources.stream().mapToLong(s -> s.stats().failures()).sum();
      Await.until(
          "the server answered every request", () -> server.handled() == server.requestCount());

      long[] propagationMillis = new long[CLIENTS];
      for (int i = 0; i < CLIENTS; i++) {
        propagationMillis[i] = (seenV2.get(i) - published) / 1_000_000;
      }
      Arrays.sort(propagationMillis);
      List<TestServer.Request> requests = server.requests();
      // Steady state: the mean time from a 304 to the same client's next poll (the gaps after a
      // 200 also include parsing and compiling a document).
      Map<String, TestServer.Request> previousOf = new HashMap<>();
      long gaps = 0;
      long gapNanos = 0;
      long minGapNanos = Long.MAX_VALUE;
      for (TestServer.Request r : requests) {
        TestServer.Request previous = previousOf.put(r.header("X-Client"), r);
        if (previous != null) {
          long gap = r.nanos() - previous.nanos();
          minGapNanos = Math.min(minGapNanos, gap);
          if (server.status(previous) == 304) {
            gaps++;
            gapNanos += gap;
          }
        }
      }
      double meanGapSeconds = gapNanos / 1e9 / gaps;
      String summary = String.format(
          Locale.ROOT,
          "fleet: clients=%d interval=%dms jitter=%dms"
              + " requests=%d 304s=%d 200s=%d bytes=%d failures=%d requests/client=%.1f"
              + " mean-gap=%.0fms requests/hour/client(steady)=%.0f"
              + " propagation p50=%dms p99=%dms max=%dms (%d cores)",
          CLIENTS,
          INTERVAL.toMillis(),
          JITTER.toMillis(),
          requests.size(),
          server.notModifiedSent(),
          server.okSent(),
          server.bytesSent(),
          failures,
          requests.size() / (double) CLIENTS,
          meanGapSeconds * 1000,
          3600 / meanGapSeconds,
          percentile(propagationMillis, 50),
          percentile(propagationMillis, 99),
          propagationMillis[CLIENTS - 1],
          Runtime.getRuntime().availableProcessors());
      System.out.println(summary);
      Path report = Path.of("target", "fleet-report.txt");
      Files.createDirectories(report.getParent());
      Files.writeString(report, summary + System.lineSeparator(), StandardCharsets.UTF_8);

      assertThat(failures).isZero();
      // One full document per client at start and one after the change; the rest are 304s
      // (allowing for a request cut short by close()).
      assertThat(server.okSent()).isEqualTo(2L * CLIENTS);
      assertThat(server.notModifiedSent())
          .isBetween(requests.size() - 2L * CLIENTS - 2, requests.size() - 2L * CLIENTS);
      assertThat(propagationMillis[CLIENTS - 1])
          .isLessThan(INTERVAL.plus(JITTER).plus(MARGIN).toMillis());
      // No client polls more often than its interval allows.
      assertThat(Duration.ofNanos(minGapNanos)).isGreaterThanOrEqualTo(INTERVAL);
    }
    Await.until("no client thread is left", () -> {
      Set<String> now = threads(n -> n.startsWith("flags-"));
      now.removeAll(threadsBefore);
      return now.isEmpty();
    });
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
