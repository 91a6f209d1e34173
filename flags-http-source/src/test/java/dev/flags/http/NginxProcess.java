package dev.flags.http;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * An nginx the test starts with its own configuration in its own directory (never the system
 * service), on a free loopback port; it can be stopped and started again on the same port.
 * Without nginx (or a module a test needs) the test is skipped, except on CI ({@code CI=true}),
 * where it fails.
 */
final class NginxProcess implements AutoCloseable {
  private final Path binary;
  private final Path dir;
  private final IntFunction<String> config;
  private int port;
  private @Nullable Process process;

  private NginxProcess(Path binary, Path dir, IntFunction<String> config) {
    this.binary = binary;
    this.dir = dir;
    this.config = config;
  }

  /**
   * Starts nginx in {@code dir} with the configuration {@code config} gives for a port (its
   * {@code http} block and what precedes it: see {@link #preamble}), trying other ports if one
   * was taken meanwhile.
   */
  static NginxProcess start(Path dir, IntFunction<String> config) throws Exception {
    NginxProcess n = new NginxProcess(requireBinary(), dir, config);
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("tmp"));
    for (int attempt = 1; ; attempt++) {
      n.port = TestServer.freePort();
      if (n.launch()) {
        return n;
      }
      if (attempt == 3) {
        fail("nginx did not start: " + n.logs());
      }
    }
  }

  /** The nginx binary, or a skip (a failure with {@code CI=true}) when it is not installed. */
  static Path requireBinary() {
    List<String> dirs = new ArrayList<>(
        List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"));
    for (String d : dirs) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "nginx"))) {
        return Path.of(d, "nginx");
      }
    }
    return missing("nginx is not installed", "apt-get install nginx");
  }

  /**
   * The nchan module's file, or a skip (a failure with {@code CI=true}) when it is not installed.
   */
  static Path requireNchan() {
    for (String d : List.of(
        "/usr/lib/nginx/modules",
        "/usr/lib64/nginx/modules",
        "/usr/share/nginx/modules",
        "/usr/local/nginx/modules")) {
      Path so = Path.of(d, "ngx_nchan_module.so");
      if (Files.isRegularFile(so)) {
        return so;
      }
    }
    return missing(
        "the nginx nchan module (ngx_nchan_module.so) is not installed",
        "apt-get install libnginx-mod-nchan");
  }

  private static Path missing(String what, String install) {
    if ("true".equals(System.getenv("CI"))) {
      fail(what + ", and CI=true requires this test to run: " + install + " (.ci/run installs it)");
    }
    Assumptions.assumeTrue(false, what + ": " + install);
    throw new AssertionError("unreachable");
  }

  /**
   * The start of every configuration: the pid and log files in {@code dir}, and the worker's user
   * when the tests run as root (as "nobody" it could not read the private temporary directory).
   */
  static String preamble(Path dir, int workerConnections) {
    boolean isRoot = "root".equals(System.getProperty("user.name"));
    return (isRoot ? "user root;\n" : "") + """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log warn;
        events { worker_connections %2$d; }
        """.formatted(dir, workerConnections);
  }

  /** The temporary paths of an {@code http} block, all in {@code dir}. */
  static String tempPaths(Path dir) {
    return """
          client_body_temp_path %1$s/tmp/client_body;
          proxy_temp_path %1$s/tmp/proxy;
          fastcgi_temp_path %1$s/tmp/fastcgi;
          uwsgi_temp_path %1$s/tmp/uwsgi;
          scgi_temp_path %1$s/tmp/scgi;
        """.formatted(dir);
  }

  int port() {
    return port;
  }

  /** Stops nginx (its fast shutdown: open connections are closed). */
  void stop() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroy(); // SIGTERM
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  /** Starts nginx again, on the same port. */
  void restart() throws Exception {
    stop();
    if (!launch()) {
      fail("nginx did not start again on port " + port + ": " + logs());
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private boolean launch() throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config.apply(port));
    Process p = new ProcessBuilder(
            binary.toString(),
            "-e",
            dir.resolve("logs/error.log").toString(),
            "-p",
            dir + "/",
            "-c",
            conf.toString(),
            "-g",
            "daemon off;")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("logs/stdout.log").toFile())
        .start();
    process = p;
    if (awaitListening(p, port)) {
      return true;
    }
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    process = null;
    return false;
  }

  private String logs() throws IOException {
    return readIfExists(dir.resolve("logs/stdout.log"))
        + readIfExists(dir.resolve("logs/error.log"));
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
        Thread.sleep(20); // the poll step while nginx starts
      }
    }
    return false;
  }

  private static String readIfExists(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
