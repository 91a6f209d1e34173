package dev.flags.openfeature.internal;

import dev.flags.ChangeEvent;
import dev.flags.ChangeListener;
import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.Status;
import dev.flags.StatusListener;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.ProviderEventDetails;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The provider's lifecycle: waits for the client's first document, and turns the client's change
 * events and status into OpenFeature events.
 *
 * <ul>
 *   <li>While {@code initialize} waits, nothing is emitted: the SDK reports READY (or ERROR) when
 *       it returns (or throws).
 *   <li>After it, each status change the SDK has not seen is emitted: READY and STALE. After a
 *       failed {@code initialize} (the SDK then reports ERROR), the first document arriving is
 *       READY.
 *   <li>Each change event naming flags (a swap, a schedule boundary, a rollback, a kill, restore
 *       or override) is one CONFIGURATION_CHANGED with exactly those flag keys; the first
 *       document's is not (READY announces it).
 * </ul>
 *
 * <p>Thread-safe: the client's listener threads and the SDK's threads call in; one lock orders
 * the emissions.
 */
public final class ProviderEvents {
  /** Where events go: the provider's {@code emit}. */
  @FunctionalInterface
  public interface Emitter {
    /**
     * Emits an event.
     *
     * @param event the event
     * @param details its details
     */
    void emit(ProviderEvent event, ProviderEventDetails details);
  }

  private enum Phase {
    NEW,
    INITIALIZING,
    RUNNING,
    FAILED,
    SHUT_DOWN
  }

  private final Flags flags;
  private final Emitter emitter;
  private final Object lock = new Object();
  private final CountDownLatch released = new CountDownLatch(1);
  private final ChangeListener changes = this::onChange;
  private final StatusListener statuses = this::onStatus;

  // Guarded by lock.
  private Phase phase = Phase.NEW;
  /** The state the SDK was last told of, or null before any. */
  private Status.@Nullable State reported;

  /**
   * Lifecycle of one provider over a client.
   *
   * @param flags the client
   * @param emitter where events go
   */
  public ProviderEvents(Flags flags, Emitter emitter) {
    this.flags = flags;
    this.emitter = emitter;
  }

  /**
   * Waits for the client's first document, at most {@code timeout}; returns at once if the
   * provider is shut down meanwhile.
   *
   * @param timeout how long to wait at most
   * @return true if a document is served; false if the time ran out (the SDK then reports ERROR
   *     until the first document, which is emitted as READY)
   * @throws IllegalStateException if the provider was shut down
   * @throws InterruptedException if the thread was interrupted
   */
  public boolean initialize(Duration timeout) throws InterruptedException {
    synchronized (lock) {
      if (phase == Phase.SHUT_DOWN) {
        throw new IllegalStateException("the provider was shut down; build a new one");
      }
      if (phase == Phase.RUNNING) {
        return true;
      }
      if (phase == Phase.NEW) {
        flags.addChangeListener(changes);
        flags.addStatusListener(statuses);
      }
      phase = Phase.INITIALIZING;
    }
    if (flags.isReady()) {
      released.countDown();
    }
    released.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    synchronized (lock) {
      if (phase == Phase.SHUT_DOWN) {
        throw new IllegalStateException("the provider was shut down while it initialized");
      }
      // Checked under the lock that status events take: a document that arrived while waiting
      // is seen here, one that arrives after is emitted as READY by onStatus.
      if (flags.isReady()) {
        phase = Phase.RUNNING;
        reported = Status.State.READY;
        // Best effort: the SDK sets READY when initialize returns, possibly after this.
        Status now = flags.status();
        if (now.state() == Status.State.STALE) {
          report(now);
        }
        return true;
      }
      phase = Phase.FAILED;
      reported = Status.State.ERROR;
      return false;
    }
  }

  /** The client's status now, for messages. */
  public Status status() {
    return flags.status();
  }

  /**
   * Stops listening to the client and releases a waiting {@link #initialize}. Idempotent.
   *
   * @return true the first time
   */
  public boolean shutdown() {
    synchronized (lock) {
      if (phase == Phase.SHUT_DOWN) {
        return false;
      }
      boolean listening = phase != Phase.NEW;
      phase = Phase.SHUT_DOWN;
      if (listening) {
        flags.removeChangeListener(changes);
        flags.removeStatusListener(statuses);
      }
    }
    released.countDown();
    return true;
  }

  private void onStatus(Status status) {
    if (flags.isReady()) {
      released.countDown();
    }
    synchronized (lock) {
      if (phase == Phase.RUNNING || phase == Phase.FAILED) {
        report(status);
      }
    }
  }

  /** Emits the status if the SDK has not seen it. Called with the lock held. */
  private void report(Status status) {
    // ERROR is the SDK's own: a client is in ERROR only before its first document, and then the
    // failed initialize has made the SDK report ERROR. A closed client sends no status.
    Status.@Nullable State state = switch (status.state()) {
      case READY -> Status.State.READY;
      case STALE -> Status.State.STALE;
      case INITIALIZING, ERROR, CLOSED -> null;
    };
    if (state == null || state == reported) {
      return;
    }
    reported = state;
    if (state == Status.State.READY) {
      phase = Phase.RUNNING;
    }
    ErrorInfo error = status.lastError();
    String message = error != null ? error.message() : "flags client " + status.state();
    emit(
        state == Status.State.READY ? ProviderEvent.PROVIDER_READY : ProviderEvent.PROVIDER_STALE,
        ProviderEventDetails.builder()
            .message(message)
            .eventMetadata(version(status.version()))
            .build());
  }

  private void onChange(ChangeEvent event) {
    if (event.oldVersion().isEmpty()) {
      return; // the first document: READY announces it
    }
    TreeSet<String> keys = new TreeSet<>(event.added());
    keys.addAll(event.removed());
    keys.addAll(event.changed().keySet());
    if (keys.isEmpty()) {
      return;
    }
    ProviderEventDetails details = ProviderEventDetails.builder()
        .flagsChanged(List.copyOf(keys))
        .message(event.cause() + " from " + event.source() + ": " + event.oldVersion() + " -> "
            + event.newVersion())
        .eventMetadata(version(event.newVersion()))
        .build();
    synchronized (lock) {
      if (phase == Phase.RUNNING || phase == Phase.FAILED) {
        emit(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED, details);
      }
    }
  }

  private static ImmutableMetadata version(String version) {
    return ImmutableMetadata.builder().addString("version", version).build();
  }

  private void emit(ProviderEvent event, ProviderEventDetails details) {
    try {
      emitter.emit(event, details);
    } catch (RuntimeException e) {
      // The SDK's emitter stopped (it was shut down concurrently): nothing is listening.
      System.getLogger("dev.flags.openfeature")
          .log(System.Logger.Level.DEBUG, "could not emit " + event + ": " + e);
    }
  }
}
