package dev.flags.http.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The body of an open stream, handed from the HTTP client's threads to the one thread that reads
 * it, one chunk at a time: the next chunk is asked for only once the reader took the previous one,
 * so at most one waits in memory. The reader waits for a chunk with a timeout, which is how a
 * silent stream is noticed. Its body value is ready at once (the stream has no end to wait for).
 * Thread-safe.
 */
public final class StreamBody implements HttpResponse.BodySubscriber<Void> {
  /** What {@link #next} returns. */
  public sealed interface Chunk {
    /**
     * Bytes of the stream.
     *
     * @param buffers the bytes, in order
     */
    record Bytes(List<ByteBuffer> buffers) implements Chunk {}

    /** The server ended the stream, or it was cancelled. */
    record End() implements Chunk {}

    /**
     * The connection failed.
     *
     * @param error what the HTTP client reported
     */
    record Failed(Throwable error) implements Chunk {}
  }

  private static final Chunk END = new Chunk.End();

  private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> body = CompletableFuture.completedFuture(null);
  private final Object lock = new Object();
  // Guarded by lock.
  private Flow.@Nullable Subscription subscription;
  private boolean cancelled;

  @Override
  public CompletionStage<Void> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    boolean cancel;
    synchronized (lock) {
      cancel = cancelled;
      if (!cancel) {
        subscription = s;
      }
    }
    if (cancel) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    chunks.add(new Chunk.Bytes(item));
  }

  @Override
  public void onError(Throwable error) {
    chunks.add(new Chunk.Failed(error));
  }

  @Override
  public void onComplete() {
    chunks.add(END);
  }

  /**
   * Waits for the next chunk, and asks for the one after it.
   *
   * @param timeoutNanos the longest wait
   * @return the chunk, or null if none came in time
   * @throws InterruptedException if interrupted while waiting
   */
  public @Nullable Chunk next(long timeoutNanos) throws InterruptedException {
    Chunk c = chunks.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (c instanceof Chunk.Bytes) {
      Flow.Subscription s;
      synchronized (lock) {
        s = subscription;
      }
      if (s != null) {
        s.request(1);
      }
    }
    return c;
  }

  /** Stops the stream: closes its connection, and ends a reader's wait. Idempotent. */
  public void cancel() {
    Flow.Subscription s;
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      s = subscription;
      subscription = null;
    }
    if (s != null) {
      s.cancel();
    }
    chunks.add(END);
  }
}
