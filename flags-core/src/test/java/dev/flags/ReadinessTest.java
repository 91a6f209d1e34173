package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.ClasspathSource;
import dev.flags.sources.FileSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When {@code awaitReady} and {@code awaitAllSources} return. */
final class ReadinessTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void awaitReady_missingResource_returnsFalseAtOnceAndStatusNamesIt() {
    try (Flags flags = Flags.newBuilder().documentResource("flags/typo.json").build()) {
      long start = System.nanoTime();

      assertThat(flags.awaitReady(LONG)).isFalse();

      // Far below the timeout: the source failed for good before the call.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.ERROR);
      assertThat(st.lastError().message()).isEqualTo("no class path resource 'flags/typo.json'");
      assertThat(st.lastError().isTerminal()).isTrue();
      assertThat(st.lastError().needsOperator()).isTrue();
    }
  }

  @Test
  void awaitReady_missingResourceButAnotherSourcePending_waitsForTheOther() throws Exception {
    TestSource late = TestSource.silent("late");
    try (Flags flags = Flags.newBuilder()
        .source(ClasspathSource.of("flags/typo.json"))
        .source(late)
        .build()) {
      CompletableFuture<Boolean> ready =
          CompletableFuture.supplyAsync(() -> flags.awaitReady(LONG));

      late.deliver(doc("v1", onOff("f", "on")));

      assertThat(ready.get(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void awaitReady_missingOptionalFile_isNotTerminal(@TempDir Path dir) {
    // A watched file may appear later: its absence is not the source's last word.
    try (Flags flags = Flags.newBuilder()
        .source(FileSource.newBuilder(dir.resolve("flags.json")).build())
        .build()) {
      assertThat(flags.awaitReady(Duration.ofMillis(200))).isFalse();
      assertThat(flags.status().lastError().isTerminal()).isFalse();
    }
  }

  @Test
  void awaitAllSources_bundledDefaultsThenRemote_waitsForTheRemote() throws Exception {
    TestSource remote = TestSource.silent("remote");
    try (Flags flags = Flags.newBuilder()
        .document(doc("defaults", onOff("f", "off")))
        .source(remote)
        .build()) {
      assertThat(flags.awaitReady(LONG)).isTrue();
      assertThat(flags.version()).isEqualTo("defaults");
      assertThat(flags.awaitAllSources(Duration.ofMillis(50))).isFalse();
      CompletableFuture<Boolean> all =
          CompletableFuture.supplyAsync(() -> flags.awaitAllSources(LONG));

      remote.deliver(doc("remote-1", onOff("f", "on")));

      assertThat(all.get(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(flags.isEnabled("f", Context.of("u"))).isTrue();
      assertThat(flags.awaitAllSources(Duration.ZERO)).isTrue();
    }
  }

  @Test
  void awaitAllSources_interrupted_returnsAtOnceAndKeepsTheFlag() {
    try (Flags flags = Flags.newBuilder().source(TestSource.silent("remote")).build()) {
      Thread.currentThread().interrupt();
      try {
        assertThat(flags.awaitAllSources(LONG)).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }
}
