package dev.flags.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds a boolean flag (variants {@code on} and {@code off}, off-variant {@code off}) serving this value to every context, replacing a flag of that key from any {@link FlagsDocument}. A kill serves {@code false}.
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
@Repeatable(SetBooleanFlag.List.class)
public @interface SetBooleanFlag {
  /**
   * The flag key.
   *
   * @return the key
   */
  String flag();

  /**
   * What to serve.
   *
   * @return the value served
   */
  boolean value();

  /**
   * Holds repeated {@link SetBooleanFlag} annotations.
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
    SetBooleanFlag[] value();
  }
}
