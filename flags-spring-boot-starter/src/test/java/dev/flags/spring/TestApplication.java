package dev.flags.spring;

import dev.flags.Context;
import dev.flags.Flags;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A web application with the starter, Actuator and Spring Security (the docs' security
 * configuration), two users, and a controller that uses {@link RequestFlags}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ActuatorSecurity.class, TestApplication.Checkout.class})
class TestApplication {
  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice")
            .password("{noop}alice-pw")
            .roles("FLAGS_OPERATOR")
            .build(),
        User.withUsername("bob").password("{noop}bob-pw").roles("USER").build());
  }

  /** Sets a request attribute, as an application's tenant filter would. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> tenantFilter() {
    FilterRegistrationBean<OncePerRequestFilter> r =
        new FilterRegistrationBean<>(new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(
              HttpServletRequest request, HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            request.setAttribute("tenantId", "acme");
            request.setAttribute("seats", 12);
            chain.doFilter(request, response);
          }
        });
    r.setOrder(-1000);
    return r;
  }

  @Bean
  RequestContextCustomizer channel() {
    return (request, context) -> context.set("channel", "web");
  }

  @RestController
  static class Checkout {
    private final Flags flags;

    Checkout(Flags flags) {
      this.flags = flags;
    }

    @GetMapping("/context")
    Map<String, Object> context(RequestFlags requestFlags) {
      Context c = requestFlags.context();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", c.key());
      for (String name : c.attributeNames()) {
        m.put(name, c.get(name));
      }
      m.put("sameAsCurrent", RequestFlags.current() == requestFlags);
      return m;
    }

    /** Changes the served flags mid-request: the request's answers do not change. */
    @GetMapping("/pinned")
    Map<String, Object> pinned(RequestFlags requestFlags) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("before", requestFlags.isEnabled("new-checkout"));
      flags.kill("new-checkout", "changed mid-request");
      try {
        m.put("after", requestFlags.isEnabled("new-checkout"));
        m.put("current", RequestFlags.current().isEnabled("new-checkout"));
        m.put("live", flags.isEnabled("new-checkout", requestFlags.context()));
      } finally {
        flags.restore("new-checkout");
      }
      m.put("version", requestFlags.version());
      return m;
    }
  }
}
