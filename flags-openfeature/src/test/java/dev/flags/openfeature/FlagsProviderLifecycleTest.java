package dev.flags.openfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.test.TestFlags;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Snippets;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.MutableTrackingEventDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.exceptions.GeneralError;
import dev.openfeature.sdk.exceptions.OpenFeatureError;
import dev.openfeature.sdk.exceptions.ProviderNotReadyError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** initialize, the events and shutdown, through the real OpenFeature API. */
final class FlagsProviderLifecycleTest {
  private static final String V1 = TestFlags.document(
      "v1",
      TestFlags.flag("a").on(),
      TestFlags.flag("b").off().tags("payments"),
      TestFlags.flag("c").on().tags("payments"));
  private static final String V2 = TestFlags.document(
      "v2",
      TestFlags.flag("a").on(),
      TestFlags.flag("b").on().tags("payments"),
      TestFlags.flag("c").on().tags("payments"));

  /** A flag on for everyone whose guardrail trips above 50% failures of at least 20 outcomes. */
  private static final String GUARDED = """
      {"schema": 1, "version": "g1", "flags": {"new-checkout": {
        "variants": {"on": true, "off": false}, "offVariant": "off",
        "fallthrough": {"variant": "on"},
        "guardrail": {"maxFailureRate": 0.5, "minSamples": 20, "windowSeconds": 60, "buckets": 10}
      }}}
      """;

  private final OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
  private final ControlledSource source = new ControlledSource();
  private final Flags flags =
      Flags.newBuilder().name("lifecycle-test").source(source).build();
  private final List<EventDetails> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    api.shutdown();
    flags.close();
  }

  private void record(ProviderEvent type) {
    api.on(type, d -> events.add(named(type, d)));
  }

  private static EventDetails named(ProviderEvent type, EventDetails d) {
    return EventDetails.builder()
        .providerName(type.name())
        .flagsChanged(d.getFlagsChanged())
        .message(d.getMessage())
        .eventMetadata(d.getEventMetadata())
        .build();
  }

  private List<String> eventTypes() {
    return events.stream().map(EventDetails::getProviderName).toList();
  }

  @Test
  void setProviderAndWait_sourceDown_failsAsNotReadyWithinDefaultTimeoutPlus200ms() {
    FlagsProvider provider = FlagsProvider.newBuilder(flags).build();
    record(ProviderEvent.PROVIDER_ERROR);

    long start = System.nanoTime();
    assertThatThrownBy(() -> api.setProviderAndWait(provider))
        .isInstanceOf(ProviderNotReadyError.class)
        .hasMessageStartingWith("no flag document within PT2S (client status: Status{INITIALIZING");
    long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(elapsed).isBetween(2_000L, 2_200L);
    assertThat(api.getClient().getProviderState()).isEqualTo(ProviderState.ERROR);
    Await.until("the ERROR event", () -> eventTypes().contains("PROVIDER_ERROR"));
    assertThat(api.getClient().getBooleanDetails("a", true).getErrorCode())
        .isEqualTo(ErrorCode.PROVIDER_NOT_READY);
  }

  @Test
  void firstDocumentAfterFailedInitialize_readyWithinOneSecond() {
    FlagsProvider provider = FlagsProvider.newBuilder(flags)
        .initializeTimeout(Duration.ofMillis(100))
        .build();
    AtomicLong readyAt = new AtomicLong();
    api.onProviderReady(d -> readyAt.compareAndSet(0, System.nanoTime()));
    assertThatThrownBy(() -> api.setProviderAndWait(provider)).isInstanceOf(OpenFeatureError.class);
    Client client = api.getClient();

    long delivered = System.nanoTime();
    assertThat(source.deliver(V1).isAccepted()).isTrue();

    Await.until("PROVIDER_READY", () -> readyAt.get() != 0);
    assertThat(Duration.ofNanos(readyAt.get() - delivered)).isLessThan(Duration.ofSeconds(1));
    assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
    assertThat(client.getBooleanValue("a", false, new ImmutableContext("u"))).isTrue();
  }

  @Test
  void setProviderAndWait_documentArrivesWhileWaiting_ready() throws Exception {
    FlagsProvider provider = FlagsProvider.newBuilder(flags)
        .initializeTimeout(Duration.ofSeconds(30))
        .build();
    Thread deliverer = new Thread(() -> {
      Await.until("initialize to wait", () -> flags.status().state() == Status.State.INITIALIZING);
      source.deliver(V1);
    });
    deliverer.start();

    api.setProviderAndWait(provider);

    assertThat(api.getClient().getProviderState()).isEqualTo(ProviderState.READY);
    deliverer.join();
  }

  @Test
  void clientStatus_staleThenUpdated_staleEventThenReadyEvent() throws Exception {
    source.deliver(V1);
    record(ProviderEvent.PROVIDER_STALE);
    record(ProviderEvent.PROVIDER_READY);
    api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());
    Client client = api.getClient();
    Await.until("the first READY", () -> events.size() == 1);

    source.deliverStale(V1);
    Await.until("STALE", () -> client.getProviderState() == ProviderState.STALE);
    source.deliver(V1);
    Await.until("READY again", () -> client.getProviderState() == ProviderState.READY);

    Await.until("both events", () -> events.size() >= 3);
    // The SDK runs event handlers on its own executor, so handlers may see the two events in
    // either order; the client's state above went STALE, then READY.
    assertThat(eventTypes())
        .containsExactlyInAnyOrder("PROVIDER_READY", "PROVIDER_STALE", "PROVIDER_READY");
    EventDetails stale = events.stream()
        .filter(e -> "flags client STALE".equals(e.getMessage()))
        .findFirst()
        .orElseThrow();
    assertThat(stale.getEventMetadata().getString("version")).isEqualTo("v1");
  }

  @Test
  void clientStatus_failingSourceAfterDocument_stale() throws Exception {
    source.deliver(V1);
    api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());

    source.fail();

    Await.until("STALE", () -> api.getClient().getProviderState() == ProviderState.STALE);
  }

  @Test
  void configurationChanged_reloadKillRestoreOverrideTagRollback_oneEventEachWithExactKeys()
      throws Exception {
    source.deliver(V1);
    api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());
    record(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED);

    step(() -> source.deliver(V2), 1);
    step(() -> flags.kill("a", "INC-7"), 2);
    step(() -> flags.restore("a"), 3);
    step(() -> flags.override("c", "off"), 4);
    step(() -> flags.killTag("payments", "outage"), 5);
    step(() -> flags.restoreTag("payments"), 6);
    step(() -> flags.clearOverride("c"), 7);
    step(flags::rollback, 8);
    step(() -> flags.kill("a", "last"), 9); // nothing between the steps sent an event

    assertThat(events)
        .extracting(EventDetails::getFlagsChanged)
        .containsExactly(
            List.of("b"),
            List.of("a"),
            List.of("a"),
            List.of("c"),
            List.of("b", "c"),
            List.of("b", "c"),
            List.of("c"),
            List.of("b"),
            List.of("a"));
    assertThat(events.get(0).getMessage()).isEqualTo("UPDATE from remote: v1 -> v2");
    assertThat(events.get(1).getMessage()).isEqualTo("KILL from kill: v2 -> v2");
    assertThat(events.get(7).getEventMetadata().getString("version")).isEqualTo("v1");
  }

  /** Runs an action and waits for the n-th configuration event it causes. */
  private void step(Runnable action, int n) {
    action.run();
    Await.until("configuration event " + n, () -> events.size() >= n);
    assertThat(events).hasSize(n);
  }

  @Test
  void shutdown_twice_stopsListeningLeavesNoThreadAndKeepsTheClient() throws Exception {
    source.deliver(V1);
    FlagsProvider provider = FlagsProvider.newBuilder(flags).build();
    api.setProviderAndWait(provider);
    flags.kill("a", "make an event");
    Await.until("the provider's threads", () -> threads("lifecycle-test-") >= 2);

    provider.shutdown();
    provider.shutdown();

    Await.until("the listener threads to end", () -> threads("lifecycle-test-") == 0);
    Await.until("the emitter threads to end", () -> threads("openfeature-event-emitter") == 0);
    assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    assertThat(flags.isEnabled("b")).isFalse();
  }

  @Test
  void shutdown_closeOnShutdown_closesTheClient() throws Exception {
    source.deliver(V1);
    FlagsProvider provider =
        FlagsProvider.newBuilder(flags).closeOnShutdown(true).build();
    api.setProviderAndWait(provider);

    api.shutdown();

    assertThat(flags.status().state()).isEqualTo(Status.State.CLOSED);
  }

  @Test
  void initialize_afterShutdown_generalError() {
    FlagsProvider provider = FlagsProvider.newBuilder(flags).build();
    provider.shutdown();

    assertThatThrownBy(() -> provider.initialize(new ImmutableContext()))
        .isInstanceOf(GeneralError.class)
        .hasMessage("the provider was shut down; build a new one");
  }

  @Test
  void shutdown_whileInitializeWaits_releasesItAtOnce() throws Exception {
    FlagsProvider provider =
        FlagsProvider.newBuilder(flags).initializeTimeout(Duration.ofMinutes(5)).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread initializing = new Thread(() -> {
      try {
        provider.initialize(new ImmutableContext());
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    initializing.start();
    Await.until(
        "initialize to wait",
        () -> initializing.getState() == Thread.State.WAITING
            || initializing.getState() == Thread.State.TIMED_WAITING);

    provider.shutdown();
    initializing.join(5_000);

    assertThat(initializing.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(GeneralError.class)
        .hasMessage("the provider was shut down while it initialized");
  }

  @Test
  void initialize_interrupted_notReadyAndStillInterrupted() throws Exception {
    FlagsProvider provider =
        FlagsProvider.newBuilder(flags).initializeTimeout(Duration.ofMinutes(5)).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread initializing = new Thread(() -> {
      try {
        provider.initialize(new ImmutableContext());
      } catch (RuntimeException e) {
        thrown.set(e);
        interrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    initializing.start();
    Await.until("initialize to wait", () -> initializing.getState() == Thread.State.TIMED_WAITING);

    initializing.interrupt();
    initializing.join(5_000);

    assertThat(thrown.get())
        .isInstanceOf(ProviderNotReadyError.class)
        .hasMessage("interrupted while waiting for the first flag document");
    assertThat(interrupted.get()).isTrue();
    provider.shutdown();
  }

  @Test
  void setProviderAndWait_clientAlreadyStale_staleEvent() throws Exception {
    source.deliverStale(V1);
    record(ProviderEvent.PROVIDER_STALE);

    api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());

    // The SDK sets READY when initialize returns, possibly after the STALE event: only the event
    // is certain.
    Await.until("the STALE event", () -> eventTypes().contains("PROVIDER_STALE"));
    assertThat(events.get(0).getMessage()).isEqualTo("flags client STALE");
  }

  @Test
  void toString_namesTheClient() {
    assertThat(FlagsProvider.newBuilder(flags).build())
        .hasToString("FlagsProvider{Flags{lifecycle-test, version=}}");
  }

  @Test
  void initializeTimeout_negative_rejected() {
    assertThatThrownBy(
            () -> FlagsProvider.newBuilder(flags).initializeTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initializeTimeout must not be negative but was PT-1S");
  }

  @Test
  void track_eventWithoutAFlagOrOutcome_recordsNothing() throws Exception {
    source.deliver(GUARDED);
    api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());
    Client client = api.getClient();

    for (int i = 0; i < 20; i++) {
      client.track("checkout-completed", new ImmutableContext("u-" + i));
      client.track(
          "checkout-completed",
          new ImmutableContext("u-" + i),
          new MutableTrackingEventDetails().add("flagKey", "new-checkout").add("outcome", "maybe"));
    }

    assertThat(flags.status().killedFlags()).isEmpty();
  }

  @Test
  void track_failuresOfAGuardedFlag_tripItsGuardrail() throws Exception {
    source.deliver(GUARDED);
    api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());
    Client client = api.getClient();

    for (int i = 0; i < 9; i++) {
      client.track(
          "checkout",
          new ImmutableContext("u-" + i),
          new MutableTrackingEventDetails()
              .add("flagKey", "new-checkout")
              .add("outcome", "SUCCESS"));
    }
    assertThat(flags.status().killedFlags()).isEmpty();
    for (int i = 0; i < 11; i++) {
      EvaluationContext ctx = new ImmutableContext("u-" + i);
      // snippet: track
      client.track("checkout", ctx, new MutableTrackingEventDetails()
          .add("flagKey", "new-checkout").add("outcome", "failure").add("latencyMillis", 840));
      // end snippet
    }

    assertThat(flags.status().killedFlags()).containsKey("new-checkout");
    assertThat(client.getBooleanValue("new-checkout", true, new ImmutableContext("u-1")))
        .isFalse();
  }

  @Test
  void guide_showsTheTrackingSnippet() {
    Snippets.assertQuoted(
        Path.of("../docs/openfeature.md"),
        Path.of("src/test/java/dev/flags/openfeature/FlagsProviderLifecycleTest.java"),
        "track");
  }

  private static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive()
            && t.getName().startsWith(prefix)
            && !t.getName().contains("scheduler")
            && !t.getName().contains("source"))
        .count();
  }
}
