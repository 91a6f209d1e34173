package dev.flags.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Loads flag documents from the class path into the test's client, each as a layer over the
 * previous ones (flag by flag, as {@code Flags.Builder.source} layers). On a class, for every test
 * of it (and of its subclasses and {@link org.junit.jupiter.api.Nested} classes); on a test
 * method, as further layers. A document with problems fails the test, listing every problem.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface FlagsDocument {
  /**
   * The resources, lowest layer first, e.g. {@code "flags/checkout.json"}.
   *
   * @return the resource names, looked up with the test class's class loader
   */
  String[] value();
}
