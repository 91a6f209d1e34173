package dev.flags.spring;

import dev.flags.Flags;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link FlagsEndpoint} when Actuator is on the class path, a {@link Flags} bean exists
 * and the endpoint is available (exposed with {@code
 * management.endpoints.web.exposure.include}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = FlagsAutoConfiguration.class)
@ConditionalOnClass(
    name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition"
        + ".ConditionalOnAvailableEndpoint")
@ConditionalOnBean(Flags.class)
@EnableConfigurationProperties(FlagsProperties.class)
public class FlagsEndpointAutoConfiguration {
  /** Used by Spring. */
  public FlagsEndpointAutoConfiguration() {}

  /**
   * The endpoint.
   *
   * @param flags the client
   * @param properties the properties ({@code flags.endpoint.writes-enabled})
   * @return the endpoint
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint(FlagsEndpoint.class)
  public FlagsEndpoint flagsEndpoint(Flags flags, FlagsProperties properties) {
    return new FlagsEndpoint(flags, properties.getEndpoint().isWritesEnabled());
  }
}
