/**
 * The HTTP flag source. Applications create an {@link dev.flags.http.HttpFlagSource} and add it
 * to their {@link dev.flags.Flags} client.
 */
@NullMarked
package dev.flags.http;

import org.jspecify.annotations.NullMarked;
