package dev.flags.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An invalid value fails start-up with a message that names the property. */
@ExtendWith(OutputCaptureExtension.class)
final class InvalidPropertiesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          FlagsAutoConfiguration.class,
          HealthContributorAutoConfiguration.class,
          FlagsHealthAutoConfiguration.class));

  /** Starts with these properties and returns the refusal, which must name the property. */
  private InvalidConfigurationPropertyValueException refused(String... properties) {
    InvalidConfigurationPropertyValueException[] found = {null};
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      Throwable t = context.getStartupFailure();
      while (t != null && !(t instanceof InvalidConfigurationPropertyValueException)) {
        t = t.getCause();
      }
      assertThat(t).as("cause of " + context.getStartupFailure()).isNotNull();
      found[0] = (InvalidConfigurationPropertyValueException) t;
    });
    return found[0];
  }

  @Test
  void sourceWithNoKind_isRefused() {
    InvalidConfigurationPropertyValueException e = refused("flags.sources[0].optional=true");
    assertThat(e.getName()).isEqualTo("flags.sources[0]");
    assertThat(e.getReason()).isEqualTo("a source needs one of classpath, file or url");
  }

  @Test
  void sourceWithTwoKinds_isRefused() {
    InvalidConfigurationPropertyValueException e = refused(
        "flags.sources[0].classpath=flags/test-defaults.json",
        "flags.sources[0].url=https://flags.example.com/f.json");
    assertThat(e.getName()).isEqualTo("flags.sources[0]");
    assertThat(e.getReason())
        .isEqualTo("a source takes exactly one of classpath, file or url, but this one sets"
            + " classpath and url");
  }

  @Test
  void missingClasspathResource_isRefused() {
    InvalidConfigurationPropertyValueException e =
        refused("flags.sources[0].classpath=flags/nowhere.json");
    assertThat(e.getName()).isEqualTo("flags.sources[0].classpath");
    assertThat(e.getValue()).isEqualTo("flags/nowhere.json");
    assertThat(e.getReason()).isEqualTo("no such resource on the application's class path");
  }

  @Test
  void settingOfAnotherKindOfSource_isRefused() {
    InvalidConfigurationPropertyValueException e = refused(
        "flags.sources[0].classpath=flags/test-defaults.json",
        "flags.sources[1].file=/tmp/flags.json",
        "flags.sources[1].jitter=1s");
    assertThat(e.getName()).isEqualTo("flags.sources[1].jitter");
    assertThat(e.getReason()).isEqualTo("applies to a url source, not to a file source");
  }

  @Test
  void pollIntervalBelowTheMinimum_isRefused() {
    InvalidConfigurationPropertyValueException e = refused(
        "flags.sources[0].url=https://flags.example.com/f.json",
        "flags.sources[0].poll-interval=500ms");
    assertThat(e.getName()).isEqualTo("flags.sources[0].poll-interval");
    assertThat(e.getReason())
        .isEqualTo("poll interval must be at least PT1S but was PT0.5S (use pollNow() to fetch at"
            + " once)");
  }

  @Test
  void filePollIntervalBelowTheMinimum_isRefused() {
    InvalidConfigurationPropertyValueException e =
        refused("flags.sources[0].file=/tmp/flags.json", "flags.sources[0].poll-interval=5ms");
    assertThat(e.getName()).isEqualTo("flags.sources[0].poll-interval");
    assertThat(e.getReason()).isEqualTo("poll interval must be at least 10ms but was PT0.005S");
  }

  @Test
  void jitterAboveTheInterval_isRefused() {
    InvalidConfigurationPropertyValueException e = refused(
        "flags.sources[0].url=https://flags.example.com/f.json",
        "flags.sources[0].poll-interval=2s",
        "flags.sources[0].jitter=3s");
    assertThat(e.getName()).isEqualTo("flags.sources[0].jitter");
    assertThat(e.getReason()).isEqualTo("jitter PT3S exceeds the poll interval PT2S");
  }

  @Test
  void nonHttpUrl_isRefused() {
    InvalidConfigurationPropertyValueException e =
        refused("flags.sources[0].url=ftp://flags.example.com/f.json");
    assertThat(e.getName()).isEqualTo("flags.sources[0].url");
    assertThat(e.getReason()).contains("http");
  }

  @Test
  void badHeader_isRefused_withoutShowingItsValue() {
    InvalidConfigurationPropertyValueException e = refused(
        "flags.sources[0].url=https://flags.example.com/f.json",
        "flags.sources[0].headers[If-None-Match]=secret-token");
    assertThat(e.getName()).isEqualTo("flags.sources[0].headers.If-None-Match");
    assertThat(e.getValue()).isEqualTo("(value not shown)");
    assertThat(e.getMessage()).doesNotContain("secret-token");
    assertThat(e.getReason()).isEqualTo("header If-None-Match is set by the source itself");
  }

  @Test
  void sensitiveHeaderThatIsNotSet_isRefused() {
    InvalidConfigurationPropertyValueException e = refused(
        "flags.sources[0].url=https://flags.example.com/f.json",
        "flags.sources[0].sensitive-headers[0]=X-Api-Key");
    assertThat(e.getName()).isEqualTo("flags.sources[0].sensitive-headers[0]");
    assertThat(e.getReason())
        .isEqualTo("names a header that flags.sources[0].headers does not set");
  }

  @Test
  void limitOutOfRange_isRefused() {
    InvalidConfigurationPropertyValueException e = refused("flags.limits.max-nesting-depth=5");
    assertThat(e.getName()).isEqualTo("flags.limits.max-nesting-depth");
    assertThat(e.getReason())
        .isEqualTo("maxNestingDepth must be at least 8 (the document format itself nests 8"
            + " deep) but was 5");
  }

  @Test
  void historySizeZero_isRefused() {
    InvalidConfigurationPropertyValueException e = refused("flags.history-size=0");
    assertThat(e.getName()).isEqualTo("flags.history-size");
    assertThat(e.getReason()).isEqualTo("history size must be at least 1 but was 0");
  }

  @Test
  void negativeAwait_isRefused() {
    InvalidConfigurationPropertyValueException e = refused("flags.startup.await-ready=-1s");
    assertThat(e.getName()).isEqualTo("flags.startup.await-ready");
    assertThat(e.getReason()).isEqualTo("must not be negative");
  }

  @Test
  void blankStaleStatus_isRefused() {
    InvalidConfigurationPropertyValueException e = refused(
        "flags.sources[0].classpath=flags/test-defaults.json", "flags.health.stale-status= ");
    assertThat(e.getName()).isEqualTo("flags.health.stale-status");
    assertThat(e.getReason()).isEqualTo("must be a health status code, e.g. UP or DOWN");
  }

  @Test
  void unconvertibleValue_failsBinding_namingTheProperty() {
    runner.withPropertyValues("flags.startup.await-ready=soon").run(context -> {
      assertThat(context).hasFailed();
      Throwable t = context.getStartupFailure();
      while (t != null && !(t instanceof BindException)) {
        t = t.getCause();
      }
      assertThat(t).isInstanceOf(BindException.class);
      assertThat(((BindException) t).getProperty().getName().toString())
          .isEqualTo("flags.startup.await-ready");
    });
  }

  @Test
  void startupFailure_printsThePropertyAndTheReason(CapturedOutput output) {
    SpringApplication app = new SpringApplication(App.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(java.util.Map.of(
        "flags.sources[0].url", "https://flags.example.com/f.json",
        "flags.sources[0].poll-interval", "100ms"));
    Set<Class<?>> thrown = new java.util.HashSet<>();
    try {
      app.run().close();
    } catch (RuntimeException e) {
      thrown.add(e.getClass());
    }
    assertThat(thrown).isNotEmpty();
    String lines = output.getAll().lines().map(String::strip).collect(Collectors.joining("\n"));
    assertThat(lines)
        .contains("APPLICATION FAILED TO START")
        .contains("Invalid value '100ms' for configuration property"
            + " 'flags.sources[0].poll-interval'")
        .contains("poll interval must be at least PT1S but was PT0.1S");
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration(FlagsAutoConfiguration.class)
  static class App {}
}
