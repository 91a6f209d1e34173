/**
 * Testing code behind flags with JUnit 5: {@link dev.flags.test.FlagsTest} gives each test a
 * fresh {@link dev.flags.Flags} client, set up by annotations and closed after the test; {@link
 * dev.flags.test.EachVariant} runs a test once per variant of a flag; {@link
 * dev.flags.test.TestFlags} builds documents in code. See {@code docs/testing.md}.
 */
@NullMarked
package dev.flags.test;

import org.jspecify.annotations.NullMarked;
