package dev.flags.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves a variant of a flag to every context, as an operator's {@code Flags.override} does (reason {@code OVERRIDE}): kills and {@code "enabled": false} still win, as in production. The flag must be in the test's document.
 *
 * <p>On a test method, a test class (every test of it, its subclasses and its {@link
 * org.junit.jupiter.api.Nested} classes) or an annotation of yours; repeatable. For one flag, the
 * nearest wins: the method over its class, a class over its superclass and enclosing class.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(SetVariant.List.class)
public @interface SetVariant {
  /**
   * The flag key.
   *
   * @return the key
   */
  String flag();

  /**
   * What to serve.
   *
   * @return the name of a variant the flag declares
   */
  String variant();

  /**
   * Holds repeated {@link SetVariant} annotations.
   *
   * @since 0.1.0
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @interface List {
    /**
     * The annotations.
     *
     * @return the annotations
     */
    SetVariant[] value();
  }
}
