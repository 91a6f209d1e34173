package dev.flags.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each request gets a context (principal, key header, chosen headers and request attributes,
 * customizers) and one pinned snapshot, over real HTTP.
 */
@WebAppTest
final class RequestFlagsTest {
  @LocalServerPort
  int port;

  private JsonNode get(String path, String user, String password, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
  }

  @Test
  void context_keyIsThePrincipal_attributesFromHeadersRequestAttributesAndCustomizers()
      throws Exception {
    JsonNode c = get("/context", "bob", "bob-pw", "X-Country", "NZ", "X-Device-Id", "device-9");

    assertThat(c.at("/key").asText()).isEqualTo("bob");
    assertThat(c.at("/country").asText()).isEqualTo("NZ");
    assertThat(c.at("/tenant").asText()).isEqualTo("acme");
    assertThat(c.at("/seats").asDouble()).isEqualTo(12.0);
    assertThat(c.at("/channel").asText()).isEqualTo("web");
    assertThat(c.at("/sameAsCurrent").asBoolean()).isTrue();
  }

  @Test
  void context_withoutPrincipal_takesTheKeyHeader_elseTheAnonymousKey() throws Exception {
    assertThat(get("/context", null, null, "X-Device-Id", "device-9").at("/key").asText())
        .isEqualTo("device-9");
    JsonNode anonymous = get("/context", null, null);
    assertThat(anonymous.at("/key").asText()).isEmpty();
    assertThat(anonymous.has("country")).isFalse();
  }

  @Test
  void snapshot_isPinnedForTheWholeRequest() throws Exception {
    JsonNode r = get("/pinned", "bob", "bob-pw");

    assertThat(r.at("/before").asBoolean()).isTrue();
    assertThat(r.at("/after").asBoolean()).as("same request, same snapshot").isTrue();
    assertThat(r.at("/current").asBoolean()).isTrue();
    assertThat(r.at("/live").asBoolean())
        .as("the client itself serves the kill")
        .isFalse();
  }

  @Test
  void current_outsideARequest_saysSo() {
    assertThatThrownBy(RequestFlags::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("RequestFlags.current() called outside a request (no request bound to this"
            + " thread)");
  }
}
