package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The example document (examples/flags.json) as the good snapshot that rejection tests load
 * first, plus what it serves, so that a test can check a rejected document changed nothing.
 */
final class ExampleDocument {
  /** Relative to the module directory, where Maven runs the tests. */
  static final Path PATH = Path.of("../examples/flags.json");

  static final String VERSION = "2026-11-22.1";

  static final Context ALICE =
      Context.newBuilder("alice").set("platform", "ios").build();
  static final Context OCEANIA = Context.newBuilder("user-9")
      .set("country", "NZ")
      .set("appVersion", "2.3.0")
      .set("orgId", "acme")
      .set("now", Instant.parse("2026-12-15T00:00:00Z"))
      .build();
  static final Context STAFF = Context.newBuilder("user-77")
      .set("email", "Dana@EXAMPLE.com")
      .set("orgId", "initech")
      .build();

  private static final List<String> FLAG_KEYS = List.of(
      "new-checkout",
      "payments-kill-switch",
      "search-ranking",
      "checkout-retry-limit",
      "banner",
      "legacy-export",
      "no-such-flag");
  private static final List<Context> CONTEXTS = List.of(Context.EMPTY, ALICE, OCEANIA, STAFF);

  private ExampleDocument() {}

  /** A client serving the example document under the default limits. */
  static Flags client() {
    return client(DocumentLimits.defaults());
  }

  /** A client serving the example document under these limits. */
  static Flags client(DocumentLimits limits) {
    return Flags.newBuilder().limits(limits).documentFile(PATH).build();
  }

  /**
   * What the client serves: its version, its flag keys, and the full evaluation of every example
   * flag (and an unknown one) for a few contexts, through each typed getter as well.
   */
  static List<String> served(Flags flags) {
    List<String> seen = new ArrayList<>();
    seen.add("version=" + flags.version());
    seen.add("ready=" + flags.isReady());
    seen.add("flagKeys=" + new TreeSet<>(flags.flagKeys()));
    for (Context context : CONTEXTS) {
      for (String key : FLAG_KEYS) {
        seen.add(key + " for '" + context.key() + "': " + flags.evaluate(key, context));
      }
      seen.add("isEnabled(new-checkout)=" + flags.isEnabled("new-checkout", context));
      seen.add("getString(search-ranking)=" + flags.getString("search-ranking", context, "-"));
      seen.add("getInt(checkout-retry-limit)=" + flags.getInt("checkout-retry-limit", context, -1));
      seen.add("getJson(banner)=" + flags.getJson("banner", context, "-"));
    }
    return seen;
  }

  /**
   * Loads a bad document into a client serving the example, asserts it is rejected with exactly
   * these problems ({@code path: message}, in order), and that the client still serves the
   * example exactly as before.
   *
   * @return the exception, for further checks
   */
  static InvalidDocumentException assertRejected(
      Flags flags, byte[] document, List<String> expectedProblems) {
    return assertRejected(flags, f -> f.load(document), expectedProblems);
  }

  /** As {@link #assertRejected(Flags, byte[], List)}, loading the document with {@code load}. */
  static InvalidDocumentException assertRejected(
      Flags flags, Consumer<Flags> load, List<String> expectedProblems) {
    List<String> before = served(flags);
    assertThat(flags.version()).isEqualTo(VERSION);

    Throwable thrown = catchThrowable(() -> load.accept(flags));

    assertThat(thrown).isInstanceOf(InvalidDocumentException.class);
    InvalidDocumentException e = (InvalidDocumentException) thrown;
    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactlyElementsOf(expectedProblems);
    assertThat(flags.version()).isEqualTo(VERSION);
    assertThat(served(flags)).containsExactlyElementsOf(before);
    return e;
  }
}
