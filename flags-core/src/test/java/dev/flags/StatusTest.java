package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.flags.sources.MemorySource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StatusTest {
  private static final Context ANYONE = Context.of("someone");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");

  @Test
  void status_sourceNotDeliveredYet_initializingThenReady() {
    TestSource remote = TestSource.silent("remote");
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      Status before = flags.status();
      assertThat(before.state()).isEqualTo(Status.State.INITIALIZING);
      assertThat(before.version()).isEmpty();
      assertThat(before.lastUpdate()).isNull();
      assertThat(before.lastError()).isNull();
      assertThat(source(before, "remote").state()).isEqualTo(Status.State.INITIALIZING);

      clock.set("2030-01-01T00:00:05Z");
      remote.deliver(doc("v1", onOff("f", "on")));

      Status after = flags.status();
      assertThat(after.state()).isEqualTo(Status.State.READY);
      assertThat(after.version()).isEqualTo("v1");
      assertThat(after.lastUpdate()).isEqualTo(Instant.parse("2030-01-01T00:00:05Z"));
      SourceStatus src = source(after, "remote");
      assertThat(src.state()).isEqualTo(Status.State.READY);
      assertThat(src.version()).isEqualTo("v1");
      assertThat(src.lastUpdate()).isEqualTo(Instant.parse("2030-01-01T00:00:05Z"));
      assertThat(src.lastError()).isNull();
    }
  }

  @Test
  void status_sourceFailsBeforeAnyDocument_error() {
    TestSource remote = TestSource.silent("remote");
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      clock.set("2030-01-01T00:01:00Z");

      remote.fail(ErrorInfo.Kind.NETWORK, "connection refused");

      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.ERROR);
      assertThat(flags.isReady()).isFalse();
      ErrorInfo e = st.lastError();
      assertThat(e).isNotNull();
      assertThat(e.kind()).isEqualTo(ErrorInfo.Kind.NETWORK);
      assertThat(e.message()).isEqualTo("connection refused");
      assertThat(e.time()).isEqualTo(Instant.parse("2030-01-01T00:01:00Z"));
      assertThat(source(st, "remote").state()).isEqualTo(Status.State.ERROR);
      assertThat(source(st, "remote").lastError()).isSameAs(e);
      assertThat(flags.evaluate("f", ANYONE).errorCode()).isEqualTo(ErrorCode.NOT_READY);
    }
  }

  @Test
  void status_sourceFailsAfterDocument_staleAndStillServing() {
    TestSource remote = TestSource.startingWith("remote", doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      clock.set("2030-01-01T00:02:00Z");

      remote.fail(ErrorInfo.Kind.HTTP, "503 from origin");

      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      assertThat(st.version()).isEqualTo("v1");
      assertThat(st.lastError().kind()).isEqualTo(ErrorInfo.Kind.HTTP);
      assertThat(st.lastError().time()).isEqualTo(Instant.parse("2030-01-01T00:02:00Z"));
      assertThat(st.lastUpdate()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
      assertThat(source(st, "remote").state()).isEqualTo(Status.State.STALE);
      assertThat(flags.isEnabled("f", ANYONE)).isTrue();

      clock.set("2030-01-01T00:03:00Z");
      remote.unchanged();

      Status recovered = flags.status();
      assertThat(recovered.state()).isEqualTo(Status.State.READY);
      assertThat(source(recovered, "remote").lastUpdate())
          .isEqualTo(Instant.parse("2030-01-01T00:03:00Z"));
      assertThat(recovered.lastError())
          .as("the last error is kept for the record")
          .isNotNull();
    }
  }

  @Test
  void status_rejectedDocument_staleWithInvalidDocumentError() {
    MemorySource remote = MemorySource.of("remote", doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      clock.set("2030-01-01T00:04:00Z");

      remote.update(doc("v2", onOff("f", "maybe")));

      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      assertThat(st.version()).isEqualTo("v1");
      SourceStatus src = source(st, "remote");
      assertThat(src.state()).isEqualTo(Status.State.STALE);
      assertThat(src.detail()).isEqualTo("latest document rejected");
      assertThat(src.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
      assertThat(src.lastError().message())
          .isEqualTo("document version 'v2' rejected"
              + " (1 problem): flags.f.fallthrough.variant: 'maybe' is not a declared variant"
              + " (declared: on, off)");
      assertThat(src.lastError().time()).isEqualTo(Instant.parse("2030-01-01T00:04:00Z"));
    }
  }

  @Test
  void status_rejectedThenSourceReportsUnchanged_staysStale() {
    TestSource remote = TestSource.startingWith("remote", doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      remote.deliver(doc("v2", onOff("f", "maybe")));

      remote.unchanged(); // e.g. HTTP 304 for the rejected document

      SourceStatus src = source(flags.status(), "remote");
      assertThat(src.state()).isEqualTo(Status.State.STALE);
      assertThat(src.detail()).isEqualTo("latest document rejected");
      assertThat(flags.status().state()).isEqualTo(Status.State.STALE);

      remote.deliver(doc("v3", onOff("f", "off")));
      assertThat(source(flags.status(), "remote").state()).isEqualTo(Status.State.READY);
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    }
  }

  @Test
  void status_neverAcceptedThenUnchanged_staysError() {
    TestSource remote = TestSource.silent("remote");
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      remote.deliver("not json");
      assertThat(flags.status().state()).isEqualTo(Status.State.ERROR);

      remote.unchanged();

      assertThat(flags.status().state()).isEqualTo(Status.State.ERROR);
      assertThat(source(flags.status(), "remote").state()).isEqualTo(Status.State.ERROR);
    }
  }

  @Test
  void status_staleDelivery_sourceStaleWithNoteUntilFreshUpdate() {
    TestSource remote = TestSource.silent("remote");
    try (Flags flags = Flags.newBuilder().clock(clock).source(remote).build()) {
      remote.deliverStale(doc("cached-7", onOff("f", "on")), "origin unreachable; serving cache");

      Status st = flags.status();
      assertThat(flags.isReady()).isTrue();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      assertThat(source(st, "remote").detail()).isEqualTo("origin unreachable; serving cache");

      remote.deliver(doc("v8", onOff("f", "on")));
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
      assertThat(source(flags.status(), "remote").detail()).isNull();
    }
  }

  @Test
  void status_oneLayerFailing_clientStaleOtherLayersServe() {
    MemorySource bootstrap = MemorySource.of("bootstrap", doc("b1", onOff("f", "on")));
    TestSource remote = TestSource.silent("remote");
    try (Flags flags =
        Flags.newBuilder().clock(clock).source(bootstrap).source(remote).build()) {
      remote.fail(ErrorInfo.Kind.NETWORK, "timeout");

      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      assertThat(st.version()).isEqualTo("b1");
      assertThat(source(st, "bootstrap").state()).isEqualTo(Status.State.READY);
      assertThat(source(st, "remote").state()).isEqualTo(Status.State.ERROR);
    }
  }

  @Test
  void status_sourcesListedInPrecedenceOrder() {
    try (Flags flags = Flags.newBuilder()
        .source(MemorySource.of("a", doc("a1", onOff("f", "on"))))
        .source(MemorySource.of("b", doc("b1", onOff("g", "on"))))
        .build()) {
      assertThat(flags.status().sources()).extracting(SourceStatus::name).containsExactly("a", "b");
    }
  }

  @Test
  void statusListener_stateChanges_called() {
    StatusListener listener = mock(StatusListener.class);
    TestSource remote = TestSource.silent("remote");
    try (Flags flags =
        Flags.newBuilder().clock(clock).onStatus(listener).source(remote).build()) {
      remote.deliver(doc("v1", onOff("f", "on")));
      verify(listener, timeout(WAIT.toMillis()))
          .onStatus(argThat(s -> s.state() == Status.State.READY && s.version().equals("v1")));

      remote.fail(ErrorInfo.Kind.NETWORK, "reset");
      verify(listener, timeout(WAIT.toMillis()))
          .onStatus(argThat(s -> s.state() == Status.State.STALE
              && s.lastError() != null
              && s.lastError().message().equals("reset")));

      flags.kill("f", "incident");
      verify(listener, timeout(WAIT.toMillis()))
          .onStatus(argThat(s -> s.killedFlags().containsKey("f")));
    }
  }

  @Test
  void statusListener_addedAfterBuild_seesLaterChanges() {
    MemorySource remote = MemorySource.of("remote", doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().source(remote).build()) {
      StatusListener listener = mock(StatusListener.class);
      flags.addStatusListener(listener);

      remote.update(doc("v2", onOff("f", "off")));

      verify(listener, timeout(WAIT.toMillis()))
          .onStatus(argThat(s -> s.version().equals("v2")));
    }
  }

  @Test
  void status_operatorState_killsTagsOverridesAndPinAppear() {
    MemorySource remote = MemorySource.of(
        "remote", doc("v1", onOff("f", "on"), onOff("g", "on", "'tags': ['payments']")));
    try (Flags flags = Flags.newBuilder().source(remote).build()) {
      remote.update(doc("v2", onOff("f", "on"), onOff("g", "on", "'tags': ['payments']")));
      flags.kill("f", "incident 42");
      flags.killTag("payments", "fraud");
      flags.override("g", "off");
      flags.rollback();

      Status st = flags.status();
      assertThat(st.killedFlags()).containsExactly(java.util.Map.entry("f", "incident 42"));
      assertThat(st.killedTags()).containsExactly(java.util.Map.entry("payments", "fraud"));
      assertThat(st.overriddenFlags()).containsExactly("g");
      assertThat(st.isPinned()).isTrue();
      assertThat(st.pinnedVersion()).isEqualTo("v1");
      assertThat(st.version()).isEqualTo("v1");
      assertThat(st.toString())
          .contains("pinned=v1", "killedFlags=[f]", "killedTags=[payments]", "overrides=[g]");

      flags.unpin();
      flags.restore("f");
      flags.restoreTag("payments");
      flags.clearOverride("g");
      Status cleared = flags.status();
      assertThat(cleared.isPinned()).isFalse();
      assertThat(cleared.pinnedVersion()).isNull();
      assertThat(cleared.killedFlags()).isEmpty();
      assertThat(cleared.killedTags()).isEmpty();
      assertThat(cleared.overriddenFlags()).isEmpty();
      assertThat(cleared.version()).isEqualTo("v2");
    }
  }

  @Test
  void status_afterClose_closed() {
    Flags flags =
        Flags.newBuilder().source(MemorySource.of(doc("v1", onOff("f", "on")))).build();

    flags.close();

    assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
    assertThat(flags.status().version()).isEqualTo("v1");
  }

  @Test
  void status_sourceThrowsOnStart_reportedNotFatal() {
    dev.flags.spi.FlagSource broken = new dev.flags.spi.FlagSource() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public void start(dev.flags.spi.SourceContext context) {
        throw new IllegalStateException("no credentials configured");
      }

      @Override
      public void close() {}
    };
    MemorySource bootstrap = MemorySource.of("bootstrap", doc("b1", onOff("f", "on")));
    try (Flags flags =
        Flags.newBuilder().clock(clock).source(bootstrap).source(broken).build()) {
      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      SourceStatus src = source(st, "broken");
      assertThat(src.state()).isEqualTo(Status.State.ERROR);
      assertThat(src.lastError().kind()).isEqualTo(ErrorInfo.Kind.UNKNOWN);
      assertThat(src.lastError().message())
          .isEqualTo("failed to start: java.lang.IllegalStateException: no credentials configured");
      assertThat(flags.isEnabled("f", ANYONE)).isTrue();
    }
  }

  static SourceStatus source(Status status, String name) {
    List<SourceStatus> all = status.sources();
    for (SourceStatus s : all) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no source " + name + " in " + status);
  }
}
