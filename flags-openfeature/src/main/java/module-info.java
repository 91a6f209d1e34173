import org.jspecify.annotations.NullMarked;

/**
 * flags-openfeature: an OpenFeature provider ({@code FlagsProvider}) backed by a flags client.
 */
// The SDK publishes no module descriptor, only an Automatic-Module-Name; its types are this
// module's API, so it is required transitively all the same.
@NullMarked
@SuppressWarnings("requires-transitive-automatic")
module dev.flags.openfeature {
  // Transitive: the provider is built from a dev.flags.Flags.
  requires transitive dev.flags;
  // Transitive: FlagsProvider is an OpenFeature EventProvider.
  requires transitive dev.openfeature.sdk;
  // Transitive: the API is annotated with JSpecify's @Nullable.
  requires static transitive org.jspecify;

  exports dev.flags.openfeature;
}
