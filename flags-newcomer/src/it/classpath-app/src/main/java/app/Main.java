package app;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Reason;
import dev.flags.http.HttpFlagSource;
import dev.flags.sources.ClasspathSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The README's "Use it" snippet as an application, with the remote document unreachable. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path cache = Files.createTempDirectory("newcomer").resolve("flags.json");
    try (Flags flags = Flags.newBuilder()
        .source(ClasspathSource.of("flags/defaults.json"))
        .source(HttpFlagSource.newBuilder(URI.create("http://127.0.0.1:9/flags.json"))
            .cacheFile(cache)
            .build())
        .build()) {
      check(flags.awaitReady(Duration.ofSeconds(2)), "ready from the bundled defaults: " + flags.status());
      Context alice = Context.newBuilder("alice").set("country", "NZ").build();
      check(flags.isEnabled("new-checkout", alice), "alice is targeted");
      check(!flags.isEnabled("new-checkout", Context.of("bob")), "bob gets the fallthrough");
      check(flags.getInt("checkout-retry-limit", alice, 3) == 5, "number flag");
      flags.kill("new-checkout", "newcomer test");
      check(flags.evaluate("new-checkout", alice).reason() == Reason.KILLED, "killed");
      System.out.println("classpath app: OK, version " + flags.version());
    }
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("newcomer check failed: " + what);
    }
  }
}
