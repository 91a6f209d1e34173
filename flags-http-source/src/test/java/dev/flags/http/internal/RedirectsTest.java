package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.http.internal.Redirects.Decision;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The redirect policy, decision by decision. */
final class RedirectsTest {
  private static final URI HTTPS = URI.create("https://cdn.example.com/a/flags.json");
  private static final URI HTTP = URI.create("http://cdn.example.com/a/flags.json");

  private static Decision follow(String to) {
    return new Decision.Follow(URI.create(to));
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void isRedirect_followedCodes_true(int code) {
    assertThat(Redirects.isRedirect(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {300, 304, 305, 306, 200, 404})
  void isRedirect_otherCodes_false(int code) {
    assertThat(Redirects.isRedirect(code)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "/b/flags.json, https://cdn.example.com/b/flags.json",
    "other.json, https://cdn.example.com/a/other.json",
    "../x.json?v=2, https://cdn.example.com/x.json?v=2",
    "//mirror.example.com/flags.json, https://mirror.example.com/flags.json",
    "https://other.example.com:8443/f.json#top, https://other.example.com:8443/f.json",
    "'  /spaced.json ', https://cdn.example.com/spaced.json"
  })
  void next_location_resolvedAgainstTheUrlThatAnswered(String location, String expected) {
    assertThat(Redirects.next(HTTPS, location, 0)).isEqualTo(follow(expected));
  }

  @Test
  void next_httpsToHttp_refused() {
    assertThat(Redirects.next(HTTPS, "http://cdn.example.com/a/flags.json?sig=abc", 0))
        .isEqualTo(new Decision.Refuse("redirect from https to http refused:"
            + " https://cdn.example.com/a/flags.json -> http://cdn.example.com/a/flags.json?..."));
  }

  @Test
  void next_httpToHttps_followed() {
    assertThat(Redirects.next(HTTP, "https://cdn.example.com/a/flags.json", 0))
        .isEqualTo(follow("https://cdn.example.com/a/flags.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://cdn.example.com/flags.json", "file:///etc/passwd", "http:/x"})
  void next_notHttp_refused(String location) {
    assertThat(Redirects.next(HTTP, location, 0))
        .isInstanceOfSatisfying(
            Decision.Refuse.class,
            r -> assertThat(r.reason())
                .startsWith("redirect from http://cdn.example.com/a/flags.json to a URL that is not"
                    + " http or https refused: "));
  }

  @Test
  void next_invalidLocation_refusedWithoutEchoingIt() {
    assertThat(Redirects.next(HTTP, "http://bad host/?token=s3cr3t", 0))
        .isEqualTo(new Decision.Refuse(
            "redirect from http://cdn.example.com/a/flags.json has an invalid Location"));
  }

  @Test
  void next_afterTheLimit_refusedNamingIt() {
    assertThat(Redirects.next(HTTP, "/b", Redirects.MAX_REDIRECTS - 1))
        .isEqualTo(follow("http://cdn.example.com/b"));
    assertThat(Redirects.next(HTTP, "/b", Redirects.MAX_REDIRECTS))
        .isEqualTo(new Decision.Refuse(
            "too many redirects (more than 5), the last from http://cdn.example.com/a/flags.json"));
  }

  @ParameterizedTest
  @CsvSource({
    "https://cdn.example.com/a, https://CDN.example.com:443/other, true",
    "http://cdn.example.com/a, http://cdn.example.com:80/b, true",
    "https://cdn.example.com/a, http://cdn.example.com/a, false",
    "https://cdn.example.com/a, https://cdn.example.com:8443/a, false",
    "https://cdn.example.com/a, https://other.example.com/a, false",
    "http://127.0.0.1:8080/a, http://127.0.0.1:8081/a, false"
  })
  void sameOrigin_schemeHostAndPort(String a, String b, boolean same) {
    assertThat(Redirects.sameOrigin(URI.create(a), URI.create(b))).isEqualTo(same);
  }

  @Test
  void isCredential_knownAndMarkedHeaders_anyCase() {
    Set<String> marked = Set.of("x-api-key");

    assertThat(Redirects.isCredential("Authorization", marked)).isTrue();
    assertThat(Redirects.isCredential("COOKIE", marked)).isTrue();
    assertThat(Redirects.isCredential("Proxy-Authorization", marked)).isTrue();
    assertThat(Redirects.isCredential("X-Api-Key", marked)).isTrue();
    assertThat(Redirects.isCredential("X-Client", marked)).isFalse();
    assertThat(Redirects.isCredential("Accept", Set.of())).isFalse();
  }

  @Test
  void hostAndPort_defaultPorts() {
    assertThat(Redirects.hostAndPort(HTTPS)).isEqualTo("cdn.example.com:443");
    assertThat(Redirects.hostAndPort(HTTP)).isEqualTo("cdn.example.com:80");
    assertThat(Redirects.hostAndPort(URI.create("http://127.0.0.1:18099/f")))
        .isEqualTo("127.0.0.1:18099");
  }
}
