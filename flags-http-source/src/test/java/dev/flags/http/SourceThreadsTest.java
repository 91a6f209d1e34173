package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.pollNowAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.http.TestServer.Entity;
import dev.flags.http.internal.CacheFile;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which threads run the source's code: its own ({@code flags-http-*}) and the client's
 * scheduler, never java.net.http's or the JDK's common pool; and close() waits for a document
 * being handled.
 */
final class SourceThreadsTest {
  private static final String CLIENT = "threads-test";

  @TempDir
  Path dir;

  private final TestServer server = TestServer.start();
  /** The thread of every call the source made to its client. */
  private final List<String> callers = new CopyOnWriteArrayList<>();

  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    server.close();
  }

  private static boolean ours(String thread) {
    return thread.startsWith("flags-http-") || thread.startsWith(CLIENT + "-");
  }

  private HttpFlagSource runPolls(HttpFlagSource.Builder builder) {
    AtomicReference<Entity> doc =
        new AtomicReference<>(Entity.json(Docs.large("v1", 3_000), "\"e1\""));
    server.otherwise(server.conditional(doc::get));
    HttpFlagSource source = builder.pollInterval(Duration.ofHours(1)).build();
    flags = Flags.newBuilder()
        .name(CLIENT)
        .source(new Noting(source, callers, null))
        .build();
    awaitPolls(source, 1);
    for (int i = 2; i <= 4; i++) {
      doc.set(Entity.json(Docs.large("v" + i, 3_000), "\"e" + i + "\""));
      pollNowAndWait(source);
      pollNowAndWait(source); // a 304
    }
    assertThat(flags.version()).isEqualTo("v4");
    return source;
  }

  @Test
  void poll_documentsAndRevalidations_handledOnTheSourcesThreadsOnly() {
    runPolls(HttpFlagSource.newBuilder(server.uri()));

    assertThat(callers).hasSize(7).allSatisfy(t -> assertThat(t).matches(SourceThreadsTest::ours));
  }

  @Test
  void poll_callersHttpClient_handledOnTheSourcesThreadsOnly() {
    runPolls(HttpFlagSource.newBuilder(server.uri()).httpClient(HttpClient.newHttpClient()));

    assertThat(callers).hasSize(7).allSatisfy(t -> assertThat(t).matches(SourceThreadsTest::ours));
  }

  @Test
  void poll_timedOut_handledOnTheSourcesThreadsOnly() {
    server
        .then(TestServer.json(Docs.valid("v1")))
        .otherwise(server.delayed(Duration.ofSeconds(5), TestServer.status(500)));
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .requestTimeout(Duration.ofMillis(200))
        .build();
    flags = Flags.newBuilder()
        .name(CLIENT)
        .source(new Noting(source, callers, null))
        .build();
    awaitPolls(source, 1);

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(stats.lastError().message()).isEqualTo("timed out after PT0.2S");
    assertThat(callers).hasSize(2).allSatisfy(t -> assertThat(t).matches(SourceThreadsTest::ours));
  }

  @Test
  void close_whileADocumentIsHandled_waitsForItsCacheWrite() throws IOException {
    Path cache = dir.resolve("flags.cache");
    AtomicReference<Entity> doc = new AtomicReference<>(Entity.json(Docs.valid("v1"), "\"e1\""));
    server.otherwise(server.conditional(doc::get));
    CountDownLatch delivered = new CountDownLatch(1);
    HttpFlagSource source = HttpFlagSource.newBuilder(server.uri())
        .pollInterval(Duration.ofHours(1))
        .cacheFile(cache)
        .build();
    flags = Flags.newBuilder()
        .name(CLIENT)
        .source(new Noting(source, callers, delivered))
        .build();
    awaitPolls(source, 1);
    doc.set(Entity.json(Docs.valid("v2"), "\"e2\""));
    source.pollNow();
    Await.until("v2 delivered", () -> delivered.getCount() == 0);

    flags.close(); // the handling of v2 is still going on: it writes the cache file next

    CacheFile.Entry cached = new CacheFile(cache).read();
    assertThat(cached).isNotNull();
    assertThat(cached.version()).isEqualTo("v2");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(cache); // no temporary file left behind
    }
  }

  /** Wraps a source, noting the thread of each call it makes to its client. */
  private static final class Noting implements FlagSource {
    private final FlagSource source;
    private final List<String> callers;
    private final @Nullable CountDownLatch delivered;

    /** With {@code slowAfterV2}, a delivery of v2 returns slowly, once it is counted down. */
    Noting(FlagSource source, List<String> callers, @Nullable CountDownLatch slowAfterV2) {
      this.source = source;
      this.callers = callers;
      this.delivered = slowAfterV2;
    }

    @Override
    public String name() {
      return source.name();
    }

    @Override
    public void start(SourceContext context) {
      source.start(new SourceContext() {
        @Override
        public LoadResult update(byte[] document) {
          callers.add(Thread.currentThread().getName());
          LoadResult r = context.update(document);
          if (delivered != null && "v2".equals(r.version())) {
            delivered.countDown();
            slowStep();
          }
          return r;
        }

        @Override
        public LoadResult updateStale(byte[] document, String note) {
          callers.add(Thread.currentThread().getName());
          return context.updateStale(document, note);
        }

        @Override
        public void unchanged() {
          callers.add(Thread.currentThread().getName());
          context.unchanged();
        }

        @Override
        public void clear() {
          callers.add(Thread.currentThread().getName());
          context.clear();
        }

        @Override
        public void failed(ErrorInfo error) {
          callers.add(Thread.currentThread().getName());
          context.failed(error);
        }

        @Override
        public Clock clock() {
          return context.clock();
        }

        @Override
        public ScheduledExecutorService scheduler() {
          return context.scheduler();
        }
      });
    }

    /** A source whose handling takes a while after the delivery (a large cache write). */
    private static void slowStep() {
      try {
        TimeUnit.MILLISECONDS.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void refresh() {
      source.refresh();
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
