package dev.flags.http.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The counters of a source's notification stream. Thread-safe. */
public final class NotificationStats {
  /**
   * A snapshot of the counters.
   *
   * @param events events received
   * @param reconnects attempts to open the stream after the first
   * @param lastEventId the last event ID received, or null
   * @param lastEventTime when the last event arrived, or null
   * @param connectedSince when the open stream opened, or null while none is open
   */
  public record Counts(
      long events,
      long reconnects,
      @Nullable String lastEventId,
      @Nullable Instant lastEventTime,
      @Nullable Instant connectedSince) {
    /** The counts of a source without notifications. */
    public static final Counts NONE = new Counts(0, 0, null, null, null);
  }

  private final Object lock = new Object();
  // Guarded by lock.
  private long events;
  private long attempts;
  private @Nullable String lastEventId;
  private @Nullable Instant lastEventTime;
  private @Nullable Instant connectedSince;

  /** Counts an attempt to open the stream. */
  public void attempt() {
    synchronized (lock) {
      attempts++;
    }
  }

  /**
   * Records that the stream opened.
   *
   * @param at when
   */
  public void connected(Instant at) {
    synchronized (lock) {
      connectedSince = at;
    }
  }

  /** Records that the stream closed or failed. */
  public void disconnected() {
    synchronized (lock) {
      connectedSince = null;
    }
  }

  /**
   * Counts an event.
   *
   * @param id the last event ID, empty if none
   * @param at when it arrived
   */
  public void event(String id, Instant at) {
    synchronized (lock) {
      events++;
      lastEventId = id.isEmpty() ? null : id;
      lastEventTime = at;
    }
  }

  /**
   * Returns the counters, all read at one time.
   *
   * @return the snapshot
   */
  public Counts counts() {
    synchronized (lock) {
      return new Counts(
          events, Math.max(0, attempts - 1), lastEventId, lastEventTime, connectedSince);
    }
  }
}
