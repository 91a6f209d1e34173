package dev.flags.http.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Opens the notification stream, once: a {@code GET} with {@code Accept: text/event-stream},
 * {@code Cache-Control: no-cache}, {@code Last-Event-ID} when one is known (and fits in a header
 * of at most {@value #MAX_LAST_EVENT_ID} characters), and the caller's
 * headers (but {@code Accept}). Redirects are followed as for the document ({@link Redirects}):
 * at most 5, never from https to http, and credentials only while on the stream URL's origin. The
 * answer must be a {@code 200} with the content type {@code text/event-stream}. Blocks the calling
 * thread (the stream's own) until the headers arrive, at most the read timeout per hop; an
 * interrupt cancels the exchange. Thread-safe.
 */
public final class StreamOpener {
  /** What an attempt to open came to. */
  public sealed interface Opened {
    /**
     * The stream is open: read its body.
     *
     * @param body the body
     */
    record Stream(StreamBody body) implements Opened {}

    /**
     * It did not open.
     *
     * @param reason why, for status and logs (URLs redacted)
     * @param retryAfter the answer's {@code Retry-After} header, or null
     */
    record Refused(String reason, @Nullable String retryAfter) implements Opened {}
  }

  /** The longest last event ID sent back: a longer one is left out rather than refused. */
  static final int MAX_LAST_EVENT_ID = 1024;

  private final HttpClient http;
  private final URI uri;
  private final Map<String, String> headers;
  private final Set<String> sensitive;
  private final Duration readTimeout;

  /**
   * An opener of one stream URL.
   *
   * @param http the client, which must not follow redirects
   * @param uri the stream's URL
   * @param headers the caller's headers
   * @param sensitive lower-case names of the caller's headers that are credentials
   * @param readTimeout the longest wait for an answer's headers
   */
  public StreamOpener(
      HttpClient http,
      URI uri,
      Map<String, String> headers,
      Set<String> sensitive,
      Duration readTimeout) {
    this.http = http;
    this.uri = uri;
    this.headers = Map.copyOf(headers);
    this.sensitive = Set.copyOf(sensitive);
    this.readTimeout = readTimeout;
  }

  /**
   * Opens the stream.
   *
   * @param lastEventId the last event ID received, empty if none
   * @return the open stream, or why it did not open
   * @throws InterruptedException if interrupted (the exchange is then cancelled)
   */
  public Opened open(String lastEventId) throws InterruptedException {
    URI target = uri;
    boolean credentials = true;
    for (int redirects = 0; ; redirects++) {
      StreamBody body = new StreamBody();
      HttpResponse<Void> response;
      try {
        response = exchange(request(target, credentials, lastEventId), body);
      } catch (RefusedException e) {
        body.cancel();
        return new Opened.Refused(
            e.getMessage() + " (" + Redirects.hostAndPort(target) + ")", null);
      }
      int code = response.statusCode();
      String location = Redirects.isRedirect(code)
          ? response.headers().firstValue("location").orElse(null)
          : null;
      if (location != null) {
        body.cancel();
        Redirects.Decision next = Redirects.next(target, location, redirects);
        if (next instanceof Redirects.Decision.Refuse refuse) {
          return new Opened.Refused(refuse.reason(), null);
        }
        URI to = ((Redirects.Decision.Follow) next).uri();
        credentials = credentials && Redirects.sameOrigin(uri, to);
        target = to;
        continue;
      }
      if (code != 200) {
        body.cancel();
        return new Opened.Refused(
            "HTTP " + code + " from " + Uris.redact(target),
            response.headers().firstValue("retry-after").orElse(null));
      }
      String type = response.headers().firstValue("content-type").orElse("");
      if (!isEventStream(type)) {
        body.cancel();
        return new Opened.Refused(
            "unexpected content type '" + type + "' from " + Uris.redact(target)
                + " (expected text/event-stream)",
            null);
      }
      return new Opened.Stream(body);
    }
  }

  private HttpResponse<Void> exchange(HttpRequest request, StreamBody body)
      throws RefusedException, InterruptedException {
    CompletableFuture<HttpResponse<Void>> f;
    try {
      f = http.sendAsync(request, info -> body);
    } catch (RuntimeException e) {
      throw new RefusedException(Fetcher.describe(e));
    }
    try {
      // The request's own timeout fires first; this bound is for a client that ignores it.
      return f.get(readTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new RefusedException("no answer within " + readTimeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RefusedException(
          cause instanceof HttpTimeoutException
              ? "no answer within " + readTimeout
              : Fetcher.describe(cause));
    } catch (InterruptedException e) {
      f.cancel(true);
      body.cancel();
      throw e;
    }
  }

  HttpRequest request(URI target, boolean credentials, String lastEventId) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(target)
        .GET()
        .timeout(readTimeout)
        .header("Accept", "text/event-stream")
        .header("Cache-Control", "no-cache");
    headers.forEach((name, value) -> {
      boolean accept = name.equalsIgnoreCase("accept");
      if (!accept && (credentials || !Redirects.isCredential(name, sensitive))) {
        rb.setHeader(name, value);
      }
    });
    if (!lastEventId.isEmpty() && lastEventId.length() <= MAX_LAST_EVENT_ID) {
      try {
        rb.header("Last-Event-ID", lastEventId);
      } catch (IllegalArgumentException notAHeaderValue) {
        // Sent without it: the stream resumes from now, and the fetch on connect catches up.
      }
    }
    return rb.build();
  }

  static boolean isEventStream(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    return (semi < 0 ? t : t.substring(0, semi)).trim().equals("text/event-stream");
  }

  /** An exchange that brought no answer. */
  private static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }
}
