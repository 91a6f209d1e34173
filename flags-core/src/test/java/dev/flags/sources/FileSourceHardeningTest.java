package dev.flags.sources;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flags.DocumentLimits;
import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.RecordingLogs;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import dev.flags.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched file that is not a plain, well-behaved document file, and polls that go wrong. */
final class FileSourceHardeningTest {
  private static final Duration POLL = Duration.ofMillis(20);

  @TempDir
  Path dir;

  private Flags flags;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void close() {
    if (flags != null) {
      flags.close();
    }
    scheduler.shutdownNow();
  }

  @Test
  void poll_errorThrownWhileDelivering_loggedOnceReportedAndPollingGoesOn() throws IOException {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, doc("v1", onOff("f", "on")));
    RecordingContext context = new RecordingContext(scheduler);
    FileSource source = FileSource.newBuilder(file).pollInterval(POLL).build();
    source.start(context);
    assertThat(context.delivered).containsExactly("v1");
    int mark = RecordingLogs.mark();

    context.throwOnNextUpdate = new StackOverflowError("deep");
    Files.writeString(file, doc("v2", onOff("f", "off")));
    Await.until("the failure is reported", () -> !context.failures.isEmpty());
    Files.writeString(file, doc("v3-longer", onOff("f", "on")));

    Await.until("v3 is delivered after the failure", () -> context.delivered.contains("v3-longer"));
    assertThat(context.failures.get(0).message())
        .isEqualTo("poll failed: StackOverflowError: deep (polling goes on)");
    assertThat(context.failures.get(0).kind()).isEqualTo(ErrorInfo.Kind.UNKNOWN);
    assertThat(RecordingLogs.since(mark, "dev.flags.source"))
        .filteredOn(l -> l.message().contains("StackOverflowError"))
        .hasSize(1);
  }

  @Test
  void start_fifoAtWatchedPath_refusedAtOnceWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("flags.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    try {
      flags = assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> Flags.newBuilder()
              .source(FileSource.newBuilder(fifo).pollInterval(POLL).build())
              .build());

      SourceStatus st = flags.status().sources().get(0);
      assertThat(st.state()).isEqualTo(Status.State.ERROR);
      assertThat(st.lastError().message())
          .isEqualTo("file " + fifo + " is not a regular file (a FIFO, socket or device):"
              + " refusing to read it");
      assertThat(st.lastError().needsOperator()).isTrue();
    } finally {
      unblock(fifo);
    }
  }

  @Test
  void start_symlinkToDevZero_refusedInsteadOfReadForever() throws Exception {
    Path link = dir.resolve("flags.json");
    Files.createSymbolicLink(link, Path.of("/dev/zero"));

    flags = assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> Flags.newBuilder()
            .source(FileSource.newBuilder(link).pollInterval(POLL).build())
            .build());

    assertThat(flags.status().sources().get(0).lastError().message())
        .endsWith("is not a regular file (a FIFO, socket or device): refusing to read it");
  }

  @Test
  void poll_fileOverTheDocumentLimit_refusedNamingTheSettingAndLastGoodServes() throws IOException {
    Path file = dir.resolve("flags.json");
    String small = doc("v1", onOff("f", "on"));
    Files.writeString(file, small);
    flags = Flags.newBuilder()
        .limits(DocumentLimits.newBuilder().maxDocumentBytes(1_000).build())
        .source(FileSource.newBuilder(file).pollInterval(POLL).build())
        .build();

    Files.writeString(
        file, doc("v2", onOff("f", "off", "'description': '" + "x".repeat(2_000) + "'")));

    Await.until(
        "the file is refused", () -> flags.status().sources().get(0).state() == Status.State.ERROR);
    assertThat(flags.status().sources().get(0).lastError().message())
        .isEqualTo("file " + file + " is larger than the maximum document size (1000 bytes, from"
            + " DocumentLimits.Builder.maxDocumentBytes(int)): refusing to read it");
    assertThat(flags.version()).isEqualTo("v1");
  }

  @Test
  void refreshSources_rewriteWithSameSizeAndTime_readAndServed() throws IOException {
    Path file = dir.resolve("flags.json");
    String v1 = doc("v1", onOff("f", "on"));
    String v2 = doc("v2", onOff("g", "on"));
    assertThat(v2.length()).isEqualTo(v1.length());
    Files.writeString(file, v1);
    FileTime time = Files.getLastModifiedTime(file);
    flags = Flags.newBuilder()
        .source(FileSource.newBuilder(file).pollInterval(Duration.ofHours(1)).build())
        .build();
    Files.writeString(file, v2);
    Files.setLastModifiedTime(file, time);

    flags.refreshSources();

    assertThat(flags.version()).isEqualTo("v2");
    assertThat(flags.flagKeys()).containsExactly("g");
  }

  /** Opens the FIFO for writing once, so that a reader blocked in open() (the old code) ends. */
  private static void unblock(Path fifo) {
    Thread t = new Thread(() -> {
      try (var out = Files.newOutputStream(fifo)) {
        out.write('x');
      } catch (IOException ignored) {
        // nobody was reading: nothing to unblock
      }
    });
    t.setDaemon(true);
    t.start();
  }

  /** A client's side of the SPI that records what the source reports. */
  private static final class RecordingContext implements SourceContext {
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<ErrorInfo> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger unchanged = new AtomicInteger();
    private final ScheduledExecutorService scheduler;
    volatile Error throwOnNextUpdate;

    RecordingContext(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public LoadResult update(byte[] document) {
      Error e = throwOnNextUpdate;
      if (e != null) {
        throwOnNextUpdate = null;
        throw e;
      }
      String json = new String(document, UTF_8);
      String version = json.replaceAll("(?s).*\"version\": \"([^\"]*)\".*", "$1");
      delivered.add(version);
      return LoadResult.accepted(version);
    }

    @Override
    public LoadResult updateStale(byte[] document, String note) {
      return update(document);
    }

    @Override
    public void unchanged() {
      unchanged.incrementAndGet();
    }

    @Override
    public void clear() {}

    @Override
    public void failed(ErrorInfo error) {
      failures.add(error);
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return scheduler;
    }
  }
}
