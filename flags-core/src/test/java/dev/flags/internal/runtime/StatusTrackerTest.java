package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ErrorInfo;
import dev.flags.Status;
import dev.flags.Status.State;
import dev.flags.TestApi;
import dev.flags.sources.MemorySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's state from its layers, and one delivery per change. */
final class StatusTrackerTest {
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  private final List<Status> delivered = new ArrayList<>();
  private final StatusTracker tracker = new StatusTracker(TestApi.factory(), delivered::add);
  private final SourceLayer a = new SourceLayer(0, MemorySource.empty("a"));
  private final SourceLayer b = new SourceLayer(1, MemorySource.empty("b"));
  private final SnapshotHistory history = new SnapshotHistory(2);
  private final OperatorOverlay overlay = new OperatorOverlay();

  @Test
  void state_notServing_initializingUntilALayerFails() {
    assertThat(StatusTracker.state(false, false, List.of(a, b))).isEqualTo(State.INITIALIZING);

    b.failed(ErrorInfo.of(ErrorInfo.Kind.NETWORK, "down", T0));

    assertThat(StatusTracker.state(false, false, List.of(a, b))).isEqualTo(State.ERROR);
  }

  @Test
  void state_serving_readyOnlyWhenEveryLayerIs() {
    a.accepted(SourceLayerTest.doc("v1"), null, T0);
    assertThat(StatusTracker.state(false, true, List.of(a, b))).isEqualTo(State.STALE);

    b.emptied(T0);

    assertThat(StatusTracker.state(false, true, List.of(a, b))).isEqualTo(State.READY);
  }

  @Test
  void state_closed_closedWhatever_theLayers() {
    assertThat(StatusTracker.state(true, true, List.of(a))).isEqualTo(State.CLOSED);
  }

  @Test
  void lastError_theMostRecentOfAnyLayer() {
    ErrorInfo older = ErrorInfo.of(ErrorInfo.Kind.NETWORK, "older", T0);
    ErrorInfo newer = ErrorInfo.of(ErrorInfo.Kind.IO, "newer", T0.plusSeconds(5));
    b.failed(newer);
    a.failed(older);

    assertThat(StatusTracker.lastError(List.of(a, b))).isSameAs(newer);
    assertThat(StatusTracker.lastError(List.of())).isNull();
  }

  @Test
  void publish_sameStatusTwice_deliveredOnce() {
    tracker.publish(compute());
    tracker.publish(compute());

    assertThat(delivered).hasSize(1);
  }

  @Test
  void publish_changedStatus_deliveredAgain() {
    tracker.publish(compute());
    overlay.kill("checkout", "incident");

    tracker.publish(compute());

    assertThat(delivered).hasSize(2);
    assertThat(delivered.get(1).killedFlags()).containsEntry("checkout", "incident");
  }

  @Test
  void compute_gathersLayersOverlayAndPin() {
    a.accepted(SourceLayerTest.doc("v1"), null, T0);
    overlay.override("ranking", "b", null);

    Status s = compute();

    assertThat(s.state()).isEqualTo(State.STALE);
    assertThat(s.sources()).extracting(x -> x.name()).containsExactly("a", "b");
    assertThat(s.overriddenFlags()).containsExactly("ranking");
    assertThat(s.isPinned()).isFalse();
  }

  private Status compute() {
    return tracker.compute(new StatusTracker.Inputs(
        false, true, "v1", List.of(a, b), history, "v1", overlay, java.util.Map.of()));
  }
}
