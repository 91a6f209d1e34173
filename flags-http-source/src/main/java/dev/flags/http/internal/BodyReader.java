package dev.flags.http.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a response body into memory, failing as soon as it exceeds a limit (before the whole body
 * is received), and decodes gzip with the same limit on the decoded size.
 */
public final class BodyReader {
  private BodyReader() {}

  /** Thrown when a body exceeds the limit. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  /** A body handler that rejects a declared Content-Length over the limit without reading. */
  public static HttpResponse.BodyHandler<byte[]> limited(long maxBytes) {
    return info -> {
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared > maxBytes) {
        return failing(new TooLargeException("body of " + declared
            + " bytes exceeds the maximum allowed (" + maxBytes
            + ", from HttpFlagSource.Builder.maxBodyBytes(long))"));
      }
      return new Limited(maxBytes);
    };
  }

  /** Decodes gzip, refusing to inflate beyond the limit. */
  public static byte[] gunzip(byte[] body, long maxBytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, body.length * 4));
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException("decompressed body exceeds the maximum allowed (" + maxBytes
              + ", from HttpFlagSource.Builder.maxBodyBytes(long))");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static HttpResponse.BodySubscriber<byte[]> failing(IOException e) {
    return new HttpResponse.BodySubscriber<>() {
      private final CompletableFuture<byte[]> result = CompletableFuture.failedFuture(e);

      @Override
      public CompletionStage<byte[]> getBody() {
        return result;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.cancel();
      }

      @Override
      public void onNext(List<ByteBuffer> item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    };
  }

  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.@Nullable Subscription subscription; // set by onSubscribe, before any onNext

    Limited(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (out.size() + (long) b.remaining() > maxBytes) {
          Flow.Subscription s = subscription;
          if (s != null) {
            s.cancel();
          }
          result.completeExceptionally(new TooLargeException("body exceeds the maximum allowed ("
              + maxBytes + " bytes, from HttpFlagSource.Builder.maxBodyBytes(long))"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
