package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.httpStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ChangeEvent;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polls a real nginx (its own configuration in a temporary directory, never the system service):
 * ETag revalidation, gzip, and an atomic rename picked up within one poll interval. Skipped when
 * nginx is not installed ({@code apt-get install nginx}), except on CI ({@code CI=true}), where
 * it fails.
 */
final class NginxIntegrationTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration JITTER = Duration.ofMillis(200);
  private static final Duration MARGIN = Duration.ofSeconds(2);

  @TempDir
  static Path root;

  private static NginxProcess nginx;
  private static int port;
  private static Path www;

  private Flags flags;

  @BeforeAll
  static void startNginx() throws Exception {
    www = Files.createDirectories(root.resolve("www"));
    nginx = NginxProcess.start(root, p -> config(root, www, p));
    port = nginx.port();
  }

  @AfterAll
  static void stopNginx() throws InterruptedException {
    if (nginx != null) {
      nginx.close();
    }
  }

  @AfterEach
  void closeClient() {
    if (flags != null) {
      flags.close();
    }
  }

  static String config(Path root, Path www, int port) {
    return NginxProcess.preamble(root, 128)
        + """
        http {
          types { application/json json; text/html html; }
          default_type application/octet-stream;
          access_log %1$s/logs/access.log;
        %4$s  sendfile on;
          etag on;
          gzip on;
          gzip_types application/json;
          gzip_min_length 0;
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
            location / {
              add_header Cache-Control "no-cache";
            }
          }
        }
        """.formatted(root, port, www, NginxProcess.tempPaths(root));
  }

  private static void publish(String name, String json) throws IOException {
    Path tmp = www.resolve("." + name + ".tmp");
    Files.writeString(tmp, json, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        www.resolve(name),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private HttpFlagSource start(String name, List<ChangeEvent> changes) {
    HttpFlagSource source = HttpFlagSource.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/" + name))
        .pollInterval(INTERVAL)
        .jitter(JITTER)
        .build();
    flags = Flags.newBuilder().source(source).onChange(changes::add).build();
    return source;
  }

  @Test
  void poll_unchangedFile_304sWithGzippedFirstResponse() throws Exception {
    String json = Docs.large("nginx-v1", 150);
    publish("large.json", json);
    List<ChangeEvent> changes = new CopyOnWriteArrayList<>();
    HttpFlagSource source = start("large.json", changes);

    HttpSourceStats first = awaitPolls(source, 1);
    assertThat(flags.version()).isEqualTo("nginx-v1");
    // gzip was used: fewer bytes on the wire than the document has.
    assertThat(first.bytesReceived()).isPositive().isLessThan(json.length() / 4);
    assertThat(first.etag()).startsWith("W/\""); // nginx weakens the ETag of a gzipped body

    HttpSourceStats later =
        Await.until("two 304s from nginx", source::stats, s -> s.notModified() >= 2);
    assertThat(later.documents()).isEqualTo(1);
    assertThat(later.bytesReceived()).isEqualTo(first.bytesReceived()); // 304s have no body
    assertThat(later.failures()).isZero();
    assertThat(flags.history()).hasSize(1);
    assertThat(changes).hasSize(1);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);

    // The same, seen directly: gzip, an ETag, and a 304 for it.
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> full = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/large.json"))
            .header("Accept-Encoding", "gzip")
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(full.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(full.headers().firstValue("content-type")).hasValue("application/json");
    HttpResponse<byte[]> revalidated = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/large.json"))
            .header("Accept-Encoding", "gzip")
            .header("If-None-Match", full.headers().firstValue("etag").orElseThrow())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(revalidated.statusCode()).isEqualTo(304);
  }

  @Test
  void atomicRename_newDocument_servedWithinOneIntervalPlusJitter() throws Exception {
    publish("flags.json", Docs.valid("rename-0"));
    List<ChangeEvent> changes = new CopyOnWriteArrayList<>();
    HttpFlagSource source = start("flags.json", changes);
    Await.until("a first 304", () -> source.stats().notModified() >= 1);

    List<Long> millis = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String version = "rename-" + i;
      // nginx's ETag is mtime-size, with one-second resolution: alternating on/off changes the
      // size, so two files written within the same second still get different ETags.
      publish("flags.json", Docs.valid(version, i % 2 == 0));
      long renamed = System.nanoTime();
      Await.until("version " + version, () -> flags.version().equals(version));
      millis.add((System.nanoTime() - renamed) / 1_000_000);
    }

    String figure = String.format(
        Locale.ROOT,
        "nginx: interval=%dms jitter=%dms" + " rename-to-served=%s ms max=%dms (limit %dms)",
        INTERVAL.toMillis(),
        JITTER.toMillis(),
        millis,
        millis.stream().mapToLong(Long::longValue).max().orElseThrow(),
        INTERVAL.plus(JITTER).plus(MARGIN).toMillis());
    System.out.println(figure);
    Path report = Path.of("target", "nginx-report.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, figure + System.lineSeparator(), StandardCharsets.UTF_8);
    assertThat(millis)
        .allSatisfy(
            ms -> assertThat(ms).isLessThan(INTERVAL.plus(JITTER).plus(MARGIN).toMillis()));
    assertThat(source.stats().failures()).isZero();
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
    assertThat(flags.history()).hasSize(4);
  }
}
