package dev.flags.benchmarks.peers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records, on a peer's benchmark class, a scenario that the peer cannot express with its built-in
 * features, and why. The report shows it as {@code n/a: <why>} in the peer's column.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Inexpressible.List.class)
public @interface Inexpressible {
  /**
   * The scenario id, as in {@code tools.Scenario} (the method-name prefix, e.g. {@code segment}).
   *
   * @return the scenario id
   */
  String scenario();

  /**
   * Why the peer cannot express it, in a few words.
   *
   * @return the reason
   */
  String why();

  /** The container of repeated {@link Inexpressible} annotations. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface List {
    /**
     * The annotations.
     *
     * @return the annotations
     */
    Inexpressible[] value();
  }
}
