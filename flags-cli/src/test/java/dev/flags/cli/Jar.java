package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code target/flags-cli.jar} as a process ({@code java -jar}), as a user
 * does: for the integration tests ({@code *IT}), which failsafe runs after the package phase.
 */
final class Jar {
  /** Where the jar is: set by failsafe, or the module's target directory. */
  static final Path JAR =
      Path.of(System.getProperty("flags.cli.jar", "target/flags-cli.jar")).toAbsolutePath();

  /** The repository root, where the documentation's commands run. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private Jar() {}

  /** A finished run. */
  record Result(int code, String out, String err) {}

  /** Runs {@code java [jvmOptions] -jar flags-cli.jar args} in {@code dir} with this stdin. */
  static Result run(Path dir, byte[] stdin, List<String> jvmOptions, String... args) {
    Running p = start(dir, jvmOptions, args);
    try (OutputStream in = p.process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // the command did not read its input: fine
    }
    return p.await();
  }

  static Result run(Path dir, String... args) {
    return run(dir, new byte[0], List.of(), args);
  }

  static Result run(String... args) {
    return run(ROOT, args);
  }

  static Running start(Path dir, List<String> jvmOptions, String... args) {
    assertThat(JAR).as("the packaged jar (run mvn verify)").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    try {
      return new Running(new ProcessBuilder(command).directory(dir.toFile()).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A running process whose output is collected as it comes. */
  static final class Running {
    final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread outReader;
    private final Thread errReader;

    Running(Process process) {
      this.process = process;
      this.outReader = copy(process.getInputStream(), out);
      this.errReader = copy(process.getErrorStream(), err);
    }

    private static Thread copy(InputStream from, ByteArrayOutputStream to) {
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try (from) {
          int n;
          while ((n = from.read(buffer)) >= 0) {
            synchronized (to) {
              to.write(buffer, 0, n);
            }
          }
        } catch (IOException e) {
          // the process ended
        }
      });
      t.setDaemon(true);
      t.start();
      return t;
    }

    String out() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    String err() {
      synchronized (err) {
        return err.toString(StandardCharsets.UTF_8);
      }
    }

    /** Waits until stdout has a line containing {@code text}. */
    void awaitOutput(String text) {
      Await.until(
          "output containing " + text + ":\n" + out() + err(), () -> out().contains(text));
    }

    Result await() {
      try {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends").isTrue();
        outReader.join(15_000);
        errReader.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return new Result(process.exitValue(), out(), err());
    }
  }

  /** Writes a file, creating its directory. */
  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
