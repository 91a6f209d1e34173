package dev.flags.spring;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.sources.FileSource;
import dev.flags.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The client's state maps to a health status; details say why, without secrets. */
final class FlagsHealthIndicatorTest {
  @TempDir
  Path dir;

  @Test
  void ready_isUp_withVersionSourcesAndKills() {
    try (Flags flags = Flags.newBuilder().document(doc("v1", onOff("f", "on"))).build()) {
      flags.kill("f", "INC-1");
      flags.killTag("payments", "outage");
      flags.override("f", "off");

      Health h = new FlagsHealthIndicator(flags, Status.UP).health();

      assertThat(h.getStatus()).isEqualTo(Status.UP);
      Map<String, Object> d = h.getDetails();
      assertThat(d).containsEntry("state", "READY").containsEntry("version", "v1");
      assertThat(d.get("killedFlags")).isEqualTo(Map.of("f", "INC-1"));
      assertThat(d.get("killedTags")).isEqualTo(Map.of("payments", "outage"));
      assertThat(d.get("overriddenFlags")).isEqualTo(List.of("f"));
      assertThat(d.get("sources")).asString().contains("name=document", "state=READY");
    }
  }

  @Test
  void stale_isUpByDefault_orTheConfiguredStatus_withTheSourceError() throws Exception {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder()
        .source(FileSource.newBuilder(file).pollInterval(Duration.ofMillis(20)).build())
        .build()) {
      flags.awaitReady(Duration.ofSeconds(5));
      Files.writeString(file, "{ not json");
      Await.until(
          "the file source is stale", () -> flags.status().state().name().equals("STALE"));

      Health byDefault = new FlagsHealthIndicator(flags, Status.UP).health();
      Health configured = new FlagsHealthIndicator(flags, Status.OUT_OF_SERVICE).health();

      assertThat(byDefault.getStatus()).isEqualTo(Status.UP);
      assertThat(configured.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
      assertThat(byDefault.getDetails()).containsEntry("state", "STALE");
      assertThat(byDefault.getDetails().get("sources")).asString().contains("lastError");
    }
  }

  @Test
  void noDocumentYet_isDown() {
    try (Flags flags = Flags.newBuilder().build()) {
      Health h = new FlagsHealthIndicator(flags, Status.UP).health();

      assertThat(h.getStatus()).isEqualTo(Status.DOWN);
      assertThat(h.getDetails()).containsEntry("state", "INITIALIZING");
    }
  }

  @Test
  void error_isDown() {
    try (Flags flags =
        Flags.newBuilder().source(FileSource.watch(dir.resolve("missing.json"))).build()) {
      Await.until("the source fails", () -> flags.status().state().name().equals("ERROR"));

      Health h = new FlagsHealthIndicator(flags, Status.UP).health();

      assertThat(h.getStatus()).isEqualTo(Status.DOWN);
      assertThat(h.getDetails().get("lastError")).asString().contains("NOT_FOUND");
    }
  }

  @Test
  void closed_isDown() {
    Flags flags = Flags.newBuilder().document(doc("v1", onOff("f", "on"))).build();
    flags.close();

    assertThat(new FlagsHealthIndicator(flags, Status.UP).health().getStatus())
        .isEqualTo(Status.DOWN);
  }
}
