package dev.flags.test;

import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import dev.flags.test.internal.Json;
import java.util.Objects;

/**
 * Flag documents built in code, for tests that need rules, targets or rollouts and not only fixed
 * values. The result is an ordinary document, read and validated by flags-core exactly as a file
 * would be, so a test exercises the semantics production has.
 *
 * <pre>{@code
 * try (Flags flags = TestFlags.client(
 *     TestFlags.flag("new-checkout").on().forKeys("alice").rolloutPercent(10),
 *     TestFlags.flag("theme").value("dark"))) {
 *   assertThat(flags.isEnabled("new-checkout", Context.of("alice"))).isTrue();
 * }
 * }</pre>
 *
 * <p>With {@link FlagsExtension}, load a built document into the injected client with {@code
 * flags.load(TestFlags.document(...))}.
 *
 * @since 0.1.0
 */
public final class TestFlags {
  /** The version of documents built without one. */
  public static final String VERSION = "test";

  private TestFlags() {}

  /**
   * Starts a flag.
   *
   * @param key the flag key
   * @return the flag, to configure
   */
  public static TestFlag flag(String key) {
    return new TestFlag(key);
  }

  /**
   * A document with these flags, version {@value #VERSION}.
   *
   * @param flags the flags
   * @return the document's JSON
   */
  public static String document(TestFlag... flags) {
    return document(VERSION, flags);
  }

  /**
   * A document with these flags.
   *
   * @param version the document version
   * @param flags the flags
   * @return the document's JSON
   */
  public static String document(String version, TestFlag... flags) {
    StringBuilder out = new StringBuilder("{\"schema\": 1, \"version\": ");
    Json.string(out, Objects.requireNonNull(version, "version")).append(", \"flags\": {");
    for (int i = 0; i < flags.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      flags[i].appendTo(out);
    }
    return out.append("}}").toString();
  }

  /**
   * A client serving a document with these flags; {@code load} replaces it. Close it after the
   * test.
   *
   * @param flags the flags
   * @return the client, ready
   * @throws InvalidDocumentException if the document has problems, listing every one
   */
  public static Flags client(TestFlag... flags) {
    return Flags.newBuilder().document(document(flags)).build();
  }
}
