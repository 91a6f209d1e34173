package dev.flags.spring;

import dev.flags.Context;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Adds attributes of your own to each request's {@link Context}, after those the {@code
 * flags.request-context.*} properties take from the principal, headers and request attributes.
 *
 * <pre>{@code
 * @Bean
 * RequestContextCustomizer plan(AccountService accounts) {
 *   return (request, context) -> context.set("plan", accounts.planOf(request.getRemoteUser()));
 * }
 * }</pre>
 *
 * <p>Runs once per request, on first use of its {@link RequestFlags}; beans run in their
 * {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RequestContextCustomizer {
  /**
   * Adds attributes.
   *
   * @param request the request
   * @param context the context being built
   */
  void customize(HttpServletRequest request, Context.Builder context);
}
