package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.httpStatus;
import static dev.flags.http.Polls.pollNowAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.ErrorCode;
import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.http.TestServer.Entity;
import dev.flags.http.internal.CacheFile;
import dev.flags.sources.MemorySource;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The last-known-good cache file: written on every accepted document, served at start. */
final class CacheFileTest {
  @TempDir
  Path dir;

  private TestServer server;
  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private HttpFlagSource.Builder source(int port, Path cache) {
    return HttpFlagSource.newBuilder(URI.create("http://127.0.0.1:" + port + "/flags.json"))
        .pollInterval(Duration.ofHours(1))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(100))
        .cacheFile(cache);
  }

  private static String cachedVersion(Path cache) {
    try {
      CacheFile.Entry e = new CacheFile(cache).read();
      return e == null ? "" : String.valueOf(e.version());
    } catch (IOException e) {
      return "";
    }
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void accept_everyDocument_writtenAtomicallyOwnerOnly() throws IOException {
    Path cache = dir.resolve("state/flags.cache"); // the directory is created
    server = TestServer.start();
    AtomicReference<Entity> doc = new AtomicReference<>(Entity.json(Docs.valid("v1"), "\"e1\""));
    server.otherwise(server.conditional(doc::get));
    HttpFlagSource source = source(server.port(), cache).build();
    flags = Flags.newBuilder().source(source).build();
    awaitPolls(source, 1);

    CacheFile.Entry first = new CacheFile(cache).read();
    assertThat(first).isNotNull();
    assertThat(new String(first.document(), StandardCharsets.UTF_8)).isEqualTo(Docs.valid("v1"));
    assertThat(first.etag()).isEqualTo("\"e1\"");
    assertThat(first.version()).isEqualTo("v1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
        .isEqualTo("rw-------");
    assertThat(list(cache.getParent())).containsExactly("flags.cache");

    doc.set(new Entity(
        Docs.bytes(Docs.valid("v2", false)),
        null,
        "Thu, 22 Oct 2026 08:00:00 GMT",
        "application/json",
        false));
    pollNowAndWait(source);

    CacheFile.Entry second = new CacheFile(cache).read();
    assertThat(second.version()).isEqualTo("v2");
    assertThat(second.etag()).isNull();
    assertThat(second.lastModified()).isEqualTo("Thu, 22 Oct 2026 08:00:00 GMT");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
        .isEqualTo("rw-------");
    assertThat(list(cache.getParent())).containsExactly("flags.cache"); // no temp file left
  }

  @Test
  void accept_rejectedDocument_notCached() throws IOException {
    Path cache = dir.resolve("flags.cache");
    server = TestServer.start();
    server
        .then(TestServer.json(Docs.valid("v1"), "ETag", "\"e1\""))
        .otherwise(TestServer.json(Docs.invalid("v2"), "ETag", "\"e2\""));
    HttpFlagSource source = source(server.port(), cache).build();
    flags = Flags.newBuilder().source(source).build();
    awaitPolls(source, 1);

    pollNowAndWait(source);

    assertThat(new CacheFile(cache).read().version()).isEqualTo("v1");
    assertThat(new CacheFile(cache).read().etag()).isEqualTo("\"e1\"");
  }

  @Test
  void accept_cacheDirectoryUnusable_warnsAndKeepsServing() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    server = TestServer.start();
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\"")));
    try (Polls.CapturedStderr err = new Polls.CapturedStderr()) {
      HttpFlagSource source =
          source(server.port(), notADirectory.resolve("flags.cache")).build();
      flags = Flags.newBuilder().source(source).build();
      awaitPolls(source, 1);

      assertThat(err.text()).contains("cannot write cache file");
    }
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void start_serverDownWithCache_servesCacheThenRevalidatesWith304() throws IOException {
    Path cache = dir.resolve("flags.cache");
    new CacheFile(cache)
        .write(new CacheFile.Entry(
            Docs.bytes(Docs.valid("v-cached")), "\"cached-etag\"", null, "v-cached"));
    int port = TestServer.freePort();
    List<Status> statuses = new CopyOnWriteArrayList<>();

    flags = Flags.newBuilder()
        .source(source(port, cache).build())
        .onStatus(statuses::add)
        .build();

    // Served before build() returned, while the server cannot be reached.
    assertThat(flags.isReady()).isTrue();
    assertThat(flags.version()).isEqualTo("v-cached");
    assertThat(flags.isEnabled("feature")).isTrue();
    Status atStart = Await.until(
        "the first status serving the cache",
        () -> statuses.stream()
            .filter(s -> s.version().equals("v-cached"))
            .findFirst()
            .orElse(null),
        s -> s != null);
    assertThat(atStart.state()).isEqualTo(Status.State.STALE);
    SourceStatus cached = atStart.sources().get(0);
    assertThat(cached.state()).isEqualTo(Status.State.STALE);
    assertThat(cached.detail())
        .isEqualTo("serving cache file " + cache + " until http://127.0.0.1:" + port
            + "/flags.json answers");
    // Failing polls keep saying where the served document came from.
    SourceStatus failing =
        Await.until("a failed poll", () -> httpStatus(flags), s -> s.lastError() != null);
    assertThat(failing.state()).isEqualTo(Status.State.STALE);
    assertThat(failing.lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
    assertThat(failing.lastError().message()).endsWith("(serving cache file " + cache + ")");
    assertThat(flags.status().state()).isEqualTo(Status.State.STALE);

    server = TestServer.start(port);
    server.otherwise(
        server.conditional(() -> Entity.json(Docs.valid("v-cached"), "\"cached-etag\"")));
    Await.until(
        "READY after the server confirms the cache",
        () -> flags.status().state() == Status.State.READY);

    assertThat(server.request(0).header("If-None-Match")).isEqualTo("\"cached-etag\"");
    assertThat(server.notModifiedSent()).isEqualTo(1);
    assertThat(server.okSent()).isZero();
    assertThat(httpStatus(flags).detail()).isNull();
    assertThat(flags.version()).isEqualTo("v-cached");
  }

  @Test
  void start_temporaryFilesOfKilledWriters_removedThoseOfLiveWritersKept() throws Exception {
    Path cache = dir.resolve("flags.cache");
    new CacheFile(cache)
        .write(new CacheFile.Entry(Docs.bytes(Docs.valid("v-cached")), "\"c\"", null, "v-cached"));
    long dead = deadPid();
    long self = ProcessHandle.current().pid();
    long live = ProcessHandle.current().parent().orElseThrow().pid(); // the build that forked us
    // Removed: a writer that is gone; this PID, but no writer here (an earlier process with the
    // same PID, as in a container); a live PID with a file too old to be its (PID reuse).
    Files.write(dir.resolve("flags.cache.tmp-" + dead + "-7"), new byte[4096]);
    Files.write(dir.resolve("flags.cache.tmp-" + self + "-123456"), new byte[4096]);
    Path old = Files.write(dir.resolve("flags.cache.tmp-" + live + "-8"), new byte[10]);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    // Kept: a live writer's file; another cache's; names that are not this cache's temp files.
    Files.write(dir.resolve("flags.cache.tmp-" + live + "-9"), new byte[10]);
    Files.write(dir.resolve("other.cache.tmp-" + dead + "-1"), new byte[10]);
    Files.write(dir.resolve("flags.cache.tmp-notes"), new byte[10]);

    flags =
        Flags.newBuilder().source(source(TestServer.freePort(), cache).build()).build();

    assertThat(flags.version()).isEqualTo("v-cached");
    assertThat(list(dir))
        .containsExactlyInAnyOrder(
            "flags.cache",
            "flags.cache.tmp-" + live + "-9",
            "other.cache.tmp-" + dead + "-1",
            "flags.cache.tmp-notes");
  }

  /** The PID of a process that has ended. */
  private static long deadPid() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.pid();
  }

  /** Ways a cache file can be broken. */
  enum Corruption {
    GARBAGE {
      @Override
      void apply(Path file) throws IOException {
        Files.write(file, new byte[] {0, (byte) 0xff, 17, '\n', '\n', 42});
      }
    },
    EMPTY {
      @Override
      void apply(Path file) throws IOException {
        Files.write(file, new byte[0]);
      }
    },
    TRUNCATED {
      @Override
      void apply(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 20));
      }
    },
    WRONG_CHECKSUM {
      @Override
      void apply(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[all.length - 30] ^= 0x20; // one flipped bit in the document
        Files.write(file, all);
      }
    },
    HEADER_ONLY {
      @Override
      void apply(Path file) throws IOException {
        Files.writeString(file, "flags-cache 1\netag: \"x\"\n");
      }
    };

    abstract void apply(Path file) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void start_corruptCache_ignoredWithWarningThenReadyFromServer(Corruption corruption)
      throws IOException {
    Path cache = dir.resolve("flags.cache");
    new CacheFile(cache)
        .write(new CacheFile.Entry(
            Docs.bytes(Docs.valid("v-cached")), "\"cached-etag\"", null, "v-cached"));
    corruption.apply(cache);
    int port = TestServer.freePort();
    HttpFlagSource source;
    try (Polls.CapturedStderr err = new Polls.CapturedStderr()) {
      source = source(port, cache).build();
      flags = Flags.newBuilder().source(source).build();

      assertThat(err.text()).contains("ignoring cache file " + cache);
    }
    assertThat(flags.isReady()).isFalse();
    assertThat(flags.evaluate("feature", Context.EMPTY).errorCode()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(flags.isEnabled("feature")).isFalse();
    Await.until(
        "the source reports the failed poll", () -> flags.status().state() == Status.State.ERROR);

    server = TestServer.start(port);
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("v-live"), "\"live\"")));
    Await.until("ready from the server", () -> flags.version().equals("v-live"));

    assertThat(server.request(0).header("If-None-Match")).isNull();
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    Await.until("the cache file is repaired", () -> cachedVersion(cache).equals("v-live"));
  }

  @Test
  void start_cachedDocumentInvalid_ignored() throws IOException {
    Path cache = dir.resolve("flags.cache");
    new CacheFile(cache)
        .write(new CacheFile.Entry(Docs.bytes(Docs.invalid("v-bad")), "\"bad\"", null, "v-bad"));
    HttpFlagSource source;
    try (Polls.CapturedStderr err = new Polls.CapturedStderr()) {
      source = source(TestServer.freePort(), cache).build();
      flags = Flags.newBuilder().source(source).build();

      assertThat(err.text())
          .contains("ignoring cache file " + cache + ": its document was rejected");
    }
    assertThat(flags.isReady()).isFalse();
    assertThat(source.stats().etag()).isNull(); // the bad document's ETag is not sent
  }

  @Test
  void start_noCacheServerDown_notReadyThenReadyWhenServerAnswers() {
    int port = TestServer.freePort();
    HttpFlagSource source = source(port, dir.resolve("flags.cache")).build();
    flags = Flags.newBuilder().source(source).build();

    Await.until("a failed poll", () -> source.stats().failures() >= 1);
    assertThat(flags.isReady()).isFalse();
    assertThat(flags.evaluate("feature", Context.EMPTY).errorCode()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(flags.getString("missing", Context.EMPTY, "default")).isEqualTo("default");
    assertThat(flags.status().state()).isEqualTo(Status.State.ERROR);
    assertThat(httpStatus(flags).lastError().kind()).isEqualTo(ErrorInfo.Kind.NETWORK);

    server = TestServer.start(port);
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("v1"), "\"e1\"")));

    assertThat(flags.awaitReady(Await.DEFAULT)).isTrue();
    assertThat(flags.version()).isEqualTo("v1");
    Await.until("READY", () -> flags.status().state() == Status.State.READY);
  }

  @Test
  void start_bootstrapLayerServerDownNoCache_bootstrapServes() {
    String bootstrap = "{\"schema\":1,\"version\":\"boot\",\"flags\":{\"feature\":{"
        + "\"variants\":{\"on\":true,\"off\":false},\"offVariant\":\"off\","
        + "\"fallthrough\":{\"variant\":\"off\"}},\"only-in-bootstrap\":{"
        + "\"variants\":{\"on\":true,\"off\":false},\"offVariant\":\"off\","
        + "\"fallthrough\":{\"variant\":\"on\"}}}}";
    int port = TestServer.freePort();
    HttpFlagSource source = source(port, dir.resolve("flags.cache")).build();
    flags = Flags.newBuilder()
        .source(MemorySource.of("bootstrap", bootstrap))
        .source(source)
        .build();

    assertThat(flags.isReady()).isTrue();
    assertThat(flags.version()).isEqualTo("boot");
    assertThat(flags.isEnabled("feature")).isFalse();
    // The poll counts its failure, then reports it to the client: wait for the report.
    Await.until("a failed poll", () -> httpStatus(flags).state() == Status.State.ERROR);
    assertThat(source.stats().failures()).isGreaterThanOrEqualTo(1);
    assertThat(flags.status().state()).isEqualTo(Status.State.STALE);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.ERROR);

    server = TestServer.start(port);
    server.otherwise(server.conditional(() -> Entity.json(Docs.valid("remote"), "\"r\"")));
    Await.until("the remote layer", () -> flags.version().equals("boot+remote"));

    assertThat(flags.isEnabled("feature")).isTrue(); // the remote layer wins flag by flag
    assertThat(flags.isEnabled("only-in-bootstrap")).isTrue();
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }
}
