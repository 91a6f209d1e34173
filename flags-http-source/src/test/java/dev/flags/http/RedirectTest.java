package dev.flags.http;

import static dev.flags.http.Polls.awaitPolls;
import static dev.flags.http.Polls.httpStatus;
import static dev.flags.http.Polls.pollNowAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.http.TestServer.Entity;
import dev.flags.testsupport.Docs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects, which the source follows itself: credentials never go to another origin, https
 * never leads to http, and a loop ends. Two servers on different ports are two origins.
 */
final class RedirectTest {
  private static final String TOKEN = "Bearer s3cr3t";

  private final TestServer origin = TestServer.start();
  private final TestServer other = TestServer.start();
  private Flags flags;

  @AfterEach
  void tearDown() {
    if (flags != null) {
      flags.close();
    }
    origin.close();
    other.close();
  }

  private static TestServer.Handler redirect(int code, String location) {
    return (ex, r) -> {
      ex.getResponseHeaders().set("Location", location);
      ex.sendResponseHeaders(code, -1);
    };
  }

  private HttpFlagSource.Builder source() {
    return HttpFlagSource.newBuilder(origin.uri())
        .pollInterval(Duration.ofHours(1))
        .header("Authorization", TOKEN)
        .header("Cookie", "session=c00kie")
        .header("X-Client", "checkout-7");
  }

  private HttpFlagSource start(HttpFlagSource.Builder builder) {
    HttpFlagSource source = builder.build();
    flags = Flags.newBuilder().source(source).build();
    awaitPolls(source, 1);
    return source;
  }

  @Test
  void redirect_sameOrigin_credentialsAndValidatorsKept() {
    origin.otherwise((ex, r) -> {
      if (r.path().equals("/flags.json")) {
        redirect(301, "/moved/flags.json").handle(ex, r);
      } else {
        origin.conditional(() -> Entity.json(Docs.valid("v-moved"), "\"m\"")).handle(ex, r);
      }
    });
    HttpFlagSource source = start(source());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(flags.version()).isEqualTo("v-moved");
    assertThat(origin.requests())
        .extracting(TestServer.Request::path)
        .containsExactly("/flags.json", "/moved/flags.json", "/flags.json", "/moved/flags.json");
    assertThat(origin.requests()).allSatisfy(r -> {
      assertThat(r.header("Authorization")).isEqualTo(TOKEN);
      assertThat(r.header("Cookie")).isEqualTo("session=c00kie");
    });
    // The validators are the document's, sent along the redirect.
    assertThat(origin.request(2).header("If-None-Match")).isEqualTo("\"m\"");
    assertThat(origin.request(3).header("If-None-Match")).isEqualTo("\"m\"");
    assertThat(stats.notModified()).isEqualTo(1);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
  }

  @Test
  void redirect_toAnotherOrigin_credentialsDroppedOtherHeadersAndValidatorsKept() {
    origin.otherwise(redirect(307, other.uri().toString()));
    other.otherwise(other.conditional(() -> Entity.json(Docs.valid("v-other"), "\"o\"")));
    HttpFlagSource source = start(source());

    HttpSourceStats stats = pollNowAndWait(source);

    assertThat(flags.version()).isEqualTo("v-other");
    assertThat(origin.requests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.header("Authorization")).isEqualTo(TOKEN);
      assertThat(r.header("Cookie")).isEqualTo("session=c00kie");
    });
    assertThat(other.requests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.header("Authorization")).isNull();
      assertThat(r.header("Cookie")).isNull();
      assertThat(r.header("X-Client")).isEqualTo("checkout-7");
    });
    assertThat(origin.request(1).header("If-None-Match")).isEqualTo("\"o\"");
    assertThat(other.request(1).header("If-None-Match")).isEqualTo("\"o\"");
    assertThat(stats.notModified()).isEqualTo(1);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.READY);
  }

  @Test
  void redirect_sensitiveHeader_droppedAcrossOriginsOnly() {
    origin.otherwise((ex, r) -> {
      if (r.path().equals("/flags.json")) {
        redirect(302, "/hop").handle(ex, r);
      } else {
        redirect(302, other.uri().toString()).handle(ex, r);
      }
    });
    other.otherwise(TestServer.json(Docs.valid("v-other")));

    start(source().sensitiveHeader("X-Api-Key", "k3y").header("X-Trace", "t1"));

    assertThat(flags.version()).isEqualTo("v-other");
    assertThat(origin.requests())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.header("X-Api-Key")).isEqualTo("k3y"));
    assertThat(other.requests()).singleElement().satisfies(r -> {
      assertThat(r.header("X-Api-Key")).isNull();
      assertThat(r.header("Authorization")).isNull();
      assertThat(r.header("X-Trace")).isEqualTo("t1");
    });
  }

  @Test
  void redirect_backToTheOrigin_credentialsStayDroppedForThatPoll() {
    origin.otherwise((ex, r) -> {
      if (r.path().equals("/flags.json")) {
        redirect(302, other.uri("/bounce").toString()).handle(ex, r);
      } else {
        TestServer.json(Docs.valid("v-final")).handle(ex, r);
      }
    });
    other.otherwise(redirect(302, origin.uri("/final.json").toString()));

    start(source());

    assertThat(flags.version()).isEqualTo("v-final");
    assertThat(origin.request(0).header("Authorization")).isEqualTo(TOKEN);
    assertThat(other.request(0).header("Authorization")).isNull();
    assertThat(origin.request(1).path()).isEqualTo("/final.json");
    assertThat(origin.request(1).header("Authorization")).isNull();
  }

  @Test
  void redirect_callersClient_followedBySourceWithoutCredentialsAcrossOrigins() {
    origin.otherwise(redirect(302, other.uri().toString()));
    other.otherwise(TestServer.json(Docs.valid("v-other")));

    start(source().httpClient(HttpClient.newHttpClient()));

    assertThat(flags.version()).isEqualTo("v-other");
    assertThat(other.requests()).singleElement().satisfies(r -> {
      assertThat(r.header("Authorization")).isNull();
      assertThat(r.header("X-Client")).isEqualTo("checkout-7");
    });
  }

  @Test
  void redirect_loop_tooManyRedirectsErrorNamingTheLimit() {
    origin.otherwise(redirect(302, "/flags.json"));

    HttpFlagSource source = start(source());

    // The first request and 5 redirects; the sixth redirect is refused.
    assertThat(origin.requestCount()).isEqualTo(6);
    ErrorInfo error = source.stats().lastError();
    assertThat(error).isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.HTTP);
    assertThat(error.statusCode()).isEqualTo(302);
    assertThat(error.message())
        .isEqualTo("too many redirects (more than 5), the last from " + origin.uri());
    SourceStatus status = httpStatus(flags);
    assertThat(status.state()).isEqualTo(Status.State.ERROR);
    assertThat(status.lastError().needsOperator()).isTrue();
    assertThat(source.stats().nextPollDelay())
        .isGreaterThanOrEqualTo(HttpFlagSource.DEFAULT_OPERATOR_ERROR_DELAY);
  }

  @Test
  void redirect_httpsToHttp_refusedWithoutSendingIt() {
    URI https = URI.create("https://cdn.example.com/flags.json?sig=abc");
    StubHttpClient stub = new StubHttpClient(request ->
        new StubHttpClient.Answer(302, List.of("Location", "http://cdn.example.com/flags.json")));

    HttpFlagSource source = start(HttpFlagSource.newBuilder(https)
        .pollInterval(Duration.ofHours(1))
        .header("Authorization", TOKEN)
        .httpClient(stub));

    assertThat(stub.requests()).extracting(HttpRequest::uri).containsExactly(https);
    ErrorInfo error = source.stats().lastError();
    assertThat(error).isNotNull();
    assertThat(error.message())
        .isEqualTo("redirect from https to http refused: https://cdn.example.com/flags.json?..."
            + " -> http://cdn.example.com/flags.json");
    assertThat(error.statusCode()).isEqualTo(302);
    assertThat(httpStatus(flags).state()).isEqualTo(Status.State.ERROR);
    assertThat(flags.isReady()).isFalse();
  }
}
