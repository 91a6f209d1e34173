package dev.flags.benchmarks.peers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a peer benchmark that expresses its scenario only approximately (for example a rollout
 * that is not sticky). The report prints the text as a footnote to the number.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Caveat {
  /**
   * What differs from the scenario, in a few words.
   *
   * @return the caveat
   */
  String value();
}
