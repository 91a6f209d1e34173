package dev.flags.http;

import dev.flags.Flags;
import dev.flags.SourceStatus;
import dev.flags.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Helpers to drive polls and read what a source and its client report. */
final class Polls {
  private Polls() {}

  /**
   * Waits until the source has started {@code n} polls and the last one has finished. A finished
   * poll leaves a non-zero next delay; {@link HttpFlagSource#pollNow()} and start set it to zero.
   */
  static HttpSourceStats awaitPolls(HttpFlagSource source, long n) {
    return Await.until(
        n + " poll(s) finished",
        source::stats,
        s ->
            s.requests() >= n && s.nextPollDelay() != null && !s.nextPollDelay().isZero());
  }

  /** Polls now and waits until that poll has finished. Only when no poll is in flight. */
  static HttpSourceStats pollNowAndWait(HttpFlagSource source) {
    long before = source.stats().requests();
    source.pollNow();
    return awaitPolls(source, before + 1);
  }

  /** The status of the client's HTTP layer. */
  static SourceStatus httpStatus(Flags flags) {
    for (SourceStatus s : flags.status().sources()) {
      if (s.name().startsWith("http://") || s.name().startsWith("https://")) {
        return s;
      }
    }
    throw new AssertionError("no http source in " + flags.status());
  }

  /** Names of the live threads that match. */
  static Set<String> threads(Predicate<String> name) {
    Set<String> out = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && name.test(t.getName())) {
        out.add(t.getName());
      }
    }
    return out;
  }

  /** Copies everything written to System.err while open (it still reaches the real stream). */
  static final class CapturedStderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    CapturedStderr() {
      OutputStream tee = new OutputStream() {
        @Override
        public void write(int b) {
          synchronized (copy) {
            copy.write(b);
          }
          original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          synchronized (copy) {
            copy.write(b, off, len);
          }
          original.write(b, off, len);
        }
      };
      System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    String text() {
      synchronized (copy) {
        return copy.toString(StandardCharsets.UTF_8);
      }
    }

    @Override
    public void close() {
      System.setErr(original);
    }
  }
}
