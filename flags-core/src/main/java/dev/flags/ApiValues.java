package dev.flags;

import dev.flags.internal.runtime.ApiFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Gives the runtime the package-private constructors of the public value types. */
final class ApiValues implements ApiFactory {
  static final ApiValues INSTANCE = new ApiValues();

  private ApiValues() {}

  @Override
  public Status status(
      Status.State state,
      String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      List<SourceStatus> sources,
      @Nullable String pinnedVersion,
      Map<String, String> killedFlags,
      Map<String, String> killedTags,
      List<String> overriddenFlags,
      Map<String, GuardrailTrip> guardrailTrips) {
    return Status.of(
        state,
        version,
        lastUpdate,
        lastError,
        sources,
        pinnedVersion,
        killedFlags,
        killedTags,
        overriddenFlags,
        guardrailTrips);
  }

  @Override
  public SourceStatus sourceStatus(
      String name,
      Status.State state,
      @Nullable String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      @Nullable String detail,
      Map<String, Long> counters) {
    return SourceStatus.of(name, state, version, lastUpdate, lastError, detail, counters);
  }

  @Override
  public ChangeEvent changeEvent(
      ChangeEvent.Cause cause,
      String source,
      String oldVersion,
      String newVersion,
      List<String> added,
      List<String> removed,
      Map<String, Set<String>> changed,
      Instant time) {
    return ChangeEvent.of(cause, source, oldVersion, newVersion, added, removed, changed, time);
  }

  @Override
  public FlagMetrics flagMetrics(
      Instant from, Instant to, List<EvaluationCount> counts, long[] events) {
    return FlagMetrics.of(from, to, counts, events);
  }

  @Override
  public EvaluationCount evaluationCount(
      String flagKey,
      @Nullable String variant,
      Reason reason,
      boolean rollout,
      boolean isStatic,
      @Nullable ErrorCode errorCode,
      String version,
      long count) {
    return EvaluationCount.of(
        flagKey, variant, reason, rollout, isStatic, errorCode, version, count);
  }

  @Override
  public GuardrailTrip guardrailTrip(
      String flagKey,
      Guardrail guardrail,
      String threshold,
      long[] figures,
      String version,
      Instant time,
      String description) {
    return GuardrailTrip.of(flagKey, guardrail, threshold, figures, version, time, description);
  }

  @Override
  public Exposure exposure(
      String flagKey,
      String variant,
      String contextKey,
      Reason reason,
      String version,
      Instant time) {
    return Exposure.of(flagKey, variant, contextKey, reason, version, time);
  }

  @Override
  public HistoryEntry historyEntry(
      String version, String source, Instant loadedAt, String summary) {
    return HistoryEntry.of(version, source, loadedAt, summary);
  }
}
