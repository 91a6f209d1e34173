package dev.flags.http.internal;

import dev.flags.http.internal.BodyReader.TooLargeException;
import dev.flags.http.internal.FetchResult.BadBody;
import dev.flags.http.internal.FetchResult.Fetched;
import dev.flags.http.internal.FetchResult.HttpError;
import dev.flags.http.internal.FetchResult.NetworkError;
import dev.flags.http.internal.FetchResult.NotModified;
import dev.flags.http.internal.FetchResult.ProtocolError;
import java.io.IOException;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Sends one conditional GET for the document and tells what it produced: {@code If-None-Match}
 * with the ETag, else {@code If-Modified-Since}; the caller's headers (which replace the default
 * {@code Accept}); {@code Accept-Encoding: gzip}. Redirects are followed here, as {@link
 * Redirects} decides (the HTTP client must follow none), with the same conditional headers and
 * without credentials once the origin changes. The body is limited on the wire and after gzip
 * decoding, the whole poll (redirects and body included) is bounded by the request timeout, and
 * only JSON content types are accepted unless any is. What the HTTP client completes is handled on
 * the executor given, never on the client's or the JDK's threads. Thread-safe.
 */
public final class Fetcher {
  private final HttpClient http;
  private final Executor executor;
  private final URI uri;
  private final Map<String, String> headers;
  private final Set<String> sensitive;
  private final Duration requestTimeout;
  private final long maxBodyBytes;
  private final boolean anyContentType;

  /**
   * A fetcher of one URL.
   *
   * @param http the client, which must not follow redirects
   * @param executor where responses are handled
   * @param uri the document's URL
   * @param headers the caller's headers, sent with every request
   * @param sensitive lower-case names of the caller's headers that, like {@code Authorization}
   *     and {@code Cookie}, are not sent to another origin
   * @param requestTimeout the bound of a whole poll
   * @param maxBodyBytes the largest body, on the wire and decoded
   * @param anyContentType whether any content type is accepted
   */
  public Fetcher(
      HttpClient http,
      Executor executor,
      URI uri,
      Map<String, String> headers,
      Set<String> sensitive,
      Duration requestTimeout,
      long maxBodyBytes,
      boolean anyContentType) {
    this.http = http;
    this.executor = executor;
    this.uri = uri;
    this.headers = Map.copyOf(headers);
    this.sensitive = Set.copyOf(sensitive);
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
    Poll poll = new Poll(validators);
    poll.send(uri, 0, true, 0);
    // The request timeout also bounds redirects and a body that trickles in after the headers
    // (java.net.http only bounds the wait for the headers). The poll times out on its own, so
    // that the exchange itself can be cancelled: left alone, it would keep its connection busy.
    CompletableFuture<FetchResult> unused = poll.completeOnTimeout(
            new NetworkError("timed out after " + requestTimeout),
            requestTimeout.toMillis() + 100,
            TimeUnit.MILLISECONDS)
        // No-op once the exchange is done; only aborts one timed out.
        .whenCompleteAsync((r, e) -> poll.abort(), executor);
    return poll;
  }

  /**
   * One poll: the exchange in flight (the first request, or a redirect's), and the result.
   * Cancelling it aborts that exchange at once, on the cancelling thread.
   */
  private final class Poll extends CompletableFuture<FetchResult> {
    private final Validators validators;
    private volatile @Nullable CompletableFuture<HttpResponse<byte[]>> exchange;

    Poll(Validators validators) {
      this.validators = validators;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      abort();
      return cancelled;
    }

    void abort() {
      CompletableFuture<HttpResponse<byte[]>> e = exchange;
      if (e != null) {
        e.cancel(true); // aborts the exchange and frees its connection; no-op when done
      }
    }

    /** Sends to {@code target}; credentials only while the poll has not left the origin. */
    void send(URI target, int redirects, boolean credentials, long bytesBefore) {
      CompletableFuture<HttpResponse<byte[]>> e = http.sendAsync(
          request(target, validators, credentials), BodyReader.limited(maxBodyBytes));
      exchange = e;
      if (isDone()) {
        e.cancel(true); // timed out or cancelled while this hop was being sent
        return;
      }
      // Handled on the source's executor: java.net.http completes its futures on the common
      // pool (or a new thread per task on small machines).
      CompletableFuture<?> unused = e.handleAsync(
          (response, error) -> {
            answer(target, redirects, credentials, bytesBefore, response, error);
            return null;
          },
          executor);
    }

    private void answer(
        URI target,
        int redirects,
        boolean credentials,
        long bytesBefore,
        @Nullable HttpResponse<byte[]> response,
        @Nullable Throwable error) {
      if (isDone()) {
        return;
      }
      if (response == null) {
        complete(failed(error == null ? new IllegalStateException("no response") : error, target));
        return;
      }
      int code = response.statusCode();
      String location = Redirects.isRedirect(code)
          ? response.headers().firstValue("location").orElse(null)
          : null;
      if (location == null) {
        complete(answered(response, validators, bytesBefore));
        return;
      }
      long bytes = bytesBefore + length(response.body());
      Redirects.Decision next = Redirects.next(target, location, redirects);
      if (next instanceof Redirects.Decision.Refuse refuse) {
        complete(new ProtocolError(code, refuse.reason(), true, bytes));
        return;
      }
      URI to = ((Redirects.Decision.Follow) next).uri();
      try {
        send(to, redirects + 1, credentials && Redirects.sameOrigin(uri, to), bytes);
      } catch (RuntimeException e) {
        complete(failed(e, to));
      }
    }
  }

  HttpRequest request(Validators validators) {
    return request(uri, validators, true);
  }

  HttpRequest request(URI target, Validators validators, boolean credentials) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(target)
        .GET()
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .header("Accept-Encoding", "gzip");
    headers.forEach((name, value) -> {
      if (credentials || !Redirects.isCredential(name, sensitive)) {
        rb.setHeader(name, value); // replaces the default Accept if one is given
      }
    });
    // The validators are the document's, wherever it is served from.
    String etag = validators.etag();
    String lastModified = validators.lastModified();
    if (etag != null) {
      rb.header("If-None-Match", etag);
    } else if (lastModified != null) {
      rb.header("If-Modified-Since", lastModified);
    }
    return rb.build();
  }

  /**
   * What a final answer (not a redirect that is followed) means.
   *
   * @param response the answer
   * @param sent the validators the request carried
   * @param bytesBefore body bytes received with the redirects before it
   * @return the result
   */
  FetchResult answered(HttpResponse<byte[]> response, Validators sent, long bytesBefore) {
    int code = response.statusCode();
    byte[] body = response.body();
    long bytes = bytesBefore + length(body);
    HttpHeaders h = response.headers();
    return switch (HttpStatusPolicy.meaning(code)) {
      case NOT_MODIFIED ->
        sent.equals(Validators.NONE)
            // Nothing to be unchanged from: a server or cache in between that got it wrong.
            ? new ProtocolError(
                304,
                "304 Not Modified to a request without validators from "
                    + Uris.redact(response.uri()),
                false,
                bytes)
            : new NotModified(bytes);
      case DOCUMENT -> document(h, body, bytes);
      case NEEDS_OPERATOR, TRANSIENT -> new HttpError(code, header(h, "retry-after"), bytes);
    };
  }

  private static long length(byte @Nullable [] body) {
    return body == null ? 0 : body.length;
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

  /**
   * What a request that got no complete answer means.
   *
   * @param error what the HTTP client reported
   * @param target the URL asked
   * @return the result
   */
  FetchResult failed(Throwable error, URI target) {
    Throwable cause = error.getCause();
    Throwable e = error instanceof CompletionException && cause != null ? cause : error;
    if (e instanceof TooLargeException) {
      return new BadBody(
          BadBody.Kind.TOO_LARGE,
          Objects.requireNonNullElse(e.getMessage(), "body too large"),
          200,
          0);
    }
    if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
      return new NetworkError("timed out after " + requestTimeout);
    }
    return new NetworkError(describe(e) + " (" + Redirects.hostAndPort(target) + ")");
  }

  /**
   * Names an exception by its cause chain, down to the first message: {@code
   * ConnectException: Connection refused}, {@code IOException: connection reset}, or only the
   * names when no exception in the chain has a message ({@code ConnectException:
   * ClosedChannelException}, which is what java.net.http 17 reports for a refused connection).
   */
  static String describe(Throwable error) {
    StringBuilder s = new StringBuilder();
    String previous = "";
    @Nullable Throwable t = error;
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (!name.equals(previous)) { // a wrapper of its own kind adds nothing
        s.append(s.length() == 0 ? "" : ": ").append(name);
        previous = name;
      }
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        return s.append(": ").append(message).toString();
      }
    }
    return s.toString();
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
