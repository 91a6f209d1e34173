/**
 * Micrometer for flags: bind {@link dev.flags.micrometer.FlagsMeterBinder} to a registry to
 * export a client's evaluation counts (OpenTelemetry feature-flag names), its events (swaps,
 * rejections, kills, guardrail trips, exposures) and its sources' health and counters.
 */
@NullMarked
package dev.flags.micrometer;

import org.jspecify.annotations.NullMarked;
