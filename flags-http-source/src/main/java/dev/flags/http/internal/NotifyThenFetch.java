package dev.flags.http.internal;

import dev.flags.spi.SourceContext;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the source does with its notification stream: an event, or the stream opening (events may
 * have been missed while it was closed), asks for the document within a random delay (so that a
 * fleet spreads its requests); the event itself is never taken as a document. While the stream is
 * open, polls after a success wait the backstop interval; when it goes down, the next poll comes
 * within the poll interval again, the source's status detail says {@code notifications down: ...}
 * (its state does not change: polling still works), and the 1st, 2nd, 4th, 8th... failure in a
 * row is logged. Called on the stream's thread.
 */
public final class NotifyThenFetch implements NotificationStream.Listener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.source.http");

  private final Poller<?> poller;
  private final Backoff backoff;
  private final SourceContext context;
  private final String streamName;
  private final Duration maxDelay;
  private final DoubleSupplier random;
  /** Whether the stream is open; only the stream's thread uses it. */
  private boolean up;
  /** Whether the stream was reported down since it last opened. */
  private boolean wasDown;

  /**
   * The policy of one source.
   *
   * @param poller the source's polls
   * @param backoff the source's delays, told whether the stream is up
   * @param context where the status note goes
   * @param streamName the stream's URL as shown
   * @param maxDelay the longest random delay before the fetch an event asks for
   * @param random values in [0, 1)
   */
  public NotifyThenFetch(
      Poller<?> poller,
      Backoff backoff,
      SourceContext context,
      String streamName,
      Duration maxDelay,
      DoubleSupplier random) {
    this.poller = poller;
    this.backoff = backoff;
    this.context = context;
    this.streamName = streamName;
    this.maxDelay = maxDelay;
    this.random = random;
  }

  @Override
  public void opened() {
    up = true;
    backoff.notifications(true);
    if (wasDown) {
      wasDown = false;
      context.note(null);
      LOG.info("{} notifications up again", streamName);
    }
    fetchSoon();
  }

  @Override
  public void event() {
    fetchSoon();
  }

  @Override
  public void down(String reason, int failuresInARow, Duration retryIn) {
    backoff.notifications(false);
    boolean ended = up;
    if (up) {
      up = false;
      poller.pollWithin(backoff.pollInterval()); // the backstop's poll may be minutes away
    }
    wasDown = true;
    context.note("notifications down: " + reason);
    if (ended && failuresInARow == 1) {
      // A stream that was healthy ended (a proxy's or the relay's own time limit): routine.
      LOG.info("{} notifications ended, next attempt in {}: {}", streamName, retryIn, reason);
    } else if (Integer.bitCount(failuresInARow) == 1) { // the 1st, 2nd, 4th, 8th... in a row
      LOG.warn(
          "{} notifications down ({} in a row), polling meanwhile; next attempt in {}: {}",
          streamName,
          failuresInARow,
          retryIn,
          reason);
    }
  }

  private void fetchSoon() {
    poller.pollWithin(Duration.ofNanos((long) (random.getAsDouble() * maxDelay.toNanos())));
  }
}
