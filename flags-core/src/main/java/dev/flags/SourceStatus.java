package dev.flags;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The health of one source (one layer) of a client. Immutable.
 *
 * @since 0.1.0
 */
public final class SourceStatus {
  private final String name;
  private final Status.State state;
  private final @Nullable String version;
  private final @Nullable Instant lastUpdate;
  private final @Nullable ErrorInfo lastError;
  private final @Nullable String detail;
  private final Map<String, Long> counters;

  private SourceStatus(
      String name,
      Status.State state,
      @Nullable String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      @Nullable String detail,
      Map<String, Long> counters) {
    this.name = name;
    this.state = state;
    this.version = version;
    this.lastUpdate = lastUpdate;
    this.lastError = lastError;
    this.detail = detail;
    this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
  }

  /**
   * Creates a source status (used by the client; sources report through {@link
   * dev.flags.spi.SourceContext}).
   *
   * @param name the source name
   * @param state its state
   * @param version the version of its last accepted document, or null
   * @param lastUpdate when it last delivered an accepted document or confirmed it unchanged
   * @param lastError its last error, or null
   * @param detail a short note (e.g. "served from cache file"), or null
   * @param counters the source's own counters ({@link dev.flags.spi.FlagSource#counters()})
   * @return the status
   */
  static SourceStatus of(
      String name,
      Status.State state,
      @Nullable String version,
      @Nullable Instant lastUpdate,
      @Nullable ErrorInfo lastError,
      @Nullable String detail,
      Map<String, Long> counters) {
    return new SourceStatus(
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(state, "state"),
        version,
        lastUpdate,
        lastError,
        detail,
        counters);
  }

  /**
   * Returns the source's name.
   *
   * @return the source's name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the source's state.
   *
   * @return the source's state
   */
  public Status.State state() {
    return state;
  }

  /**
   * Returns the version of its last accepted document, or null if none.
   *
   * @return the version of its last accepted document, or null if none
   */
  public @Nullable String version() {
    return version;
  }

  /**
   * Returns when it last delivered an accepted document or confirmed it unchanged, or null.
   *
   * @return when it last delivered an accepted document or confirmed it unchanged, or null
   */
  public @Nullable Instant lastUpdate() {
    return lastUpdate;
  }

  /**
   * Returns its last error, or null.
   *
   * @return its last error, or null
   */
  public @Nullable ErrorInfo lastError() {
    return lastError;
  }

  /**
   * Returns a short note about the state, or null.
   *
   * @return a short note about the state, or null
   */
  public @Nullable String detail() {
    return detail;
  }

  /**
   * Returns the source's own monotonic counters, by name, as it reports them ({@link
   * dev.flags.spi.FlagSource#counters()}): for example an HTTP source's {@code requests}, {@code
   * notModified} and {@code failures}. Not part of {@link #toString()}, so that counting does not
   * change the status listeners see.
   *
   * @return the counters, in the source's order; empty for a source that keeps none
   */
  public Map<String, Long> counters() {
    return counters;
  }

  @Override
  public String toString() {
    return name + "=" + state + (version != null ? " version=" + version : "")
        + (detail != null ? " (" + detail + ")" : "")
        + (lastError != null ? " lastError=[" + lastError + "]" : "");
  }
}
