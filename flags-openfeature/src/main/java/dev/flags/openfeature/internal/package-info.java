/**
 * The provider's parts: context mapping, resolutions and the lifecycle's events. Not exported.
 */
@NullMarked
package dev.flags.openfeature.internal;

import org.jspecify.annotations.NullMarked;
