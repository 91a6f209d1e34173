import org.jspecify.annotations.NullMarked;

/**
 * flags-micrometer: a Micrometer {@code MeterBinder} for a flags client's evaluation metrics,
 * events and source health.
 */
@NullMarked
module dev.flags.micrometer {
  requires transitive dev.flags;
  // Transitive: FlagsMeterBinder implements Micrometer's MeterBinder.
  requires transitive micrometer.core;
  // Transitive: the API is annotated with JSpecify's @Nullable.
  requires static transitive org.jspecify;

  exports dev.flags.micrometer;
}
