package dev.flags.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds a number flag with one variant, {@code value}, serving this number to every context, replacing a flag of that key from any {@link FlagsDocument}. NaN and the infinities are not JSON: the test fails, saying so.
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
@Repeatable(SetNumberFlag.List.class)
public @interface SetNumberFlag {
  /**
   * The flag key.
   *
   * @return the key
   */
  String flag();

  /**
   * What to serve.
   *
   * @return the value served; integral values are served as integers (so {@code getInt} and {@code getLong} read them)
   */
  double value();

  /**
   * Holds repeated {@link SetNumberFlag} annotations.
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
    SetNumberFlag[] value();
  }
}
