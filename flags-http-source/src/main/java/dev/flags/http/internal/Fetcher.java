package dev.flags.http.internal;

import dev.flags.http.internal.BodyReader.TooLargeException;
import dev.flags.http.internal.FetchResult.BadBody;
import dev.flags.http.internal.FetchResult.Fetched;
import dev.flags.http.internal.FetchResult.HttpError;
import dev.flags.http.internal.FetchResult.NetworkError;
import dev.flags.http.internal.FetchResult.NotModified;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Sends one conditional GET for the document and tells what it produced: {@code If-None-Match}
 * with the ETag, else {@code If-Modified-Since}; the caller's headers (which replace the default
 * {@code Accept}); {@code Accept-Encoding: gzip}. The body is limited on the wire and after gzip
 * decoding, the whole request (body included) is bounded by the request timeout, and only JSON
 * content types are accepted unless any is. Thread-safe.
 */
public final class Fetcher {
  private final HttpClient http;
  private final URI uri;
  private final Map<String, String> headers;
  private final Duration requestTimeout;
  private final long maxBodyBytes;
  private final boolean anyContentType;

  public Fetcher(
      HttpClient http,
      URI uri,
      Map<String, String> headers,
      Duration requestTimeout,
      long maxBodyBytes,
      boolean anyContentType) {
    this.http = http;
    this.uri = uri;
    this.headers = Map.copyOf(headers);
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
    this.anyContentType = anyContentType;
  }

  /**
   * Sends the request. The future completes with what the server or the network did, never
   * exceptionally for that; cancelling it aborts the exchange.
   *
   * @param validators the validators of the document held, for a conditional request
   * @return the result
   * @throws RuntimeException if the HTTP client refuses to send
   */
  public CompletableFuture<FetchResult> fetch(Validators validators) {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request(validators), BodyReader.limited(maxBodyBytes));
    // The request timeout also bounds a body that trickles in after the headers (java.net.http
    // only bounds the wait for the headers). A copy times out, so that the exchange itself can be
    // cancelled: completing the original would leave its connection busy with the old body.
    CompletableFuture<FetchResult> result = exchange
        .copy()
        .orTimeout(requestTimeout.toMillis() + 100, TimeUnit.MILLISECONDS)
        .handle((response, error) -> {
          if (error != null) {
            exchange.cancel(true); // aborts the exchange and frees its connection; no-op when done
            return failed(error);
          }
          return answered(response);
        });
    // Only runs exchange.cancel, which cannot fail: nothing to observe in the returned stage.
    CompletableFuture<?> unused = result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        exchange.cancel(true);
      }
    });
    return result;
  }

  HttpRequest request(Validators validators) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
        .GET()
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .header("Accept-Encoding", "gzip");
    headers.forEach(rb::setHeader); // replaces the default Accept if one is given
    String etag = validators.etag();
    String lastModified = validators.lastModified();
    if (etag != null) {
      rb.header("If-None-Match", etag);
    } else if (lastModified != null) {
      rb.header("If-Modified-Since", lastModified);
    }
    return rb.build();
  }

  FetchResult answered(HttpResponse<byte[]> response) {
    int code = response.statusCode();
    byte[] body = response.body();
    long bytes = body == null ? 0 : body.length;
    HttpHeaders h = response.headers();
    return switch (HttpStatusPolicy.meaning(code)) {
      case NOT_MODIFIED -> new NotModified(bytes);
      case DOCUMENT -> document(h, body, bytes);
      case NEEDS_OPERATOR, TRANSIENT -> new HttpError(code, header(h, "retry-after"), bytes);
    };
  }

  private FetchResult document(HttpHeaders h, byte[] body, long bytes) {
    String type = h.firstValue("content-type").orElse("");
    if (!anyContentType && !isJson(type)) {
      return new BadBody(
          BadBody.Kind.CONTENT_TYPE,
          "unexpected content type '" + type
              + "' (expected application/json; see HttpFlagSource.Builder.acceptAnyContentType())",
          200,
          bytes);
    }
    byte[] doc = body;
    if (h.firstValue("content-encoding").orElse("").equalsIgnoreCase("gzip")) {
      try {
        doc = BodyReader.gunzip(body, maxBodyBytes);
      } catch (IOException e) {
        return new BadBody(
            BadBody.Kind.GZIP, "cannot decode gzip body: " + e.getMessage(), 200, bytes);
      }
    }
    return new Fetched(doc, new Validators(header(h, "etag"), header(h, "last-modified")), bytes);
  }

  FetchResult failed(Throwable error) {
    Throwable cause = error.getCause();
    Throwable e = error instanceof CompletionException && cause != null ? cause : error;
    String message = e.getMessage();
    if (e instanceof TooLargeException) {
      return new BadBody(
          BadBody.Kind.TOO_LARGE, Objects.requireNonNullElse(message, "unknown error"), 200, 0);
    }
    if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
      return new NetworkError("timed out after " + requestTimeout);
    }
    if (e instanceof ConnectException) {
      return new NetworkError("cannot connect: " + message);
    }
    return new NetworkError(e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
  }

  private static @Nullable String header(HttpHeaders h, String name) {
    return h.firstValue(name).orElse(null);
  }

  static boolean isJson(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi);
    }
    t = t.trim();
    return t.equals("application/json")
        || t.equals("text/json")
        || (t.startsWith("application/") && t.endsWith("+json"));
  }
}
