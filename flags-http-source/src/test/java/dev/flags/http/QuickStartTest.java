package dev.flags.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Reason;
import dev.flags.sources.ClasspathSource;
import dev.flags.testsupport.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    boolean enabled = false;
    try {
      // snippet: README "Use it", with the server's address and a temporary cache file
      Flags flags = Flags.newBuilder()
          .source(ClasspathSource.of("flags/defaults.json"))          // shipped defaults, lowest layer
          .source(HttpFlagSource.newBuilder(URI.create(base + "/flags.json"))
              .cacheFile(cacheDir.resolve("flags.json"))                // last known good, survives restarts
              .build())
          .build();
      flags.awaitReady(Duration.ofSeconds(2));       // at once: the shipped defaults are a layer
      flags.awaitAllSources(Duration.ofSeconds(2));  // optional: the remote document too, bounded

      Context user = Context.newBuilder("user-42").set("country", "NZ").set("plan", "pro").build();
      if (flags.isEnabled("new-checkout", user)) {
        enabled = true;
      }
      boolean payments = flags.isEnabled("payments", user, true); // true unless the flags say false
      flags.kill("new-checkout", "INC-2041: checkout errors");    // off for everyone, now
      // end snippet

      assertThat(payments).isTrue(); // no such flag: the caller's default
      assertThat(flags.version()).isEqualTo("defaults-1+remote-7");
      assertThat(enabled).isTrue();
      assertThat(flags.isEnabled("dark-mode", user)).isTrue(); // from the shipped defaults
      assertThat(flags.evaluate("new-checkout", user).reason()).isEqualTo(Reason.KILLED);
      Await.until("the cache file is written", () -> Files.exists(cacheDir.resolve("flags.json")));
      flags.close();
    } finally {
      server.stop(0);
    }
  }

  /**
   * The README shows the code above, with a CDN's address and a system cache path, and imports
   * only what this class imports.
   */
  @Test
  void readme_useItSnippet_isTheCodeAbove() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    List<String> source =
        Files.readAllLines(Path.of("src/test/java/dev/flags/http/QuickStartTest.java"));
    int from = -1;
    int to = -1;
    for (int i = 0; i < source.size(); i++) {
      if (source.get(i).strip().startsWith("// snippet: README")) {
        from = i + 1;
      } else if (source.get(i).strip().equals("// end snippet")) {
        to = i;
      }
    }
    StringBuilder region = new StringBuilder();
    for (String line : source.subList(from, to)) {
      region.append(line.length() > 6 ? line.substring(6) : line.strip()).append('\n');
    }
    String shown = region
        .toString()
        .replace(
            "URI.create(base + \"/flags.json\")",
            "URI.create(\"https://cdn.example.com/flags.json\")")
        .replace(
            "cacheDir.resolve(\"flags.json\"))        ",
            "Path.of(\"/var/cache/myapp/flags.json\"))")
        .replace("  enabled = true;\n", "  // the new checkout\n");
    String block = readme.substring(readme.indexOf("## Use it"));
    block = block.substring(block.indexOf("```java\n") + 8, block.indexOf("```\n"));
    String imports = block.substring(0, block.indexOf("\n\n") + 2);
    assertThat(block).isEqualTo(imports + shown);
    for (String line : imports.strip().lines().toList()) {
      if (!line.equals("import dev.flags.http.HttpFlagSource;")) { // this class's own package
        assertThat(source).as("this class imports what the README does").contains(line);
      }
    }
  }
}
