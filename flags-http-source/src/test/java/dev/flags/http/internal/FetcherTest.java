package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.http.internal.FetchResult.BadBody;
import dev.flags.http.internal.FetchResult.Fetched;
import dev.flags.http.internal.FetchResult.HttpError;
import dev.flags.http.internal.FetchResult.NetworkError;
import dev.flags.http.internal.FetchResult.NotModified;
import dev.flags.http.internal.FetchResult.ProtocolError;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests and their interpretation, without sending anything. */
final class FetcherTest {
  private static final URI URL = URI.create("https://cdn.example.com/flags.json");
  private static final byte[] DOC = "{\"version\":\"v1\"}".getBytes(StandardCharsets.UTF_8);
  /** Never sends: building it starts no request. */
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static Fetcher fetcher(Map<String, String> headers, boolean anyContentType) {
    return new Fetcher(
        CLIENT,
        Runnable::run,
        URL,
        headers,
        Set.of(),
        Duration.ofSeconds(10),
        1_000,
        anyContentType);
  }

  /** What a final answer to a conditional request means. */
  private static FetchResult answered(Fetcher fetcher, HttpResponse<byte[]> response) {
    return fetcher.answered(response, new Validators("\"e0\"", null), 0);
  }

  private static Fetcher fetcher() {
    return fetcher(Map.of(), false);
  }

  /** A response with these headers, given as name/value pairs. */
  private static HttpResponse<byte[]> response(int code, byte[] body, String... headerPairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      map.put(headerPairs[i], List.of(headerPairs[i + 1]));
    }
    HttpHeaders headers = HttpHeaders.of(map, (name, value) -> true);
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return code;
      }

      @Override
      public HttpRequest request() {
        return HttpRequest.newBuilder(URL).build();
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
        return body;
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return URL;
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void request_noValidators_unconditionalGetWithDefaults() {
    HttpRequest request = fetcher().request(Validators.NONE);

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.uri()).isEqualTo(URL);
    assertThat(request.timeout()).contains(Duration.ofSeconds(10));
    assertThat(request.headers().map())
        .containsOnly(
            Map.entry("Accept", List.of("application/json")),
            Map.entry("Accept-Encoding", List.of("gzip")));
  }

  @Test
  void request_etagAndLastModified_ifNoneMatchOnly() {
    HttpRequest request =
        fetcher().request(new Validators("\"e1\"", "Wed, 21 Oct 2026 07:28:00 GMT"));

    assertThat(request.headers().firstValue("If-None-Match")).contains("\"e1\"");
    assertThat(request.headers().firstValue("If-Modified-Since")).isEmpty();
  }

  @Test
  void request_lastModifiedOnly_ifModifiedSince() {
    HttpRequest request = fetcher().request(new Validators(null, "Wed, 21 Oct 2026 07:28:00 GMT"));

    assertThat(request.headers().firstValue("If-Modified-Since"))
        .contains("Wed, 21 Oct 2026 07:28:00 GMT");
    assertThat(request.headers().firstValue("If-None-Match")).isEmpty();
  }

  @Test
  void request_callersHeaders_sentAndReplaceTheDefaultAccept() {
    HttpRequest request = fetcher(
            Map.of("Authorization", "Bearer t", "Accept", "application/vnd.flags+json"), false)
        .request(Validators.NONE);

    assertThat(request.headers().firstValue("Authorization")).contains("Bearer t");
    assertThat(request.headers().allValues("Accept")).containsExactly("application/vnd.flags+json");
  }

  @Test
  void answered_304_notModified() {
    assertThat(answered(fetcher(), response(304, new byte[0]))).isEqualTo(new NotModified(0));
  }

  @Test
  void answered_304ToRequestWithoutValidators_protocolError() {
    assertThat(fetcher().answered(response(304, new byte[0]), Validators.NONE, 0))
        .isEqualTo(new ProtocolError(
            304, "304 Not Modified to a request without validators from " + URL, false, 0));
  }

  @Test
  void answered_afterRedirects_theirBytesCounted() {
    assertThat(fetcher().answered(response(304, new byte[3]), new Validators(null, "x"), 40))
        .isEqualTo(new NotModified(43));
  }

  @Test
  void request_withoutCredentials_credentialsAndSensitiveHeadersLeftOut() {
    Fetcher f = new Fetcher(
        CLIENT,
        Runnable::run,
        URL,
        Map.of("Authorization", "Bearer t", "Cookie", "c", "X-Key", "k", "X-Client", "c7"),
        Set.of("x-key"),
        Duration.ofSeconds(10),
        1_000,
        false);
    URI elsewhere = URI.create("https://mirror.example.net/flags.json");

    HttpRequest request = f.request(elsewhere, new Validators("\"e1\"", null), false);

    assertThat(request.uri()).isEqualTo(elsewhere);
    assertThat(request.headers().map())
        .containsOnlyKeys("Accept", "Accept-Encoding", "X-Client", "If-None-Match");
    assertThat(f.request(Validators.NONE).headers().map())
        .containsKeys("Authorization", "Cookie", "X-Key", "X-Client");
  }

  @Test
  void describe_causeChain_namesDownToTheFirstMessage() {
    assertThat(Fetcher.describe(new ConnectException())).isEqualTo("ConnectException");
    ConnectException jdk17 = new ConnectException();
    jdk17.initCause(new ClosedChannelException());
    assertThat(Fetcher.describe(jdk17)).isEqualTo("ConnectException: ClosedChannelException");
    ConnectException wrapped = new ConnectException();
    wrapped.initCause(new ConnectException("Connection refused"));
    assertThat(Fetcher.describe(wrapped)).isEqualTo("ConnectException: Connection refused");
    assertThat(Fetcher.describe(new IOException("  ", new EOFException("early end"))))
        .isEqualTo("IOException: EOFException: early end");
  }

  @Test
  void answered_errorStatus_httpErrorWithRetryAfterAndBytes() {
    FetchResult result =
        answered(fetcher(), response(503, new byte[12], "Retry-After", "7", "Content-Type", "x"));

    assertThat(result).isEqualTo(new HttpError(503, "7", 12));
  }

  @Test
  void answered_json_fetchedWithValidators() {
    FetchResult result = answered(
        fetcher(),
        response(
            200,
            DOC,
            "Content-Type",
            "application/json; charset=utf-8",
            "ETag",
            "\"e1\"",
            "Last-Modified",
            "Wed, 21 Oct 2026 07:28:00 GMT"));

    assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
      assertThat(fetched.document()).isEqualTo(DOC);
      assertThat(fetched.validators())
          .isEqualTo(new Validators("\"e1\"", "Wed, 21 Oct 2026 07:28:00 GMT"));
      assertThat(fetched.bytesReceived()).isEqualTo(DOC.length);
    });
  }

  @Test
  void answered_gzip_decodedAndCountedCompressed() {
    byte[] compressed = gzip(DOC);

    FetchResult result = answered(
        fetcher(),
        response(200, compressed, "Content-Type", "application/json", "Content-Encoding", "gzip"));

    assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
      assertThat(fetched.document()).isEqualTo(DOC);
      assertThat(fetched.bytesReceived()).isEqualTo(compressed.length);
      assertThat(fetched.validators()).isEqualTo(Validators.NONE);
    });
  }

  @Test
  void answered_brokenGzip_badBody() {
    byte[] body = "not gzip".getBytes(StandardCharsets.UTF_8);

    FetchResult result = answered(
        fetcher(),
        response(200, body, "Content-Type", "application/json", "Content-Encoding", "GZIP"));

    assertThat(result)
        .isEqualTo(new BadBody(
            BadBody.Kind.GZIP, "cannot decode gzip body: Not in GZIP format", 200, body.length));
  }

  @Test
  void answered_gzipInflatingOverLimit_badBody() {
    byte[] compressed = gzip(new byte[5_000]);

    FetchResult result = answered(
        fetcher(),
        response(200, compressed, "Content-Type", "application/json", "Content-Encoding", "gzip"));

    assertThat(result)
        .isEqualTo(new BadBody(
            BadBody.Kind.GZIP,
            "cannot decode gzip body: decompressed body exceeds the maximum allowed (1000, from"
                + " HttpFlagSource.Builder.maxBodyBytes(long))",
            200,
            compressed.length));
  }

  @Test
  void answered_html_badBodyNamingTheOption() {
    FetchResult result =
        answered(fetcher(), response(200, DOC, "Content-Type", "text/html; charset=utf-8"));

    assertThat(result)
        .isEqualTo(new BadBody(
            BadBody.Kind.CONTENT_TYPE,
            "unexpected content type 'text/html; charset=utf-8' (expected application/json; see"
                + " HttpFlagSource.Builder.acceptAnyContentType())",
            200,
            DOC.length));
  }

  @Test
  void answered_octetStreamWithAnyContentType_fetched() {
    FetchResult result = answered(
        fetcher(Map.of(), true), response(200, DOC, "Content-Type", "application/octet-stream"));

    assertThat(result).isInstanceOf(Fetched.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json;charset=UTF-8",
        " Application/JSON ; charset=utf-8",
        "text/json",
        "TEXT/JSON",
        "application/flags+json"
      })
  void isJson_jsonTypes_true(String type) {
    assertThat(Fetcher.isJson(type)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "text/html", "application/octet-stream", "text/plain", "json"})
  void isJson_otherTypes_false(String type) {
    assertThat(Fetcher.isJson(type)).isFalse();
  }

  @Test
  void failed_timeout_networkErrorNamingTheTimeout() {
    assertThat(fetcher().failed(new TimeoutException(), URL))
        .isEqualTo(new NetworkError("timed out after PT10S"));
    assertThat(fetcher().failed(new CompletionException(new HttpConnectTimeoutException("x")), URL))
        .isEqualTo(new NetworkError("timed out after PT10S"));
  }

  @Test
  void failed_connectionRefused_exceptionAndHost() {
    assertThat(fetcher().failed(new CompletionException(new ConnectException("refused")), URL))
        .isEqualTo(new NetworkError("ConnectException: refused (cdn.example.com:443)"));
  }

  @Test
  void failed_otherIoError_itsClassAndMessage() {
    assertThat(fetcher().failed(new CompletionException(new IOException("connection reset")), URL))
        .isEqualTo(new NetworkError("IOException: connection reset (cdn.example.com:443)"));
    assertThat(fetcher().failed(new EOFException(), URL))
        .isEqualTo(new NetworkError("EOFException (cdn.example.com:443)"));
  }

  @Test
  void failed_bodyTooLarge_badBodyNotRead() {
    IOException tooLarge = new BodyReader.TooLargeException("body exceeds the maximum");

    assertThat(fetcher().failed(new CompletionException(tooLarge), URL))
        .isEqualTo(new BadBody(BadBody.Kind.TOO_LARGE, "body exceeds the maximum", 200, 0));
  }
}
