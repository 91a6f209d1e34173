package dev.flags.spring;

import dev.flags.Flags;
import dev.flags.spring.internal.ClientFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Creates one {@link Flags} client from the {@code flags.*} properties ({@link FlagsProperties}),
 * unless the application defines its own {@code Flags} bean. The client is closed with the
 * application context. Turned off by {@code flags.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "flags.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlagsProperties.class)
public class FlagsAutoConfiguration {
  /** Used by Spring. */
  public FlagsAutoConfiguration() {}

  /**
   * The client, built from the properties and the application's {@link FlagsBuilderCustomizer}s;
   * start-up waits for its first document as {@code flags.startup.*} says.
   *
   * @param properties the properties
   * @param customizers the application's customizers
   * @param resourceLoader the application's resource loader (for its class loader)
   * @param environment the environment (for {@code spring.application.name})
   * @return the client
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Flags flags(
      FlagsProperties properties,
      ObjectProvider<FlagsBuilderCustomizer> customizers,
      ResourceLoader resourceLoader,
      Environment environment) {
    ClassLoader loader = resourceLoader.getClassLoader();
    return new ClientFactory(
            properties,
            loader != null ? loader : FlagsAutoConfiguration.class.getClassLoader(),
            environment.getProperty("spring.application.name"))
        .create(customizers.orderedStream().toList());
  }
}
