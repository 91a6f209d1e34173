package dev.flags.sources;

import static dev.flags.testsupport.Docs.abc;
import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.ChangeEvent;
import dev.flags.Context;
import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.HistoryEntry;
import dev.flags.MutableClock;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.testsupport.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileSourceTest {
  private static final Context ANYONE = Context.of("someone");
  private static final Duration POLL = Duration.ofMillis(20);

  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final CopyOnWriteArrayList<ChangeEvent> events = new CopyOnWriteArrayList<>();
  private Flags flags;

  @AfterEach
  void close() {
    if (flags != null) {
      flags.close();
    }
  }

  private Path file() {
    return dir.resolve("flags.json");
  }

  private Flags watch(FileSource source) {
    flags = Flags.newBuilder().clock(clock).onChange(events::add).source(source).build();
    return flags;
  }

  private SourceStatus fileStatus() {
    for (SourceStatus s : flags.status().sources()) {
      if (s.name().startsWith("file:")) {
        return s;
      }
    }
    throw new AssertionError(flags.status().toString());
  }

  private void awaitVersion(String version) {
    Await.until(
        () -> flags.version().equals(version),
        () -> "version " + version + ", serving " + flags.version() + "; " + flags.status());
  }

  @Test
  void start_existingFile_servedBeforeBuildReturns() throws IOException {
    Files.writeString(file(), doc("f-1", onOff("f", "on")));

    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());

    assertThat(flags.isReady()).isTrue();
    assertThat(flags.version()).isEqualTo("f-1");
    assertThat(fileStatus().name()).isEqualTo("file:" + file());
    assertThat(fileStatus().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_fileRewritten_newVersionServedWithinPollInterval() throws IOException {
    Files.writeString(file(), doc("f-1", onOff("f", "on")));
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());

    Files.writeString(file(), doc("f-2", onOff("f", "off")));

    awaitVersion("f-2");
    assertThat(flags.isEnabled("f", ANYONE)).isFalse();
  }

  @Test
  void poll_replacedByAtomicRename_newVersionServed() throws IOException {
    Files.writeString(file(), doc("f-1", onOff("f", "on")));
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());

    Path tmp = dir.resolve("flags.json.tmp");
    Files.writeString(tmp, doc("f-2", onOff("f", "off")));
    Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    awaitVersion("f-2");
    assertThat(flags.isEnabled("f", ANYONE)).isFalse();
  }

  @Test
  void poll_atomicRenameSameSizeAndTime_stillNoticed() throws IOException {
    Files.writeString(file(), doc("f-1", onOff("f", "on")));
    FileTime time = Files.getLastModifiedTime(file());
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());

    Path tmp = dir.resolve("flags.json.tmp");
    Files.writeString(tmp, doc("f-2", onOff("f", "on")));
    Files.setLastModifiedTime(tmp, time);
    Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    awaitVersion("f-2");
  }

  @Test
  void poll_truncatedInPlaceWrite_rejectedOldServesThenCompleteWriteTaken() throws IOException {
    Files.writeString(file(), doc("f-1", abc("f", "a")));
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());
    byte[] full = doc("f-2", abc("f", "b")).getBytes(StandardCharsets.UTF_8);
    clock.set("2030-01-01T00:01:00Z");

    Files.write(file(), java.util.Arrays.copyOf(full, full.length / 2));

    Await.until(
        () -> fileStatus().state() == Status.State.STALE, () -> flags.status().toString());
    SourceStatus st = fileStatus();
    assertThat(st.detail()).isEqualTo("latest document rejected");
    assertThat(st.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
    assertThat(st.lastError().message())
        .startsWith("document rejected (1 problem): ")
        .contains("invalid JSON");
    assertThat(st.lastError().time()).isEqualTo(Instant.parse("2030-01-01T00:01:00Z"));
    assertThat(st.version()).isEqualTo("f-1");
    assertThat(flags.version()).isEqualTo("f-1");
    assertThat(flags.getString("f", ANYONE, "?")).isEqualTo("A");
    assertThat(flags.status().state()).isEqualTo(Status.State.STALE);

    Files.write(file(), full);

    awaitVersion("f-2");
    assertThat(flags.getString("f", ANYONE, "?")).isEqualTo("B");
    assertThat(fileStatus().state()).isEqualTo(Status.State.READY);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void poll_rejectedFileTouchedAgain_staysStale() throws IOException {
    Files.writeString(file(), doc("f-1", abc("f", "a")));
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());
    Files.writeString(file(), "{\"schema\": 1, \"version\": \"f-2\", \"flags\": {");
    Await.until(
        () -> fileStatus().state() == Status.State.STALE, () -> flags.status().toString());
    clock.set("2030-01-01T00:02:00Z");

    Files.setLastModifiedTime(file(), FileTime.from(Instant.now().plusSeconds(5)));
    flags.refreshSources();

    assertThat(fileStatus().state()).isEqualTo(Status.State.STALE);
    assertThat(flags.version()).isEqualTo("f-1");
  }

  @Test
  void poll_requiredFileDeleted_staleNotFoundStillServingThenRecreatedPickedUp()
      throws IOException {
    Files.writeString(file(), doc("f-1", onOff("f", "on")));
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());
    clock.set("2030-01-01T00:03:00Z");

    Files.delete(file());

    Await.until(
        () -> fileStatus().state() == Status.State.STALE, () -> flags.status().toString());
    ErrorInfo e = fileStatus().lastError();
    assertThat(e.kind()).isEqualTo(ErrorInfo.Kind.NOT_FOUND);
    assertThat(e.message()).isEqualTo("file " + file() + " does not exist");
    assertThat(e.time()).isEqualTo(Instant.parse("2030-01-01T00:03:00Z"));
    assertThat(flags.status().state()).isEqualTo(Status.State.STALE);
    assertThat(flags.isEnabled("f", ANYONE))
        .as("still serving the last good document")
        .isTrue();

    Files.writeString(file(), doc("f-2", onOff("f", "off")));

    awaitVersion("f-2");
    assertThat(flags.isEnabled("f", ANYONE)).isFalse();
    Await.until(() -> flags.status().state() == Status.State.READY, () -> "" + flags.status());
  }

  @Test
  void poll_requiredFileDeletedAndRecreatedIdentical_readyWithoutSwap() throws IOException {
    String json = doc("f-1", onOff("f", "on"));
    Files.writeString(file(), json);
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());
    Files.delete(file());
    Await.until(
        () -> fileStatus().state() == Status.State.STALE, () -> flags.status().toString());

    Files.writeString(file(), json);

    Await.until(
        () -> fileStatus().state() == Status.State.READY, () -> flags.status().toString());
    assertThat(flags.history()).extracting(HistoryEntry::version).containsExactly("f-1");
  }

  @Test
  void start_requiredFileMissing_errorNotFoundAndNotReady() {
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());

    assertThat(flags.isReady()).isFalse();
    assertThat(flags.status().state()).isEqualTo(Status.State.ERROR);
    assertThat(fileStatus().lastError().kind()).isEqualTo(ErrorInfo.Kind.NOT_FOUND);
  }

  @Test
  void start_requiredFileMissing_becomesReadyWhenCreated() throws IOException {
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());

    Files.writeString(file(), doc("f-1", onOff("f", "on")));

    assertThat(flags.awaitReady(Await.DEFAULT)).isTrue();
    assertThat(flags.version()).isEqualTo("f-1");
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void optional_absentAtStart_otherLayersServeAndReady() {
    MemorySource remote = MemorySource.of("remote", doc("remote-1", abc("f", "a")));
    flags = Flags.newBuilder()
        .clock(clock)
        .onChange(events::add)
        .source(remote)
        .source(FileSource.newBuilder(file()).optional().pollInterval(POLL).build())
        .build();

    assertThat(flags.version()).isEqualTo("remote-1");
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    assertThat(fileStatus().state()).isEqualTo(Status.State.READY);
    assertThat(fileStatus().detail()).isEqualTo("no document");
    assertThat(fileStatus().lastError()).isNull();
  }

  @Test
  void optional_createdLater_itsFlagsOverrideThenDeletedLayerRemoved() throws IOException {
    MemorySource remote = MemorySource.of("remote", doc("remote-1", abc("f", "a"), abc("g", "a")));
    flags = Flags.newBuilder()
        .clock(clock)
        .onChange(events::add)
        .source(remote)
        .source(FileSource.newBuilder(file()).optional().pollInterval(POLL).build())
        .build();

    Files.writeString(file(), doc("local-1", abc("f", "c")));

    awaitVersion("remote-1+local-1");
    assertThat(flags.getString("f", ANYONE, "?")).isEqualTo("C");
    assertThat(flags.getString("g", ANYONE, "?")).isEqualTo("A");
    assertThat(fileStatus().detail()).isNull();

    Files.delete(file());

    awaitVersion("remote-1");
    assertThat(flags.getString("f", ANYONE, "?")).isEqualTo("A");
    assertThat(fileStatus().state()).isEqualTo(Status.State.READY);
    assertThat(fileStatus().detail()).isEqualTo("no document");
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
  }

  @Test
  void optional_onlySourceAbsent_readyWithNoFlags() throws IOException {
    watch(FileSource.newBuilder(file()).optional().pollInterval(POLL).build());

    assertThat(flags.isReady()).isTrue();
    assertThat(flags.flagKeys()).isEmpty();
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);

    Files.writeString(file(), doc("local-1", onOff("f", "on")));
    awaitVersion("local-1");
    assertThat(flags.isEnabled("f", ANYONE)).isTrue();
  }

  @Test
  void optional_recreatedThenRewrittenIdentical_detailStaysClear() throws IOException {
    MemorySource remote = MemorySource.of("remote", doc("remote-1", abc("f", "a")));
    flags = Flags.newBuilder()
        .clock(clock)
        .onChange(events::add)
        .source(remote)
        .source(FileSource.newBuilder(file()).optional().pollInterval(POLL).build())
        .build();
    String json = doc("local-1", abc("f", "c"));
    Files.writeString(file(), json);
    awaitVersion("remote-1+local-1");
    clock.set("2030-01-01T00:05:00Z");

    Files.writeString(file(), json);
    Files.setLastModifiedTime(file(), FileTime.from(Instant.now().plusSeconds(5)));

    Await.until(
        () -> Instant.parse("2030-01-01T00:05:00Z").equals(fileStatus().lastUpdate()),
        () -> "an unchanged check, " + fileStatus());
    assertThat(fileStatus().detail()).isNull();
    assertThat(fileStatus().version()).isEqualTo("local-1");
  }

  @Test
  void poll_identicalRewrite_noSwapAndNoChangeEvent() throws IOException {
    String json = doc("f-1", onOff("f", "on"));
    Files.writeString(file(), json);
    watch(FileSource.newBuilder(file()).pollInterval(POLL).build());
    clock.set("2030-01-01T00:04:00Z");

    Files.writeString(file(), json);
    Files.setLastModifiedTime(file(), FileTime.from(Instant.now().plusSeconds(5)));

    Await.until(
        () -> Instant.parse("2030-01-01T00:04:00Z").equals(fileStatus().lastUpdate()),
        () -> "an unchanged check, " + fileStatus());
    assertThat(flags.history()).extracting(HistoryEntry::version).containsExactly("f-1");
    // Events of one listener arrive in order: a later change proves none came in between.
    Files.writeString(file(), doc("f-2", onOff("f", "off")));
    awaitVersion("f-2");
    Await.until(() -> events.size() >= 2, events::toString);
    assertThat(events).extracting(ChangeEvent::newVersion).containsExactly("f-1", "f-2");
  }

  @Test
  void refreshSources_longPollInterval_checksNow() throws IOException {
    Files.writeString(file(), doc("f-1", onOff("f", "on")));
    watch(FileSource.newBuilder(file()).pollInterval(Duration.ofHours(1)).build());
    Files.writeString(file(), doc("f-2", onOff("f", "off")));

    flags.refreshSources();

    assertThat(flags.version()).isEqualTo("f-2");
  }

  @Test
  void newBuilder_pollIntervalTooShort_throws() {
    FileSource.Builder b = FileSource.newBuilder(file());

    assertThatThrownBy(() -> b.pollInterval(Duration.ofMillis(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poll interval must be at least 10ms but was PT0.005S");
  }

  @Test
  void watch_defaults_requiredWithDefaultInterval() {
    FileSource source = FileSource.watch(file());

    assertThat(source.file()).isEqualTo(file());
    assertThat(source.name()).isEqualTo("file:" + file());
    assertThat(source.toString()).isEqualTo("FileSource{" + file() + ", every PT1S}");
  }

  @Test
  void close_stopsPolling() throws IOException {
    Files.writeString(file(), doc("f-1", onOff("f", "on")));
    FileSource source = FileSource.newBuilder(file()).pollInterval(POLL).build();
    watch(source);

    flags.close();
    Files.writeString(file(), doc("f-2", onOff("f", "off")));
    source.refresh();

    assertThat(flags.version()).isEqualTo("f-1");
    assertThat(List.of(flags.status().state())).containsExactly(Status.State.CLOSED);
  }
}
