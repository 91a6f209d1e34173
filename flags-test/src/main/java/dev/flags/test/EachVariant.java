package dev.flags.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once for each variant of a flag: each invocation gets a fresh client set up as for
 * any test, then serves that variant to every context (as {@link SetVariant} does). Use it instead
 * of {@code @Test}; the flag must be in the test's document.
 *
 * <pre>{@code
 * @EachVariant(flag = "checkout-layout")
 * void checkoutRendersInEveryLayout(Flags flags) {
 *   assertThat(new Checkout(flags).render()).contains("Pay now");
 * }
 * }</pre>
 *
 * <p>Invocations are named {@code checkout-layout=one-page} and so on, in the order the document
 * declares the variants.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(FlagsExtension.class)
public @interface EachVariant {
  /**
   * The flag key.
   *
   * @return the key
   */
  String flag();

  /**
   * Only these variants, in this order (each must be declared); empty for all of them.
   *
   * @return the variant names
   */
  String[] variants() default {};
}
