package dev.flags.spring;

import dev.flags.Flags;
import dev.flags.spring.internal.RequestFlagsArgumentResolver;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * In a servlet web application, gives each request a {@link RequestFlags}: a {@link
 * RequestContextFactory} from {@code flags.request-context.*}, a {@link FlagsRequestFilter}
 * registered after Spring Security's filters, and with Spring MVC a handler-method parameter of
 * type {@code RequestFlags}. Turned off by {@code flags.request-context.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = FlagsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBean(Flags.class)
@ConditionalOnBooleanProperty(name = "flags.request-context.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlagsProperties.class)
public class FlagsWebAutoConfiguration {
  /**
   * The filter's order: after Spring Security's filter chain (order -100 by default), so that the
   * request it hands on carries the principal.
   */
  public static final int FILTER_ORDER = 0;

  /** Used by Spring. */
  public FlagsWebAutoConfiguration() {}

  /**
   * How requests become contexts.
   *
   * @param properties the properties
   * @param customizers the application's customizers
   * @return the factory
   */
  @Bean
  @ConditionalOnMissingBean
  public RequestContextFactory flagsRequestContextFactory(
      FlagsProperties properties, ObjectProvider<RequestContextCustomizer> customizers) {
    List<RequestContextCustomizer> ordered = customizers.orderedStream().toList();
    return new RequestContextFactory(properties.getRequestContext(), ordered);
  }

  /**
   * The filter's registration.
   *
   * @param flags the client
   * @param contexts the context factory
   * @return the registration
   */
  @Bean
  @ConditionalOnMissingBean(name = "flagsRequestFilter")
  public FilterRegistrationBean<FlagsRequestFilter> flagsRequestFilter(
      Flags flags, RequestContextFactory contexts) {
    FilterRegistrationBean<FlagsRequestFilter> registration =
        new FilterRegistrationBean<>(new FlagsRequestFilter(flags, contexts));
    registration.setOrder(FILTER_ORDER);
    return registration;
  }

  /**
   * Spring MVC support: {@code RequestFlags} as a handler-method parameter.
   *
   * @since 0.1.0
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(WebMvcConfigurer.class)
  public static class Mvc {
    /** Used by Spring. */
    public Mvc() {}

    /**
     * Adds the argument resolver.
     *
     * @return the configurer
     */
    @Bean
    public WebMvcConfigurer flagsRequestFlagsArgument() {
      return new WebMvcConfigurer() {
        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
          resolvers.add(new RequestFlagsArgumentResolver());
        }
      };
    }
  }
}
