package dev.flags.internal.runtime;

import dev.flags.EvaluationCount;
import dev.flags.ExposureListener;
import dev.flags.FlagMetrics;
import dev.flags.internal.safety.ExposureTracker;
import dev.flags.internal.safety.MetricsRecorder;
import dev.flags.internal.snapshot.EvaluationCounters;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCell;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What watches a client's evaluations and events: the metrics recorder and the exposure tracker
 * (each only when switched on), the snapshots they watch, and the public {@link FlagMetrics} views
 * with the intervals they cover. Thread-safe: counting is lock-free, a reset is synchronized on the
 * recorder.
 */
final class ClientMetrics {
  private final Clock clock;
  private final ApiFactory api;
  private final MetricsRecorder metrics;
  private final @Nullable ExposureTracker exposures;
  private final Instant started;
  /** The start of the interval {@link #reset()} reports next; guarded by {@link #metrics}. */
  private Instant intervalStart;

  ClientMetrics(SafetyOptions safety, Clock clock, ApiFactory api) {
    this.clock = clock;
    this.api = api;
    this.exposures = exposureTracker(safety.exposures());
    this.metrics = new MetricsRecorder(safety.metrics(), exposures);
    this.started = clock.instant();
    this.intervalStart = started;
  }

  private @Nullable ExposureTracker exposureTracker(SafetyOptions.@Nullable Exposures x) {
    if (x == null) {
      return null;
    }
    ExposureListener listener = x.listener();
    return new ExposureTracker(
        x.maxEntries(),
        x.period(),
        x.queueCapacity(),
        ExposureTracker.filterSizeFor(x.maxEntries()),
        clock,
        (flag, variant, key, reason, version) -> listener.onExposure(
            api.exposure(flag, variant, key, reason, version, clock.instant())));
  }

  /** The exposure tracker, whose delivery loop the client's thread runs; null when off. */
  @Nullable
  ExposureTracker exposures() {
    return exposures;
  }

  /** {@code base} watched by the metrics and exposures, if any is on; else {@code base} itself. */
  Snapshot observe(Snapshot base) {
    EvaluationCounters counters = metrics.countersFor(base);
    if (counters == null && exposures == null) {
      return base;
    }
    return base.withObservation(counters, exposures);
  }

  /**
   * Serves {@code next} in the client's field; with exposures on, through the exposure tracker,
   * which keeps the twin it serves while its queue is full.
   */
  void publish(Snapshot next, SnapshotCell cell) {
    if (exposures != null) {
      exposures.serve(next, cell);
    } else {
      cell.set(next);
    }
  }

  /** Counts one event (a swap, a rejection, a kill, a guardrail trip). */
  void count(MetricsRecorder.Event event) {
    metrics.count(event);
  }

  /** The counts since the client was built. */
  FlagMetrics sinceStart() {
    return view(started, metrics.totals());
  }

  /** The counts since the previous reset, and a new interval. */
  FlagMetrics reset() {
    synchronized (metrics) {
      MetricsRecorder.Totals t = metrics.reset();
      FlagMetrics m = view(intervalStart, t);
      intervalStart = m.to();
      return m;
    }
  }

  private FlagMetrics view(Instant from, MetricsRecorder.Totals t) {
    List<EvaluationCount> rows = new ArrayList<>(t.rows().size());
    for (Map.Entry<MetricsRecorder.Row, Long> e : t.rows().entrySet()) {
      MetricsRecorder.Row r = e.getKey();
      rows.add(api.evaluationCount(
          r.flag(),
          r.variant(),
          r.reason(),
          r.rollout(),
          r.fixed(),
          r.error(),
          r.version(),
          e.getValue()));
    }
    return api.flagMetrics(from, clock.instant(), rows, t.events());
  }
}
