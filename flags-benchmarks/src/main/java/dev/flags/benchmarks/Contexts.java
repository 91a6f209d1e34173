package dev.flags.benchmarks;

import dev.flags.Context;

/** Turns a {@link Person} into this library's {@link Context}: key plus five attributes. */
public final class Contexts {
  private Contexts() {}

  /**
   * Builds the context; the benchmarks call this inside the measured method for the {@code
   * _built} variants.
   *
   * @param p the person
   * @return a new context
   */
  public static Context of(Person p) {
    return Context.newBuilder(p.key())
        .set("country", p.country())
        .set("plan", p.plan())
        .set("email", p.email())
        .set("appVersion", p.appVersion())
        .set("age", p.age())
        .build();
  }
}
