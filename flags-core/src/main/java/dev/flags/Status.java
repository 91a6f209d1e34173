package dev.flags;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A client's health and operator state at one moment: its state, the version it serves, each
 * source's status, and what operators changed at runtime (kills, overrides, a pinned rollback).
 * Immutable.
 *
 * @since 0.1.0
 */
public final class Status {
  /** States of a client or a source. */
  public enum State {
    /** No document yet; evaluations return the caller's defaults ({@link ErrorCode#NOT_READY}). */
    INITIALIZING,
    /** Serving the latest accepted document, and every source is healthy. */
    READY,
    /**
     * Serving a document, but a source is failing, served a fallback (e.g. a cache file) or had
     * its latest document rejected: what is served may be out of date.
     */
    STALE,
    /** A source failed and has never delivered a document (for a client: nothing is served). */
    ERROR,
    /** The client was closed. */
    CLOSED
  }

  private final State state;
  private final String version;
  private final @Nullable Instant lastUpdate;
  private final @Nullable ErrorInfo lastError;
  private final List<SourceStatus> sources;
  private final @Nullable String pinnedVersion;
  private final Map<String, String> killedFlags;
  private final Map<String, String> killedTags;
  private final List<String> overriddenFlags;
  private final Map<String, GuardrailTrip> guardrailTrips;

  private Status(
      State state,
      String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      List<SourceStatus> sources,
      @Nullable String pinnedVersion,
      Map<String, String> killedFlags,
      Map<String, String> killedTags,
      List<String> overriddenFlags,
      Map<String, GuardrailTrip> guardrailTrips) {
    this.state = state;
    this.version = version;
    this.lastUpdate = lastUpdate;
    this.lastError = lastError;
    this.sources = List.copyOf(sources);
    this.pinnedVersion = pinnedVersion;
    this.killedFlags = Map.copyOf(killedFlags);
    this.killedTags = Map.copyOf(killedTags);
    this.overriddenFlags = List.copyOf(overriddenFlags);
    this.guardrailTrips = Map.copyOf(guardrailTrips);
  }

  /**
   * Creates a status (used by the client).
   *
   * @param state the client state
   * @param version the served version
   * @param lastUpdate the time of the last accepted document
   * @param lastError the most recent error of any source
   * @param sources each source's status, in precedence order (lowest first)
   * @param pinnedVersion the pinned version after a rollback, or null
   * @param killedFlags locally killed flag keys with their reasons
   * @param killedTags locally killed tags with their reasons
   * @param overriddenFlags flags with local overrides
   * @param guardrailTrips flags their guardrail killed, until restored
   * @return the status
   */
  static Status of(
      State state,
      String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      List<SourceStatus> sources,
      @Nullable String pinnedVersion,
      Map<String, String> killedFlags,
      Map<String, String> killedTags,
      List<String> overriddenFlags,
      Map<String, GuardrailTrip> guardrailTrips) {
    return new Status(
        Objects.requireNonNull(state, "state"),
        Objects.requireNonNull(version, "version"),
        lastUpdate,
        lastError,
        sources,
        pinnedVersion,
        killedFlags,
        killedTags,
        overriddenFlags,
        guardrailTrips);
  }

  /**
   * Returns the client's state.
   *
   * @return the client's state
   */
  public State state() {
    return state;
  }

  /**
   * Returns the version being served, empty before the first document.
   *
   * @return the version being served, empty before the first document
   */
  public String version() {
    return version;
  }

  /**
   * Returns when a document was last accepted, or null.
   *
   * @return when a document was last accepted, or null
   */
  public @Nullable Instant lastUpdate() {
    return lastUpdate;
  }

  /**
   * Returns the most recent error of any source, or null.
   *
   * @return the most recent error of any source, or null
   */
  public @Nullable ErrorInfo lastError() {
    return lastError;
  }

  /**
   * Returns each source's status, lowest precedence first.
   *
   * @return each source's status, lowest precedence first
   */
  public List<SourceStatus> sources() {
    return sources;
  }

  /**
   * Returns whether a rollback pinned an earlier snapshot.
   *
   * @return whether a rollback pinned an earlier snapshot
   */
  public boolean isPinned() {
    return pinnedVersion != null;
  }

  /**
   * Returns the pinned version, or null when not pinned.
   *
   * @return the pinned version, or null when not pinned
   */
  public @Nullable String pinnedVersion() {
    return pinnedVersion;
  }

  /**
   * Returns locally killed flag keys and the reason given for each.
   *
   * @return locally killed flag keys and the reason given for each
   */
  public Map<String, String> killedFlags() {
    return killedFlags;
  }

  /**
   * Returns locally killed tags and the reason given for each.
   *
   * @return locally killed tags and the reason given for each
   */
  public Map<String, String> killedTags() {
    return killedTags;
  }

  /**
   * Returns keys of flags with local overrides.
   *
   * @return keys of flags with local overrides
   */
  public List<String> overriddenFlags() {
    return overriddenFlags;
  }

  /**
   * Returns the flags a guardrail killed, each with the trip (threshold and figures), until an
   * operator restores them. Such a flag is also in {@link #killedFlags()}, with the trip's
   * description as its reason.
   *
   * @return the trips by flag key
   */
  public Map<String, GuardrailTrip> guardrailTrips() {
    return guardrailTrips;
  }

  @Override
  public String toString() {
    return "Status{" + state + ", version=" + version
        + (pinnedVersion != null ? ", pinned=" + pinnedVersion : "")
        + (killedFlags.isEmpty() ? "" : ", killedFlags=" + killedFlags.keySet())
        + (killedTags.isEmpty() ? "" : ", killedTags=" + killedTags.keySet())
        + (overriddenFlags.isEmpty() ? "" : ", overrides=" + overriddenFlags)
        + (guardrailTrips.isEmpty() ? "" : ", guardrailTrips=" + guardrailTrips.keySet())
        + ", sources=" + sources + "}";
  }
}
