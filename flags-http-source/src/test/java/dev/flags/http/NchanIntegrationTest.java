package dev.flags.http;

import static dev.flags.http.Polls.httpStatus;
import static dev.flags.http.Polls.threads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push notifications through a real relay: nginx with the nchan module, configured here (a
 * publisher and a subscriber location; the same nginx also serves the document), and a second
 * nginx that serves only the document, for when the relay is stopped. A fleet of clients in this
 * JVM, each with its own source, HTTP client and stream. Prints its figures and writes them to
 * {@code target/nchan-report.txt}. Skipped without nginx and nchan ({@code apt-get install nginx
 * libnginx-mod-nchan}), except on CI ({@code CI=true}), where it fails. Run alone with:
 *
 * <pre>
 * mvn -B -ntp -o verify -pl flags-core,flags-http-source -Dtest=NchanIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
 * </pre>
 */
final class NchanIntegrationTest {
  private static final int CLIENTS = 200;
  private static final Path REPORT = Path.of("target", "nchan-report.txt");

  @TempDir
  static Path root;

  private static Path www;
  private static NginxProcess relay;
  private static NginxProcess origin;
  private static boolean reportStarted;

  private final HttpClient publisher = HttpClient.newHttpClient();
  private final List<Flags> clients = new ArrayList<>();

  @BeforeAll
  static void startNginx() throws Exception {
    Path nchan = NginxProcess.requireNchan();
    www = Files.createDirectories(root.resolve("www"));
    Path relayDir = Files.createDirectories(root.resolve("relay"));
    relay = NginxProcess.start(relayDir, port -> relayConfig(nchan, relayDir, www, port));
    Path originDir = Files.createDirectories(root.resolve("origin"));
    origin = NginxProcess.start(originDir, port -> originConfig(originDir, www, port));
  }

  @AfterAll
  static void stopNginx() throws InterruptedException {
    if (relay != null) {
      relay.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @AfterEach
  void closeClients() {
    clients.forEach(Flags::close);
    Await.until(
        "no notification thread left",
        () -> threads(n -> n.matches("flags-http-\\d+-notifications")).isEmpty());
  }

  /** The relay: nchan's publisher and subscriber locations, and the document. */
  static String relayConfig(Path nchan, Path dir, Path www, int port) {
    return "load_module " + nchan + ";\n" + NginxProcess.preamble(dir, 4096)
        + """
        worker_rlimit_nofile 8192;
        http {
          types { application/json json; }
          default_type application/octet-stream;
          access_log off;
        %4$s  etag on;
          keepalive_timeout 10s;
          nchan_shared_memory_size 32m;
          server {
            listen 127.0.0.1:%1$d;
            root %2$s;
            location = /flags.json {
              add_header Cache-Control "no-cache";
            }
            location = /flags/publish {
              nchan_publisher;
              nchan_channel_id flags;
              nchan_message_buffer_length 16;
              nchan_message_timeout 1h;
              allow 127.0.0.1;
              deny all;
            }
            location = /flags/events {
              nchan_subscriber eventsource;
              nchan_channel_id flags;
              nchan_subscriber_first_message newest;
              nchan_eventsource_ping_interval %3$d;
            }
          }
        }
        """.formatted(port, www, 10, NginxProcess.tempPaths(dir));
  }

  /** An nginx that only serves the document. */
  static String originConfig(Path dir, Path www, int port) {
    return NginxProcess.preamble(dir, 4096) + """
        worker_rlimit_nofile 8192;
        http {
          types { application/json json; }
          default_type application/octet-stream;
          access_log off;
        %3$s  etag on;
          keepalive_timeout 10s;
          server {
            listen 127.0.0.1:%1$d;
            root %2$s;
            location = /flags.json {
              add_header Cache-Control "no-cache";
            }
          }
        }
        """.formatted(port, www, NginxProcess.tempPaths(dir));
  }

  private static URI uri(NginxProcess nginx, String path) {
    return URI.create("http://127.0.0.1:" + nginx.port() + path);
  }

  /** Replaces the document atomically: a reader sees the old file or the new one. */
  private static void publishDocument(String json) throws IOException {
    Path tmp = www.resolve(".flags.json.tmp");
    Files.writeString(tmp, json, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        www.resolve("flags.json"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Posts a notification to the relay's publisher location. */
  private void notifyRelay(String message) throws Exception {
    HttpResponse<String> r = publisher.send(
        HttpRequest.newBuilder(uri(relay, "/flags/publish"))
            .POST(HttpRequest.BodyPublishers.ofString(message))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("publish: %s", r.body()).isIn(201, 202);
  }

  /** Starts the fleet; {@code served} hears each client's index and new version. */
  private List<HttpFlagSource> startFleet(
      URI document, Consumer<HttpFlagSource.Builder> settings, Served served) {
    List<HttpFlagSource> sources = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      int id = i;
      HttpFlagSource.Builder b =
          HttpFlagSource.newBuilder(document).notifications(uri(relay, "/flags/events"));
      settings.accept(b);
      HttpFlagSource source = b.build();
      sources.add(source);
      clients.add(Flags.newBuilder()
          .name("nchan-" + i)
          .source(source)
          .onChange(e -> served.served(id, e.newVersion()))
          .build());
    }
    return sources;
  }

  /** Hears that a client serves a new version. */
  @FunctionalInterface
  private interface Served {
    void served(int client, String version);
  }

  /** Waits until every stream is open and every request answered. */
  private static void awaitSettled(List<HttpFlagSource> sources) {
    Await.until(Duration.ofSeconds(60), "every stream open and every request answered", () -> {
      for (HttpFlagSource s : sources) {
        HttpSourceStats st = s.stats();
        if (st.notificationsConnectedSince() == null
            || st.requests() < 2
            || st.requests() != st.notModified() + st.documents() + st.failures()) {
          return false;
        }
      }
      return true;
    });
  }

  private static long sum(
      List<HttpFlagSource> sources, java.util.function.ToLongFunction<HttpSourceStats> f) {
    return sources.stream().mapToLong(s -> f.applyAsLong(s.stats())).sum();
  }

  @Test
  void fleet_killPublished_everyClientServesItWithinASecond() throws Exception {
    publishDocument(Docs.valid("fleet-1", true));
    AtomicLongArray servedAt = new AtomicLongArray(CLIENTS);
    long startedAt = System.nanoTime();
    List<HttpFlagSource> sources = startFleet(
        uri(relay, "/flags.json"),
        b -> {}, // every default: 500 ms notification delay, 5 min backstop, 60 s read timeout
        (client, version) -> {
          if (version.equals("fleet-kill")) {
            servedAt.compareAndSet(client, 0, System.nanoTime());
          }
        });
    awaitSettled(sources);
    long settledMillis = (System.nanoTime() - startedAt) / 1_000_000;
    assertThat(clients).allSatisfy(c -> assertThat(c.isEnabled("feature")).isTrue());
    long requestsBefore = sum(sources, HttpSourceStats::requests);
    long documentsBefore = sum(sources, HttpSourceStats::documents);

    // The kill: the document replaced atomically, then a notification.
    long published = System.nanoTime();
    publishDocument(Docs.valid("fleet-kill", false));
    notifyRelay("{\"version\":\"fleet-kill\"}");

    Await.until("every client serves the kill", () -> {
      for (int i = 0; i < CLIENTS; i++) {
        if (servedAt.get(i) == 0) {
          return false;
        }
      }
      return true;
    });
    Await.until(
        "every request answered",
        () -> sources.stream().allMatch(s -> {
          HttpSourceStats st = s.stats();
          return st.requests() == st.notModified() + st.documents() + st.failures();
        }));
    long[] millis = new long[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      millis[i] = (servedAt.get(i) - published) / 1_000_000;
    }
    Arrays.sort(millis);
    long gets = sum(sources, HttpSourceStats::requests) - requestsBefore;
    long bodies = sum(sources, HttpSourceStats::documents) - documentsBefore;
    long events = sum(sources, HttpSourceStats::notificationEvents);
    String figure = String.format(
        Locale.ROOT,
        "nchan fleet: clients=%d notificationDelay=%dms publish-to-served p50=%dms p99=%dms"
            + " max=%dms GETs=%d (200s=%d 304s=%d) GETs/change/client=%.2f events=%d"
            + " start-to-all-open=%dms (%d cores)",
        CLIENTS,
        HttpFlagSource.DEFAULT_NOTIFICATION_DELAY.toMillis(),
        percentile(millis, 50),
        percentile(millis, 99),
        millis[CLIENTS - 1],
        gets,
        bodies,
        gets - bodies,
        gets / (double) CLIENTS,
        events,
        settledMillis,
        Runtime.getRuntime().availableProcessors());
    report(figure);

    assertThat(clients).allSatisfy(c -> assertThat(c.isEnabled("feature")).isFalse());
    assertThat(percentile(millis, 99)).isLessThanOrEqualTo(1000);
    assertThat(millis[CLIENTS - 1]).isLessThanOrEqualTo(2000);
    assertThat(events).isEqualTo(CLIENTS);
    assertThat(gets).isEqualTo(CLIENTS); // one conditional GET per client for the change
    assertThat(sum(sources, HttpSourceStats::failures)).isZero();
  }

  @Test
  void relayStopped_clientsPoll_relayRestarted_clientsConvergeOnReconnecting() throws Exception {
    Duration interval = Duration.ofSeconds(2);
    Duration jitter = Duration.ofMillis(200);
    publishDocument(Docs.valid("relay-1", true));
    AtomicLongArray polledAt = new AtomicLongArray(CLIENTS);
    AtomicReferenceArray<Instant> reconnectedAt = new AtomicReferenceArray<>(CLIENTS);
    List<HttpFlagSource> sources = startFleet(
        uri(origin, "/flags.json"),
        b -> b.pollInterval(interval)
            .jitter(jitter)
            .notificationBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
        (client, version) -> {
          if (version.equals("relay-2")) {
            polledAt.compareAndSet(client, 0, System.nanoTime());
          } else if (version.equals("relay-3")) {
            reconnectedAt.compareAndSet(client, null, Instant.now());
          }
        });
    awaitSettled(sources);

    relay.stop();
    Await.until(
        "every client knows notifications are down",
        () -> clients.stream().allMatch(c -> {
          String d = httpStatus(c).detail();
          return d != null && d.startsWith("notifications down");
        }));
    long changed = System.nanoTime();
    publishDocument(Docs.valid("relay-2", false));
    Await.until("every client polls relay-2", () -> {
      for (int i = 0; i < CLIENTS; i++) {
        if (polledAt.get(i) == 0) {
          return false;
        }
      }
      return true;
    });
    long[] pollMillis = new long[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      pollMillis[i] = (polledAt.get(i) - changed) / 1_000_000;
    }
    Arrays.sort(pollMillis);
    // Polling works: not one client is STALE for its notifications alone.
    assertThat(clients).allSatisfy(c -> {
      assertThat(c.status().state()).isEqualTo(Status.State.READY);
      assertThat(httpStatus(c).detail()).startsWith("notifications down: ");
    });

    publishDocument(Docs.valid("relay-3", true));
    relay.restart();
    Await.until("every client serves relay-3", () -> {
      for (int i = 0; i < CLIENTS; i++) {
        if (reconnectedAt.get(i) == null) {
          return false;
        }
      }
      return true;
    });
    Await.until(
        "every stream open again",
        () -> sources.stream().allMatch(s -> s.stats().notificationsConnectedSince() != null));
    long[] afterReconnect = new long[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      Instant connected = sources.get(i).stats().notificationsConnectedSince();
      afterReconnect[i] = Duration.between(connected, reconnectedAt.get(i)).toMillis();
    }
    Arrays.sort(afterReconnect);
    String figure = String.format(
        Locale.ROOT,
        "nchan relay stopped: clients=%d interval=%dms jitter=%dms change-to-served-by-polling"
            + " p50=%dms max=%dms (limit %dms); relay restarted: served-minus-reconnected"
            + " p50=%dms max=%dms (limit 2000ms)",
        CLIENTS,
        interval.toMillis(),
        jitter.toMillis(),
        percentile(pollMillis, 50),
        pollMillis[CLIENTS - 1],
        interval.plus(jitter).plusSeconds(1).toMillis(),
        percentile(afterReconnect, 50),
        afterReconnect[CLIENTS - 1]);
    report(figure);

    assertThat(pollMillis[CLIENTS - 1])
        .isLessThanOrEqualTo(interval.plus(jitter).plusSeconds(1).toMillis());
    assertThat(afterReconnect[CLIENTS - 1]).isLessThanOrEqualTo(2000);
    assertThat(clients).allSatisfy(c -> {
      assertThat(c.version()).isEqualTo("relay-3");
      assertThat(httpStatus(c).detail()).isNull();
    });
  }

  private static synchronized void report(String figure) throws IOException {
    System.out.println(figure);
    Files.createDirectories(REPORT.getParent());
    if (!reportStarted) {
      Files.deleteIfExists(REPORT);
      reportStarted = true;
    }
    Files.writeString(
        REPORT,
        figure + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
