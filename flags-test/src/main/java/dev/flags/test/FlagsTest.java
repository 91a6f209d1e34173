package dev.flags.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link FlagsExtension}: each test gets a fresh {@code Flags} client,
 * set up by the class's and the test's annotations ({@link FlagsDocument}, {@link SetVariant},
 * {@link SetBooleanFlag}, {@link SetStringFlag}, {@link SetNumberFlag}) and closed after it.
 *
 * <pre>{@code
 * @FlagsTest
 * class CheckoutTest {
 *   @Test @SetBooleanFlag(flag = "new-checkout", value = true)
 *   void newCheckout(Flags flags) { assertThat(new Checkout(flags).page()).isEqualTo("new"); }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(FlagsExtension.class)
public @interface FlagsTest {}
