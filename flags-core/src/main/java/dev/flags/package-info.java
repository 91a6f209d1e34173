/**
 * The application API: build a {@link dev.flags.Flags} client, describe who is asking with a
 * {@link dev.flags.Context}, and evaluate flags.
 *
 * <p>All types here are immutable or thread-safe, as stated on each.
 */
@NullMarked
package dev.flags;

import org.jspecify.annotations.NullMarked;
