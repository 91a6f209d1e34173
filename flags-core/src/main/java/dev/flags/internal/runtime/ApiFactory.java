package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.ErrorCode;
import dev.flags.ErrorInfo;
import dev.flags.EvaluationCount;
import dev.flags.Exposure;
import dev.flags.FlagMetrics;
import dev.flags.Guardrail;
import dev.flags.GuardrailTrip;
import dev.flags.HistoryEntry;
import dev.flags.Reason;
import dev.flags.SourceStatus;
import dev.flags.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the public value types that only the client may construct. Their constructors are
 * package-private in {@code dev.flags}, so that the API can grow without public factories; the
 * client hands the runtime an implementation of this interface.
 */
public interface ApiFactory {
  /** See {@link Status}. */
  Status status(
      Status.State state,
      String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      List<SourceStatus> sources,
      @Nullable String pinnedVersion,
      Map<String, String> killedFlags,
      Map<String, String> killedTags,
      List<String> overriddenFlags,
      Map<String, GuardrailTrip> guardrailTrips);

  /** See {@link SourceStatus}. */
  SourceStatus sourceStatus(
      String name,
      Status.State state,
      @Nullable String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      @Nullable String detail,
      Map<String, Long> counters);

  /** See {@link ChangeEvent}. */
  ChangeEvent changeEvent(
      ChangeEvent.Cause cause,
      String source,
      String oldVersion,
      String newVersion,
      List<String> added,
      List<String> removed,
      Map<String, Set<String>> changed,
      Instant time);

  /** See {@link FlagMetrics}. */
  FlagMetrics flagMetrics(Instant from, Instant to, List<EvaluationCount> counts, long[] events);

  /** See {@link EvaluationCount}. */
  EvaluationCount evaluationCount(
      String flagKey,
      @Nullable String variant,
      Reason reason,
      boolean rollout,
      boolean isStatic,
      @Nullable ErrorCode errorCode,
      String version,
      long count);

  /** See {@link GuardrailTrip}. */
  GuardrailTrip guardrailTrip(
      String flagKey,
      Guardrail guardrail,
      String threshold,
      long[] figures,
      String version,
      Instant time,
      String description);

  /** See {@link Exposure}. */
  Exposure exposure(
      String flagKey,
      String variant,
      String contextKey,
      Reason reason,
      String version,
      Instant time);

  /** See {@link HistoryEntry}. */
  HistoryEntry historyEntry(String version, String source, Instant loadedAt, String summary);
}
