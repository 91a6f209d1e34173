/** The kit's implementation: annotation lookup, the JSON writer, the client set-up. Not exported. */
@NullMarked
package dev.flags.test.internal;

import org.jspecify.annotations.NullMarked;
