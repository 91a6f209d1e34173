/**
 * For authors of flag sources: {@link dev.flags.spi.FlagSource} delivers flag documents to a
 * client through a {@link dev.flags.spi.SourceContext}. Applications do not need these types
 * unless they write their own source.
 */
@NullMarked
package dev.flags.spi;

import org.jspecify.annotations.NullMarked;
