package dev.flags.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link HttpClient} that sends nothing: it records each request and answers with what the
 * test's function returns, for URLs no local server can serve (https, other hosts).
 */
final class StubHttpClient extends HttpClient {
  /**
   * A canned answer without a body.
   *
   * @param code the status
   * @param headerPairs header names and values, alternately
   */
  record Answer(int code, List<String> headerPairs) {}

  private final Function<HttpRequest, Answer> answers;
  private final List<HttpRequest> requests = new CopyOnWriteArrayList<>();

  StubHttpClient(Function<HttpRequest, Answer> answers) {
    this.answers = answers;
  }

  List<HttpRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    requests.add(request);
    Answer a = answers.apply(request);
    @SuppressWarnings("unchecked") // the source reads every body as bytes
    HttpResponse<T> response = (HttpResponse<T>) response(request, a);
    return CompletableFuture.completedFuture(response);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return sendAsync(request, handler);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    return sendAsync(request, handler).join();
  }

  private static HttpResponse<byte[]> response(HttpRequest request, Answer a) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < a.headerPairs().size(); i += 2) {
      map.put(a.headerPairs().get(i), List.of(a.headerPairs().get(i + 1)));
    }
    HttpHeaders headers = HttpHeaders.of(map, (name, value) -> true);
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return a.code();
      }

      @Override
      public HttpRequest request() {
        return request;
      }

      @Override
      public Optional<HttpResponse<byte[]>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public byte[] body() {
        return new byte[0];
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return request.uri();
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    throw new UnsupportedOperationException("not used");
  }

  @Override
  public SSLParameters sslParameters() {
    return new SSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }
}
