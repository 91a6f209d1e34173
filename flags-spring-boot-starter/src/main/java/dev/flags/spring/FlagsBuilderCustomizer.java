package dev.flags.spring;

import dev.flags.Flags;

/**
 * Changes the client's builder after the {@code flags.*} properties are applied and before the
 * client is built: for what properties do not express, such as listeners, guardrails set in code,
 * a clock, or sources of your own (added after the configured ones, so above them).
 *
 * <pre>{@code
 * @Bean
 * FlagsBuilderCustomizer auditToSlack(SlackNotifier slack) {
 *   return builder -> builder.onChange(event -> slack.post(event.toString()));
 * }
 * }</pre>
 *
 * <p>Customizer beans run in their {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface FlagsBuilderCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(Flags.Builder builder);
}
