/**
 * The OpenFeature provider: {@link dev.flags.openfeature.FlagsProvider}. See {@code
 * docs/openfeature.md} for the reasons, the context mapping and the lifecycle.
 */
@NullMarked
package dev.flags.openfeature;

import org.jspecify.annotations.NullMarked;
