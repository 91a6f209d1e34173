package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.httpStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flags.ChangeEvent;
import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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

  private static Process nginx;
  private static int port;
  private static Path www;

  private Flags flags;

  @BeforeAll
  static void startNginx() throws Exception {
    Path binary = findNginx();
    if (binary == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("nginx is not installed, and CI=true requires this test to run:"
            + " apt-get install nginx (.ci/run installs it)");
      }
      Assumptions.assumeTrue(false, "nginx not installed: apt-get install nginx");
    }
    www = Files.createDirectories(root.resolve("www"));
    Files.createDirectories(root.resolve("logs"));
    Files.createDirectories(root.resolve("tmp"));
    for (int attempt = 1; ; attempt++) {
      port = TestServer.freePort();
      Path conf = root.resolve("nginx.conf");
      Files.writeString(conf, config(root, www, port));
      nginx = new ProcessBuilder(
              binary.toString(),
              "-e",
              root.resolve("logs/error.log").toString(),
              "-p",
              root + "/",
              "-c",
              conf.toString(),
              "-g",
              "daemon off;")
          .redirectErrorStream(true)
          .redirectOutput(root.resolve("logs/stdout.log").toFile())
          .start();
      if (awaitListening(nginx, port)) {
        return;
      }
      nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      if (attempt == 3) {
        fail("nginx did not start: " + Files.readString(root.resolve("logs/stdout.log"))
            + readIfExists(root.resolve("logs/error.log")));
      }
    }
  }

  @AfterAll
  static void stopNginx() throws InterruptedException {
    if (nginx != null) {
      nginx.destroy(); // SIGTERM: nginx's fast shutdown
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @AfterEach
  void closeClient() {
    if (flags != null) {
      flags.close();
    }
  }

  static String config(Path root, Path www, int port) {
    // As root, workers would switch to "nobody", which cannot read the private temp directory.
    boolean isRoot = "root".equals(System.getProperty("user.name"));
    return (isRoot ? "user root;\n" : "") + """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log warn;
        events { worker_connections 128; }
        http {
          types { application/json json; text/html html; }
          default_type application/octet-stream;
          access_log %1$s/logs/access.log;
          client_body_temp_path %1$s/tmp/client_body;
          proxy_temp_path %1$s/tmp/proxy;
          fastcgi_temp_path %1$s/tmp/fastcgi;
          uwsgi_temp_path %1$s/tmp/uwsgi;
          scgi_temp_path %1$s/tmp/scgi;
          sendfile on;
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
        """.formatted(root, port, www);
  }

  private static @Nullable Path findNginx() {
    List<String> dirs = new ArrayList<>(
        List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"));
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nginx"))) {
        return Path.of(dir, "nginx");
      }
    }
    return null;
  }

  private static boolean awaitListening(Process process, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false; // e.g. the port was taken in the meantime
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    return false;
  }

  private static String readIfExists(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
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
