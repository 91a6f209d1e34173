package dev.flags.spring;

import dev.flags.Flags;
import dev.flags.micrometer.FlagsMeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers a {@link FlagsMeterBinder} for the {@link Flags} bean when Micrometer is on the class
 * path (Actuator brings it); Spring Boot binds it to every meter registry. Turned off by {@code
 * flags.metrics.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = FlagsAutoConfiguration.class)
@ConditionalOnClass(
    name = {"io.micrometer.core.instrument.MeterRegistry", "dev.flags.micrometer.FlagsMeterBinder"})
@ConditionalOnBean(Flags.class)
@ConditionalOnBooleanProperty(name = "flags.metrics.enabled", matchIfMissing = true)
public class FlagsMetricsAutoConfiguration {
  /** Used by Spring. */
  public FlagsMetricsAutoConfiguration() {}

  /**
   * The binder.
   *
   * @param flags the client
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean
  public FlagsMeterBinder flagsMeterBinder(Flags flags) {
    return new FlagsMeterBinder(flags);
  }
}
