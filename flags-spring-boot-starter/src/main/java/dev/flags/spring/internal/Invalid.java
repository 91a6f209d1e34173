package dev.flags.spring.internal;

import java.util.function.Supplier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Start-up failures that name the property at fault. Spring Boot's failure analyzer prints them
 * with the property's origin (file and line) and the reason.
 */
final class Invalid {
  /** Shown instead of a value that may be a secret. */
  static final String HIDDEN = "(value not shown)";

  private Invalid() {}

  static InvalidConfigurationPropertyValueException property(
      String name, Object value, String reason) {
    return new InvalidConfigurationPropertyValueException(name, value, reason);
  }

  /** Runs a builder call; its IllegalArgumentException becomes a failure naming the property. */
  static <T> T check(String name, Object value, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw property(name, value, String.valueOf(e.getMessage()));
    }
  }
}
