import org.jspecify.annotations.NullMarked;

/**
 * flags-test: a JUnit 5 kit for testing code behind flags. A fresh client per test, set up by
 * annotations ({@code @FlagsTest}, {@code @SetBooleanFlag}, {@code @FlagsDocument}, {@code
 * @EachVariant}, ...), and documents built in code ({@code TestFlags}). Meant for test scope.
 */
@NullMarked
module dev.flags.test {
  // Transitive: the API hands out dev.flags.Flags and is made of JUnit extensions.
  requires transitive dev.flags;
  requires transitive org.junit.jupiter.api;
  // Transitive: the API is annotated with JSpecify's @Nullable.
  requires static transitive org.jspecify;

  exports dev.flags.test;
}
