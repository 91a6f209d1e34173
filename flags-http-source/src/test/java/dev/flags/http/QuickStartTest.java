package dev.flags.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Reason;
import dev.flags.sources.ClasspathSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first snippet, against a loopback server instead of a CDN. */
final class QuickStartTest {
  @TempDir
  Path cacheDir;

  @Test
  void readme_useItSnippet_servesRemoteOverDefaultsAndKills() throws IOException {
    byte[] remote = """
        {"schema": 1, "version": "remote-7", "flags": {"new-checkout": {
          "variants": {"on": true, "off": false}, "offVariant": "off",
          "rules": [{"id": "nz", "conditions": [{"attribute": "country", "op": "in",
            "values": ["NZ"]}], "variant": "on"}],
          "fallthrough": {"variant": "off"}}}}
        """.getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/flags.json", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("ETag", "\"r7\"");
      exchange.sendResponseHeaders(200, remote.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(remote);
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      // --- as in the README, with the server's address ---
      Flags flags = Flags.newBuilder()
          .source(ClasspathSource.of("flags/defaults.json"))
          .source(HttpFlagSource.newBuilder(URI.create(base + "/flags.json"))
              .cacheFile(cacheDir.resolve("flags.json"))
              .build())
          .build();
      flags.awaitReady(Duration.ofSeconds(2));

      Context user =
          Context.newBuilder("user-42").set("country", "NZ").set("plan", "pro").build();
      // The remote layer may arrive just after the bootstrap one: wait for it, bounded.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!flags.version().contains("remote-7") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      boolean enabled = flags.isEnabled("new-checkout", user);
      flags.kill("new-checkout", "INC-2041: checkout errors");
      // --- end of the README snippet ---

      assertThat(flags.version()).isEqualTo("defaults-1+remote-7");
      assertThat(enabled).isTrue();
      assertThat(flags.isEnabled("dark-mode", user)).isTrue(); // from the shipped defaults
      assertThat(flags.evaluate("new-checkout", user).reason()).isEqualTo(Reason.KILLED);
      // The cache file is written right after the swap: wait for it, bounded.
      long cacheDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.exists(cacheDir.resolve("flags.json")) && System.nanoTime() < cacheDeadline) {
        Thread.onSpinWait();
      }
      assertThat(cacheDir.resolve("flags.json")).exists();
      flags.close();
    } finally {
      server.stop(0);
    }
  }
}
