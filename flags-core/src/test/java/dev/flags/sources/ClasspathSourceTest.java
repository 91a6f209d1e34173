package dev.flags.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.MutableClock;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClasspathSourceTest {
  private static final Context BOSS = Context.of("boss");

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");

  @Test
  void start_resourcePresent_servedAtBuild() {
    try (Flags flags =
        Flags.newBuilder().source(ClasspathSource.of("flags/bootstrap.json")).build()) {
      assertThat(flags.isReady()).isTrue();
      assertThat(flags.version()).isEqualTo("boot-1");
      assertThat(flags.evaluate("beta-feature", BOSS).ruleId()).isEqualTo("staff");
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    }
  }

  @Test
  void of_leadingSlash_ignored() {
    ClasspathSource source = ClasspathSource.of("/flags/bootstrap.json");
    try (Flags flags = Flags.newBuilder().source(source).build()) {
      assertThat(source.name()).isEqualTo("classpath:flags/bootstrap.json");
      assertThat(flags.version()).isEqualTo("boot-1");
    }
  }

  @Test
  void documentResource_builderShortcut_addsClasspathLayer() {
    try (Flags flags =
        Flags.newBuilder().documentResource("flags/bootstrap.json").build()) {
      assertThat(flags.version()).isEqualTo("boot-1");
      assertThat(flags.status().sources())
          .extracting(SourceStatus::name)
          .containsExactly("classpath:flags/bootstrap.json");
    }
  }

  @Test
  void start_resourceMissing_errorNotFound() {
    try (Flags flags = Flags.newBuilder()
        .clock(clock)
        .source(ClasspathSource.of("flags/nope.json"))
        .build()) {
      assertThat(flags.isReady()).isFalse();
      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.ERROR);
      ErrorInfo e = st.lastError();
      assertThat(e.kind()).isEqualTo(ErrorInfo.Kind.NOT_FOUND);
      assertThat(e.message()).isEqualTo("no class path resource 'flags/nope.json'");
      assertThat(e.time()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }
  }

  @Test
  void start_invalidResource_errorInvalidDocument() {
    try (Flags flags =
        Flags.newBuilder().source(ClasspathSource.of("flags/invalid.json")).build()) {
      assertThat(flags.isReady()).isFalse();
      assertThat(flags.status().state()).isEqualTo(Status.State.ERROR);
      assertThat(flags.status().lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    }
  }

  @Test
  void of_explicitClassLoader_readsFromIt(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("custom"));
    Files.writeString(
        dir.resolve("custom/flags.json"), Docs.doc("custom-1", Docs.onOff("f", "on")));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
        Flags flags = Flags.newBuilder()
            .source(ClasspathSource.of("custom/flags.json", loader))
            .build()) {
      assertThat(flags.version()).isEqualTo("custom-1");
      assertThat(flags.isEnabled("f", BOSS)).isTrue();
    }
  }

  @Test
  void documentFile_example_readOnceAndValid() {
    try (Flags flags =
        Flags.newBuilder().documentFile(Path.of("../examples/flags.json")).build()) {
      assertThat(flags.version()).isEqualTo("2026-11-22.1");
      assertThat(flags.isEnabled("new-checkout", Context.of("alice"))).isTrue();
    }
  }
}
