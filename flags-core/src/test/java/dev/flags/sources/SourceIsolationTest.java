package dev.flags.sources;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Reason;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import dev.flags.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One source's slow I/O delays neither the other sources nor the client's schedule boundaries. */
final class SourceIsolationTest {
  @TempDir
  Path dir;

  @Test
  void hungSource_otherFilesAndScheduleBoundariesGoOn() throws IOException {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, doc("f-1", onOff("watched", "on")));
    Instant until = Instant.now().plusMillis(600).truncatedTo(ChronoUnit.MILLIS);
    HungSource hung = new HungSource();
    try (Flags flags = Flags.newBuilder()
        .document(doc("base", onOff("sale", "on", "'schedule': [{'until': '" + until + "'}]")))
        .source(hung)
        .source(FileSource.newBuilder(file).pollInterval(Duration.ofMillis(20)).build())
        .build()) {
      Await.until("the hung source's poll has started", () -> hung.polling.getCount() == 0);

      Files.writeString(file, doc("f-2", onOff("watched", "off")));

      Await.until(
          Duration.ofSeconds(5),
          "the watched file's change is served while the other source hangs",
          () -> !flags.isEnabled("watched"));
      Await.until(
          Duration.ofSeconds(5),
          "the schedule boundary passes while the other source hangs",
          () -> flags.evaluate("sale", Context.EMPTY).reason() == Reason.OUTSIDE_SCHEDULE);
      assertThat(hung.release.getCount()).isOne(); // still hung all along
    } finally {
      hung.release.countDown();
    }
  }

  /** A source whose first poll blocks (a hung network file system, a FIFO without a writer). */
  private static final class HungSource implements FlagSource {
    final CountDownLatch polling = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String name() {
      return "hung";
    }

    @Override
    public void start(SourceContext context) {
      var unused = context.scheduler().schedule(this::poll, 0, TimeUnit.MILLISECONDS);
    }

    private void poll() {
      polling.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      release.countDown();
    }
  }
}
