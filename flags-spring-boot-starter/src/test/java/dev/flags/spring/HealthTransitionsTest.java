package dev.flags.spring;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.Flags;
import dev.flags.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application whose flags come from an HTTP server (the JDK's, on loopback), configured only
 * by properties: the header reaches the server, the cache file is written, and health follows
 * the server: UP, DOWN while it fails (stale-status DOWN), UP again when it recovers.
 */
final class HealthTransitionsTest {
  @TempDir
  Path dir;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    SpringApplication app = new SpringApplication(App.class);
    Map<String, Object> all = new HashMap<>(properties);
    all.put("server.port", "0");
    all.put("server.address", "127.0.0.1");
    all.put("management.endpoint.health.show-details", "always");
    app.setDefaultProperties(all);
    return app.run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Test
  void health_followsTheHttpSource_downWhileItFails_upWhenItRecovers() throws Exception {
    Path cache = dir.resolve("cache/flags.json");
    try (TestFlagServer server = new TestFlagServer().serve(doc("remote-1", onOff("f", "on")));
        ConfigurableApplicationContext context = start(Map.of(
            "flags.sources[0].url", server.uri().toString(),
            "flags.sources[0].poll-interval", "1s",
            "flags.sources[0].jitter", "0s",
            "flags.sources[0].headers.Authorization", "Bearer s3cr3t-token",
            "flags.sources[0].cache-file", cache.toString(),
            "flags.health.stale-status", "DOWN"))) {
      Http http = new Http(port(context));
      Flags flags = context.getBean(Flags.class);

      assertThat(flags.snapshot().version()).isEqualTo("remote-1");
      assertThat(server.lastHeader("Authorization")).isEqualTo("Bearer s3cr3t-token");
      assertThat(Files.readString(cache)).contains("remote-1");
      Http.Response up = http.get("/actuator/health/flags");
      assertThat(up.status()).isEqualTo(200);
      assertThat(up.json().at("/status").asText()).isEqualTo("UP");
      assertThat(up.text()).doesNotContain("s3cr3t");

      server.fail(503);
      JsonNode down = Await.until(
          "health DOWN while the server fails",
          () -> http.get("/actuator/health/flags").json(),
          j -> j.at("/status").asText().equals("DOWN"));
      assertThat(down.at("/details/state").asText()).isEqualTo("STALE");
      assertThat(down.at("/details/sources/0/lastError/statusCode").asInt()).isEqualTo(503);
      assertThat(down.toString()).doesNotContain("s3cr3t");
      assertThat(http.get("/actuator/health").status()).isEqualTo(503);

      server.serve(doc("remote-2", onOff("f", "off")));
      Await.until(
          "health UP once the server recovers",
          () -> http.get("/actuator/health/flags").json(),
          j -> j.at("/status").asText().equals("UP"));
      assertThat(flags.snapshot().version()).isEqualTo("remote-2");
    }
  }

  @Test
  void noDocument_isDown_whenStartupContinuesWithout() {
    try (TestFlagServer server = new TestFlagServer().fail(503);
        ConfigurableApplicationContext context = start(Map.of(
            "flags.sources[0].url",
            server.uri().toString(),
            "flags.startup.await-ready",
            "200ms"))) {
      Http http = new Http(port(context));

      Http.Response r = http.get("/actuator/health/flags");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().at("/status").asText()).isEqualTo("DOWN");
      assertThat(r.json().at("/details/state").asText()).isEqualTo("ERROR");
    }
  }
}
