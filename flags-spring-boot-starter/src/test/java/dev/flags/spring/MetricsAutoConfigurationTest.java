package dev.flags.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.micrometer.FlagsMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With Micrometer present, the client's meters reach the application's registry by themselves. */
final class MetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json")
      .withConfiguration(AutoConfigurations.of(
          FlagsAutoConfiguration.class,
          FlagsMetricsAutoConfiguration.class,
          MetricsAutoConfiguration.class,
          SimpleMetricsExportAutoConfiguration.class));

  @Test
  void binder_isRegistered_andBoundToTheRegistry() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(FlagsMeterBinder.class);
      Flags flags = context.getBean(Flags.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      flags.isEnabled("new-checkout", Context.of("u"));

      assertThat(registry.get("flags.swaps").functionCounter().count()).isEqualTo(1.0);
      assertThat(registry.get("flags.state").tag("state", "ready").gauge().value())
          .isEqualTo(1.0);
      context.getBean(FlagsMeterBinder.class).refresh(); // registers rows counted since binding
      assertThat(registry
              .get("feature_flag.evaluations")
              .tag("feature_flag.key", "new-checkout")
              .functionCounter()
              .count())
          .isEqualTo(1.0);
    });
  }

  @Test
  void disabledByProperty_orWithoutMicrometer_noBinder() {
    runner.withPropertyValues("flags.metrics.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(FlagsMeterBinder.class);
    });
    new ApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
        .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json")
        .withConfiguration(AutoConfigurations.of(
            FlagsAutoConfiguration.class, FlagsMetricsAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(Flags.class);
          assertThat(context).doesNotHaveBean(FlagsMeterBinder.class);
        });
  }
}
