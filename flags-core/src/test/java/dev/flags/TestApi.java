package dev.flags;

import dev.flags.internal.runtime.ApiFactory;

/** Gives tests of internal packages the client's factory of public value types. */
public final class TestApi {
  private TestApi() {}

  /** The factory the client hands its runtime. */
  public static ApiFactory factory() {
    return ApiValues.INSTANCE;
  }
}
