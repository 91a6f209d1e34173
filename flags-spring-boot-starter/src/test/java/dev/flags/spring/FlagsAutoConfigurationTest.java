package dev.flags.spring;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.sources.MemorySource;
import dev.flags.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Properties become one client with its sources in layer order, closed with the context. */
final class FlagsAutoConfigurationTest {
  private static final Context USER = Context.of("user-1");

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FlagsAutoConfiguration.class));

  @TempDir
  Path dir;

  @Test
  void classpathSource_servesItsDocument() {
    runner
        .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json")
        .run(context -> {
          Flags flags = context.getBean(Flags.class);
          assertThat(flags.isReady()).isTrue();
          assertThat(flags.snapshot().version()).isEqualTo("defaults-1");
          assertThat(flags.isEnabled("new-checkout", USER)).isTrue();
          assertThat(flags.status().sources())
              .extracting(s -> s.name())
              .containsExactly("classpath:flags/test-defaults.json");
        });
  }

  @Test
  void fileAboveClasspath_overridesFlagByFlag_andIsWatched() throws IOException {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, doc("file-1", onOff("new-checkout", "off")));
    runner
        .withPropertyValues(
            "flags.sources[0].classpath=flags/test-defaults.json",
            "flags.sources[1].file=" + file,
            "flags.sources[1].poll-interval=20ms")
        .run(context -> {
          Flags flags = context.getBean(Flags.class);
          assertThat(flags.isEnabled("new-checkout", USER)).isFalse();
          assertThat(flags.getString("banner", USER, "none")).isEqualTo("Sale today");

          Files.writeString(file, doc("file-2", onOff("new-checkout", "on")));

          Await.until("the file's change is served", () -> flags.isEnabled("new-checkout", USER));
        });
  }

  @Test
  void optionalMissingFile_isAnEmptyLayer() {
    runner
        .withPropertyValues(
            "flags.sources[0].classpath=flags/test-defaults.json",
            "flags.sources[1].file=" + dir.resolve("absent.json"),
            "flags.sources[1].optional=true")
        .run(context -> {
          Flags flags = context.getBean(Flags.class);
          assertThat(flags.isEnabled("new-checkout", USER)).isTrue();
          assertThat(flags.status().state()).isEqualTo(Status.State.READY);
        });
  }

  @Test
  void historyLimitsAndName_reachTheClient() throws IOException {
    Path file = dir.resolve("big.json");
    Files.writeString(file, doc("big-1", onOff("a", "on"), onOff("b", "on")));
    runner
        .withPropertyValues(
            "flags.name=checkout-flags",
            "flags.history-size=2",
            "flags.limits.max-flags=1",
            "flags.startup.await-ready=0s",
            "flags.sources[0].file=" + file)
        .run(context -> {
          Flags flags = context.getBean(Flags.class);
          assertThat(flags.toString()).contains("checkout-flags");
          Await.until(
              "the two-flag document is rejected", () -> flags.status().lastError() != null);
          assertThat(flags.status().lastError().message()).contains("maxFlags");
          assertThat(flags.isReady()).isFalse();

          flags.load(doc("p1", onOff("a", "on")));
          flags.load(doc("p2", onOff("a", "off")));
          flags.load(doc("p3", onOff("a", "on")));
          assertThat(flags.history()).extracting(e -> e.version()).containsExactly("p3", "p2");
        });
  }

  @Test
  void everyLimit_reachesTheClient() {
    runner
        .withPropertyValues(
            "flags.sources[0].classpath=flags/test-defaults.json",
            "flags.startup.await-ready=0s",
            "flags.limits.max-document-bytes=100000",
            "flags.limits.max-nesting-depth=16",
            "flags.limits.max-string-length=1000",
            "flags.limits.max-key-length=100",
            "flags.limits.max-number-length=20",
            "flags.limits.max-flags=2",
            "flags.limits.max-segments=5",
            "flags.limits.max-rules-per-flag=5",
            "flags.limits.max-keys-per-list=50",
            "flags.limits.max-prerequisite-depth=3",
            "flags.limits.max-regex-repetition=10",
            "flags.limits.max-regex-program-size=100")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Flags flags = context.getBean(Flags.class);
          assertThat(flags.isReady()).isFalse();
          assertThat(flags.status().lastError().message()).contains("maxFlags");
        });
  }

  @Test
  void applicationName_namesTheClient_whenFlagsNameIsUnset() {
    runner
        .withPropertyValues("spring.application.name=shop")
        .run(context -> assertThat(context.getBean(Flags.class).toString()).contains("shop"));
  }

  @Test
  void evaluationMetrics_onByDefault_offByProperty() {
    runner
        .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json")
        .run(context -> {
          Flags flags = context.getBean(Flags.class);
          flags.isEnabled("new-checkout", USER);
          assertThat(flags.metrics().evaluations()).hasSize(1);
        });
    runner
        .withPropertyValues(
            "flags.sources[0].classpath=flags/test-defaults.json",
            "flags.metrics.evaluations=false")
        .run(context -> {
          Flags flags = context.getBean(Flags.class);
          flags.isEnabled("new-checkout", USER);
          assertThat(flags.metrics().evaluations()).isEmpty();
        });
  }

  @Test
  void applicationsOwnFlagsBean_makesTheStarterBackOff() {
    runner
        .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json")
        .withUserConfiguration(OwnFlags.class)
        .run(context -> {
          assertThat(context).hasSingleBean(Flags.class);
          Flags flags = context.getBean(Flags.class);
          assertThat(flags.snapshot().version()).isEqualTo("own-1");
        });
  }

  @Test
  void disabled_createsNoClient() {
    runner
        .withPropertyValues(
            "flags.enabled=false", "flags.sources[0].classpath=flags/test-defaults.json")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(Flags.class);
        });
  }

  @Test
  void customizers_runInTheirOrder_afterTheProperties() {
    runner
        .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json")
        .withUserConfiguration(Customizers.class)
        .run(context -> {
          Flags flags = context.getBean(Flags.class);
          // Both customizers add a layer above the class path one; the later one wins.
          assertThat(flags.isEnabled("fast-shipping", USER)).isTrue();
          assertThat(flags.isEnabled("new-checkout", USER)).isFalse();
          assertThat(flags.status().sources())
              .extracting(s -> s.name())
              .containsExactly("classpath:flags/test-defaults.json", "first", "second");
        });
  }

  @Test
  void closingTheContext_closesTheClient_andLeavesNoLibraryThread() throws IOException {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, doc("file-1", onOff("f", "on")));
    try (TestFlagServer server = new TestFlagServer().serve(doc("http-1", onOff("g", "on")))) {
      Set<String> before = libraryThreads();
      Flags[] client = new Flags[1];
      runner
          .withPropertyValues(
              "flags.name=closing-client",
              "flags.sources[0].file=" + file,
              "flags.sources[1].url=" + server.uri())
          .run(context -> {
            client[0] = context.getBean(Flags.class);
            Await.until("the HTTP source serves", () -> client[0].isEnabled("g", USER));
            assertThat(libraryThreads()).anyMatch(n -> n.startsWith("closing-client-"));
          });

      assertThat(client[0].status().state()).isEqualTo(Status.State.CLOSED);
      Await.until(
          () -> {
            Set<String> left = libraryThreads();
            left.removeAll(before);
            return left.isEmpty();
          },
          () -> "no library thread left, but found " + libraryThreads());
    }
  }

  /** The client's threads and the HTTP source's threads alive now. */
  private static Set<String> libraryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("closing-client-") || n.startsWith("flags-http-"))
        .collect(Collectors.toSet());
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnFlags {
    @Bean
    Flags myFlags() {
      return Flags.newBuilder().document(doc("own-1", onOff("x", "on"))).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    @Bean
    @Order(2)
    FlagsBuilderCustomizer second() {
      return b -> b.source(MemorySource.of("second", doc("s2", onOff("new-checkout", "off"))));
    }

    @Bean
    @Order(1)
    FlagsBuilderCustomizer first() {
      return b -> b.source(MemorySource.of(
          "first", doc("s1", onOff("new-checkout", "on"), onOff("fast-shipping", "on"))));
    }
  }
}
