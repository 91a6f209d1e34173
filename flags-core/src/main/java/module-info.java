/**
 * flags-core: the flag document, compiled snapshots and the allocation-free evaluator.
 *
 * <p>Applications use {@code dev.flags}; everything under {@code dev.flags.internal} may change
 * without notice and is not exported.
 */
module dev.flags {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;
  requires re2j;
  requires static org.jspecify;

  exports dev.flags;
  exports dev.flags.spi;
  exports dev.flags.sources;
}
