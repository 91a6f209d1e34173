package dev.flags.spring;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Start-up waits, bounded, for the first document; then fails or continues as configured. */
@ExtendWith(OutputCaptureExtension.class)
final class StartupWaitTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FlagsAutoConfiguration.class));

  @Test
  void serverAnswersInTime_startsReady() {
    try (TestFlagServer server = new TestFlagServer().serve(doc("remote-1", onOff("f", "on")))) {
      runner
          .withPropertyValues(
              "flags.sources[0].url=" + server.uri(),
              "flags.startup.await-ready=10s",
              "flags.startup.fail-if-not-ready=true")
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Flags.class).isReady()).isTrue();
          });
    }
  }

  @Test
  void noDocumentInTime_andFailIfNotReady_failsStartup() {
    try (TestFlagServer server = new TestFlagServer().fail(503)) {
      runner
          .withPropertyValues(
              "flags.sources[0].url=" + server.uri(),
              "flags.startup.await-ready=300ms",
              "flags.startup.fail-if-not-ready=true")
          .run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                .rootCause()
                .isInstanceOf(FlagsNotReadyException.class)
                .hasMessageStartingWith("flags not ready within flags.startup.await-ready=PT0.3S"
                    + " and flags.startup.fail-if-not-ready=true: Status{ERROR");
          });
    }
  }

  @Test
  void noDocumentInTime_continuesByDefault_servingDefaults() {
    try (TestFlagServer server = new TestFlagServer().fail(503)) {
      runner
          .withPropertyValues(
              "flags.sources[0].url=" + server.uri(), "flags.startup.await-ready=300ms")
          .run(context -> {
            assertThat(context).hasNotFailed();
            Flags flags = context.getBean(Flags.class);
            assertThat(flags.isReady()).isFalse();
            assertThat(flags.isEnabled("f")).isFalse();
          });
    }
  }

  @Test
  void awaitForAllSources_waitsForTheRemoteDocument_notOnlyTheDefaults() {
    try (TestFlagServer server = new TestFlagServer().fail(503)) {
      runner
          .withPropertyValues(
              "flags.sources[0].classpath=flags/test-defaults.json",
              "flags.sources[1].url=" + server.uri(),
              "flags.startup.await-ready=300ms",
              "flags.startup.await-for=all-sources",
              "flags.startup.fail-if-not-ready=true")
          .run(context -> assertThat(context.getStartupFailure())
              .rootCause()
              .isInstanceOf(FlagsNotReadyException.class));
      server.serve(doc("remote-1", onOff("f", "on")));
      runner
          .withPropertyValues(
              "flags.sources[0].classpath=flags/test-defaults.json",
              "flags.sources[1].url=" + server.uri(),
              "flags.startup.await-ready=10s",
              "flags.startup.await-for=all-sources",
              "flags.startup.fail-if-not-ready=true")
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Flags.class).isEnabled("f")).isTrue();
          });
    }
  }

  @Test
  void failure_isExplainedAtStartup(CapturedOutput output) {
    try (TestFlagServer server = new TestFlagServer().fail(503)) {
      SpringApplication app = new SpringApplication(App.class);
      app.setWebApplicationType(WebApplicationType.NONE);
      app.setDefaultProperties(java.util.Map.of(
          "flags.sources[0].url", server.uri().toString(),
          "flags.startup.await-ready", "300ms",
          "flags.startup.fail-if-not-ready", "true"));
      boolean failed = false;
      try {
        app.run().close();
      } catch (FlagsNotReadyException e) {
        failed = true;
      } catch (RuntimeException e) {
        failed = e.getCause() != null;
      }
      assertThat(failed).isTrue();
      String lines = output.getAll().lines().map(String::strip).collect(Collectors.joining(" "));
      assertThat(lines)
          .contains("APPLICATION FAILED TO START")
          .contains("The flags client was not ready (flags.startup.await-for) within"
              + " flags.startup.await-ready (PT0.3S), and flags.startup.fail-if-not-ready is true.")
          .contains("set flags.startup.fail-if-not-ready=false to start with what the client has");
    }
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration(FlagsAutoConfiguration.class)
  static class App {}
}
