package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.ErrorInfo;
import dev.flags.HistoryEntry;
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
      List<String> overriddenFlags);

  /** See {@link SourceStatus}. */
  SourceStatus sourceStatus(
      String name,
      Status.State state,
      @Nullable String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      @Nullable String detail);

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

  /** See {@link HistoryEntry}. */
  HistoryEntry historyEntry(String version, String source, Instant loadedAt, String summary);
}
