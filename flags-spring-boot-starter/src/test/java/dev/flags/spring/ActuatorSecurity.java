package dev.flags.spring;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The security configuration docs/spring-boot.md shows, as the tests run it. */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {
  // snippet: actuator-security
  @Bean
  @Order(1)
  SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, "/actuator/health/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/actuator/flags/**").hasRole("FLAGS_OPERATOR")
            .anyRequest().authenticated())
        .httpBasic(withDefaults())
        // Operators call the endpoint with credentials, not from a browser session.
        .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/flags/**"));
    return http.build();
  }
  // end snippet

  @Bean
  @Order(2)
  SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .httpBasic(withDefaults());
    return http.build();
  }
}
