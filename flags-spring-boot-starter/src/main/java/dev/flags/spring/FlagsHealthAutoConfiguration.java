package dev.flags.spring;

import dev.flags.Flags;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link FlagsHealthIndicator} as the {@code flags} health contributor when Spring Boot's
 * health support is on the class path and a {@link Flags} bean exists (the starter's or the
 * application's). Turned off by {@code management.health.flags.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = FlagsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(Flags.class)
@EnableConfigurationProperties(FlagsProperties.class)
public class FlagsHealthAutoConfiguration {
  /** Used by Spring. */
  public FlagsHealthAutoConfiguration() {}

  /**
   * The indicator.
   *
   * @param flags the client
   * @param properties the properties ({@code flags.health.stale-status})
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "flagsHealthIndicator")
  @ConditionalOnEnabledHealthIndicator("flags")
  public FlagsHealthIndicator flagsHealthIndicator(Flags flags, FlagsProperties properties) {
    String stale = properties.getHealth().getStaleStatus();
    if (stale.isBlank()) {
      throw new InvalidConfigurationPropertyValueException(
          "flags.health.stale-status", stale, "must be a health status code, e.g. UP or DOWN");
    }
    return new FlagsHealthIndicator(flags, new Status(stale.trim().toUpperCase(Locale.ROOT)));
  }
}
