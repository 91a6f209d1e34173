package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flags.testsupport.Await;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} in-process, against a real file being rewritten and a real HTTP server on
 * loopback: stopped with {@code --for} or by interrupting the thread it runs on.
 */
final class WatchCommandTest {
  @TempDir
  Path dir;

  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A flag document: {@code a} (enabled or not) and {@code b}, at a version. */
  static String document(String version, boolean aEnabled) {
    return """
        {"schema": 1, "version": "%s", "flags": {
          "a": {"enabled": %s, "variants": {"on": true, "off": false}, "offVariant": "off",
                "fallthrough": {"variant": "on"}},
          "b": {"variants": {"on": true, "off": false}, "offVariant": "off",
                "fallthrough": {"variant": "on"}}}}
        """.formatted(version, aEnabled);
  }

  static final String INVALID = """
      {"schema": 1, "version": "v3", "flags": {"a": {"variants": {"on": true},
        "offVariant": "of", "fallthrough": {"variant": "no"}}}}
      """;

  /** A watch running on a thread of its own, its output collected. */
  static final class Running {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicInteger code = new AtomicInteger(-1);
    final Thread thread;

    Running(String... args) {
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      thread = new Thread(
          () -> code.set(FlagsCli.run(args, new ByteArrayInputStream(new byte[0]), out, out)),
          "watch-under-test");
      thread.start();
    }

    /** The output, each line without its time column. */
    List<String> lines() {
      return bytes
          .toString(StandardCharsets.UTF_8)
          .lines()
          .map(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*")
              ? l.substring(25)
              : l)
          .collect(Collectors.toList());
    }

    void awaitLine(String line) {
      Await.until(
          "output line: " + line + "\n" + String.join("\n", lines()),
          () -> lines().contains(line));
    }

    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(15_000);
      assertThat(thread.isAlive()).isFalse();
      return code.get();
    }
  }

  /** Replaces the file in one step, as editors and deploy tools do. */
  private void write(Path file, String text) throws IOException {
    Path tmp = Files.writeString(dir.resolve("tmp.json"), text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void watch_fileRewritten_printsSwapsKillsRejectionsAndStatus() throws Exception {
    Path file = dir.resolve("flags.json");
    write(file, document("v1", true));
    String name = "file:" + file;
    Running w = new Running("watch", file.toString(), "--poll", "20ms");
    w.awaitLine("swap (none) -> v1 (UPDATE from " + name + "): 2 flags");
    w.awaitLine("status READY (serving v1)");

    write(file, document("v2", false));
    w.awaitLine("kill a: \"enabled\": false in v2, every context gets the off-variant off");

    write(file, INVALID);
    w.awaitLine("    flags.a.fallthrough.variant: 'no' is not a declared variant (declared: on)");
    w.awaitLine("status STALE: INVALID_DOCUMENT: document version 'v3' rejected (2 problems):"
        + " flags.a.offVariant: 'of' is not a declared variant (declared: on); ... (serving v2)");

    write(file, document("v4", true) + " ");
    w.awaitLine("restore a: \"enabled\": true in v4");
    w.awaitLine("status READY (serving v4)");

    assertThat(w.stop()).isZero();
    List<String> lines = w.lines();
    assertThat(lines.get(0)).isEqualTo("watching " + name + " (poll every 20ms), until Ctrl-C");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("stopped, serving version v4 (READY)");
    // Each kind of line comes from one thread, in order.
    assertThat(lines.stream().filter(l -> !l.startsWith("status ")).toList())
        .containsExactly(
            "watching " + name + " (poll every 20ms), until Ctrl-C",
            "swap (none) -> v1 (UPDATE from " + name + "): 2 flags",
            "swap v1 -> v2 (UPDATE from " + name + "): changed a (enabled)",
            "kill a: \"enabled\": false in v2, every context gets the off-variant off",
            "reject version v3 from " + name + ": 2 problems, still serving v2",
            "    flags.a.offVariant: 'of' is not a declared variant (declared: on)",
            "    flags.a.fallthrough.variant: 'no' is not a declared variant (declared: on)",
            "swap v2 -> v4 (UPDATE from " + name + "): changed a (enabled)",
            "restore a: \"enabled\": true in v4",
            "stopped, serving version v4 (READY)");
    assertThat(lines.stream().filter(l -> l.startsWith("status ")).toList())
        .endsWith(
            "status READY (serving v1)",
            "status STALE: INVALID_DOCUMENT: document version 'v3' rejected (2 problems):"
                + " flags.a.offVariant: 'of' is not a declared variant (declared: on); ..."
                + " (serving v2)",
            "status READY (serving v4)");
  }

  @Test
  void watch_for_stopsByItself() {
    Path file = dir.resolve("flags.json");
    String name = "file:" + file;
    Cli.Result r;
    try {
      write(file, document("v1", true));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    r = Cli.run("watch", file.toString(), "--poll=20ms", "--for=300ms");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().map(l -> l.substring(25)).toList();
    assertThat(lines)
        .startsWith("watching " + name + " (poll every 20ms), for 300ms")
        .contains(
            "swap (none) -> v1 (UPDATE from " + name + "): 2 flags", "status READY (serving v1)")
        .endsWith("stopped, serving version v1 (READY)");
  }

  @Test
  void watch_missingFile_reportsItAndExits1() {
    Path file = dir.resolve("missing.json");
    Cli.Result r = Cli.run("watch", file.toString(), "--poll", "20ms", "--for", "300ms");
    assertThat(r.code()).isEqualTo(1);
    List<String> lines = r.out().lines().map(l -> l.substring(25)).toList();
    assertThat(lines)
        .contains("status ERROR: NOT_FOUND: file " + file + " does not exist")
        .endsWith("stopped, serving nothing (ERROR)");
  }

  @Test
  void watch_url_pollsTheHttpSource() throws Exception {
    AtomicReference<String> body = new AtomicReference<>(document("v1", true));
    AtomicInteger status = new AtomicInteger(200);
    List<String> authorizations = new CopyOnWriteArrayList<>();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/flags.json", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status.get(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/flags.json";

    Running w = new Running("watch", url, "--poll", "1s", "--header", "Authorization: Bearer t0k");
    w.awaitLine("swap (none) -> v1 (UPDATE from " + url + "): 2 flags");

    body.set(document("v2", false));
    w.awaitLine("kill a: \"enabled\": false in v2, every context gets the off-variant off");

    body.set(INVALID);
    w.awaitLine("reject version v3 from " + url + ": 2 problems, still serving v2");

    status.set(503);
    Await.until(
        "a STALE status for the 503: " + w.lines(),
        () -> w.lines().stream().anyMatch(l -> l.startsWith("status STALE: HTTP: ")));

    assertThat(w.stop()).isEqualTo(1); // stopped while the latest document is not served
    assertThat(w.lines().get(0)).isEqualTo("watching " + url + " (poll every 1s), until Ctrl-C");
    assertThat(w.lines()).last().isEqualTo("stopped, serving version v2 (STALE)");
    assertThat(authorizations).isNotEmpty().allMatch("Bearer t0k"::equals);
    assertThat(String.join("\n", w.lines())).doesNotContain("t0k");
  }
}
