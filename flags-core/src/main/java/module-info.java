import org.jspecify.annotations.NullMarked;

/**
 * flags-core: the flag document, compiled snapshots and the allocation-free evaluator.
 *
 * <p>Applications use {@code dev.flags}; everything under {@code dev.flags.internal} may change
 * without notice and is not exported.
 */
@NullMarked
module dev.flags {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;
  requires re2j;
  // Exposure de-duplication only (dev.flags.internal.safety.ExposureDedup).
  requires com.github.benmanes.caffeine;
  // Transitive: the API is annotated with JSpecify's @Nullable.
  requires static transitive org.jspecify;

  exports dev.flags;
  exports dev.flags.spi;
  exports dev.flags.sources;
}
