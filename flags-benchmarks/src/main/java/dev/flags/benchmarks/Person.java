package dev.flags.benchmarks;

/**
 * Who asks, independent of any library: every library under test turns the same person into its
 * own context type with the same key and attributes, so every library does the same work.
 *
 * @param key the context key (user id)
 * @param country a country code, tested by the attribute rules
 * @param plan a plan name, tested by the ten-rule flag
 * @param email an email address, tested by the regex rule
 * @param appVersion a semantic version, tested by the semver rule
 * @param age a number, carried but not tested (a realistic context has attributes nobody asks for)
 */
public record Person(
    String key, String country, String plan, String email, String appVersion, int age) {}
