/** The starter's implementation: not API, may change at any time. */
@NullMarked
package dev.flags.spring.internal;

import org.jspecify.annotations.NullMarked;
