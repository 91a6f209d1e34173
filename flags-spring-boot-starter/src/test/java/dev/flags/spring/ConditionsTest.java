package dev.flags.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Each part of the starter appears only where it can work: health with Spring Boot's health
 * support, the endpoint when exposed, the request filter in a servlet application.
 */
final class ConditionsTest {
  private static final AutoConfigurations ALL = AutoConfigurations.of(
      FlagsAutoConfiguration.class,
      FlagsHealthAutoConfiguration.class,
      FlagsEndpointAutoConfiguration.class,
      FlagsWebAutoConfiguration.class);

  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(ALL)
      .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json");

  @Test
  void servletApplication_getsEveryPart_whenTheEndpointIsExposed() {
    web.withPropertyValues("management.endpoints.web.exposure.include=flags").run(context -> {
      assertThat(context).hasSingleBean(Flags.class);
      assertThat(context).hasSingleBean(FlagsHealthIndicator.class);
      assertThat(context).hasSingleBean(FlagsEndpoint.class);
      assertThat(context).hasSingleBean(RequestContextFactory.class);
      assertThat(context).hasBean("flagsRequestFilter");
      assertThat(context
              .getBean("flagsRequestFilter", FilterRegistrationBean.class)
              .getOrder())
          .isEqualTo(FlagsWebAutoConfiguration.FILTER_ORDER);
    });
  }

  @Test
  void endpoint_onlyWhenExposed() {
    web.run(context -> assertThat(context).doesNotHaveBean(FlagsEndpoint.class));
  }

  @Test
  void eachPart_canBeTurnedOff() {
    web.withPropertyValues(
            "management.endpoints.web.exposure.include=flags",
            "management.endpoint.flags.access=NONE",
            "management.health.flags.enabled=false",
            "flags.request-context.enabled=false")
        .run(context -> {
          assertThat(context).hasSingleBean(Flags.class);
          assertThat(context).doesNotHaveBean(FlagsHealthIndicator.class);
          assertThat(context).doesNotHaveBean(FlagsEndpoint.class);
          assertThat(context).doesNotHaveBean(RequestContextFactory.class);
        });
  }

  @Test
  void withoutActuatorOrServlets_onlyTheClient() {
    new ApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader(
            "org.springframework.boot.health", "org.springframework.boot.actuate"))
        .withConfiguration(ALL)
        .withPropertyValues("flags.sources[0].classpath=flags/test-defaults.json")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(Flags.class);
          assertThat(context).doesNotHaveBean(FlagsHealthIndicator.class);
          assertThat(context).doesNotHaveBean(FlagsEndpoint.class);
          assertThat(context).doesNotHaveBean(RequestContextFactory.class);
        });
  }

  @Test
  void applicationsOwnClient_getsHealthAndEndpointToo() {
    web.withPropertyValues("flags.enabled=false", "management.endpoints.web.exposure.include=flags")
        .withBean(Flags.class, () -> Flags.newBuilder().build())
        .run(context -> {
          assertThat(context).hasSingleBean(FlagsHealthIndicator.class);
          assertThat(context).hasSingleBean(FlagsEndpoint.class);
        });
  }
}
