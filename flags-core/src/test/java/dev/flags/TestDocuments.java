package dev.flags;

/**
 * Builds flag documents for tests. Documents stay JSON text so each test shows the format it
 * exercises; these helpers only add the envelope ({@code schema}, {@code version}).
 */
final class TestDocuments {
  static final String VERSION = "test-1";

  private TestDocuments() {}

  /** A document with these flags (the members of the {@code "flags"} object). */
  static String document(String flags) {
    return document("", flags);
  }

  /** A document with these segments and flags (the members of each object). */
  static String document(String segments, String flags) {
    return "{\"schema\": 1, \"version\": \"" + VERSION + "\", \"segments\": {" + segments
        + "}, \"flags\": {" + flags + "}}";
  }

  /** A client serving this document. */
  static Flags client(String document) {
    return Flags.newBuilder().document(document).build();
  }

  /**
   * A client with one boolean flag {@code f}: its single rule {@code r} serves {@code true} when
   * every condition matches, otherwise the fallthrough serves {@code false}.
   *
   * @param conditions JSON condition objects
   */
  static Flags conditionFlag(String... conditions) {
    return client(document(conditionFlagMember(conditions)));
  }

  /** Like {@link #conditionFlag(String...)}, with segments the conditions may reference. */
  static Flags conditionFlagWithSegments(String segments, String... conditions) {
    return client(document(segments, conditionFlagMember(conditions)));
  }

  /** The {@code "f"} member of a flags object for {@link #conditionFlag(String...)}. */
  static String conditionFlagMember(String... conditions) {
    return """
        "f": {
          "variants": {"on": true, "off": false},
          "offVariant": "off",
          "rules": [{"id": "r", "conditions": [%s], "variant": "on"}],
          "fallthrough": {"variant": "off"}
        }
        """.formatted(String.join(", ", conditions));
  }

  /** Whether the condition flag's rule matched this context. */
  static boolean matches(Flags flags, Context context) {
    Evaluation e = flags.evaluate("f", context);
    if (e.isError()) {
      throw new AssertionError("unexpected error: " + e);
    }
    return e.reason() == Reason.RULE_MATCH;
  }
}
