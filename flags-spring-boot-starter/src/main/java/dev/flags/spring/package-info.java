/**
 * Spring Boot support: a {@link dev.flags.Flags} client configured from {@code flags.*}
 * properties, an Actuator health indicator and operator endpoint, Micrometer metrics, and a
 * per-request {@link dev.flags.Context} with one pinned snapshot ({@link
 * dev.flags.spring.RequestFlags}).
 *
 * @since 0.1.0
 */
@NullMarked
package dev.flags.spring;

import org.jspecify.annotations.NullMarked;
