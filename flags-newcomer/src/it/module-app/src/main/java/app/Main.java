package app;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Reason;
import dev.flags.SourceStatus;
import dev.flags.http.HttpFlagSource;
import dev.flags.sources.ClasspathSource;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.time.Duration;

/**
 * The library from a named module. The module's own resources are read without any {@code opens}:
 * {@code flags/defaults.json} (an encapsulated package of this module) through the module's
 * lookup, {@code META-INF/flags/extra.json} (no package) through a class anchor.
 */
public final class Main {
  public static void main(String[] args) {
    check(Main.class.getModule().isNamed(), "running as a named module");
    try (Flags flags = Flags.newBuilder()
        .source(ClasspathSource.of(MethodHandles.lookup(), "flags/defaults.json"))
        .source(ClasspathSource.of(Main.class, "META-INF/flags/extra.json"))
        .source(HttpFlagSource.newBuilder(URI.create("http://127.0.0.1:9/flags.json")).build())
        .build()) {
      check(flags.awaitReady(Duration.ofSeconds(2)), "ready from the module's defaults");
      check(flags.isEnabled("new-checkout", Context.of("alice")), "alice is targeted");
      check(flags.isEnabled("dark-mode", Context.of("alice")), "the META-INF layer is read");
      flags.kill("new-checkout", "newcomer test");
      check(flags.evaluate("new-checkout", Context.of("alice")).reason() == Reason.KILLED, "killed");
      System.out.println("module app: OK, version " + flags.version());
    }
    // An encapsulated resource through a class anchor is not readable: the status says what to do.
    try (Flags flags = Flags.newBuilder()
        .source(ClasspathSource.of(Main.class, "flags/defaults.json"))
        .build()) {
      check(!flags.awaitReady(Duration.ofSeconds(30)), "awaitReady returns at once: nothing can come");
      SourceStatus s = flags.status().sources().get(0);
      String message = String.valueOf(s.lastError());
      check(message.contains("add 'opens flags to dev.flags;'"), "opens named: " + message);
      System.out.println("module app: encapsulated resource reported: " + message);
    }
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("newcomer check failed: " + what);
    }
  }
}
