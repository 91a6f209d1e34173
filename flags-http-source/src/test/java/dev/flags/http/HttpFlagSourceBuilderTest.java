package dev.flags.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HttpFlagSourceBuilderTest {
  private static final URI URL = URI.create("https://cdn.example.com/flags.json");

  @Test
  void pollInterval_belowOneSecond_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).pollInterval(Duration.ofMillis(999)))
        .withMessage("poll interval must be at least PT1S but was PT0.999S"
            + " (use pollNow() to fetch at once)");
  }

  @Test
  void pollInterval_oneSecond_accepted() {
    HttpFlagSource source =
        HttpFlagSource.newBuilder(URL).pollInterval(Duration.ofSeconds(1)).build();
    source.close();
  }

  @Test
  void jitter_negative_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).jitter(Duration.ofMillis(-1)))
        .withMessage("jitter must not be negative but was PT-0.001S");
  }

  @Test
  void build_jitterAboveInterval_throws() {
    HttpFlagSource.Builder b = HttpFlagSource.newBuilder(URL)
        .pollInterval(Duration.ofSeconds(5))
        .jitter(Duration.ofSeconds(6));
    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage("jitter PT6S exceeds the poll interval PT5S");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/flags.json",
        "file:///etc/flags.json",
        "/flags.json",
        "mailto:ops@example.com"
      })
  void newBuilder_notHttp_throws(String url) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URI.create(url)))
        .withMessageStartingWith("URL must be http or https but was ");
  }

  @Test
  void newBuilder_noHost_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URI.create("http:/flags.json")))
        .withMessage("URL must name a host but was http:/flags.json");
  }

  @Test
  void newBuilder_credentialsInUrl_redactedFromMessage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(
            URI.create("ftp://user:hunter2@example.com/flags.json?token=hunter3")))
        .withMessageNotContaining("hunter2")
        .withMessageNotContaining("hunter3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"If-None-Match", "if-modified-since", "Accept-Encoding", "Last-Event-ID"})
  void header_setBySource_throws(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).header(name, "x"))
        .withMessage("header " + name + " is set by the source itself");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Host", "Connection", "Content-Length", "Upgrade", "Expect"})
  void header_restrictedByHttpClient_throws(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).header(name, "x"))
        .withMessage("header " + name + " cannot be set: restricted by java.net.http");
  }

  @Test
  void header_invalidName_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).header("Bad Name", "x"))
        .withMessageStartingWith("invalid header 'Bad Name': ");
  }

  @Test
  void header_invalidValue_valueNotInMessage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).header("Authorization", "t0k\nen"))
        .withMessageNotContaining("t0k");
  }

  @Test
  void backoff_maxBelowInitial_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            HttpFlagSource.newBuilder(URL).backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .withMessage("max backoff PT1S is below initial backoff PT2S");
  }

  @Test
  void timeouts_zeroOrNegative_throw() {
    HttpFlagSource.Builder b = HttpFlagSource.newBuilder(URL);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.requestTimeout(Duration.ZERO))
        .withMessage("request timeout must be positive but was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1)))
        .withMessage("connect timeout must be positive but was PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.operatorErrorDelay(Duration.ZERO))
        .withMessage("operator error delay must be positive but was PT0S");
  }

  @Test
  void maxBodyBytes_zero_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).maxBodyBytes(0))
        .withMessage("max body bytes must be at least 1 but was 0");
  }

  @Test
  void name_queryAndUserInfo_redacted() {
    HttpFlagSource source = HttpFlagSource.newBuilder(
            URI.create("https://bob:pw@cdn.example.com:8443/a/flags.json?sig=abc"))
        .build();
    try {
      assertThat(source.name()).isEqualTo("https://cdn.example.com:8443/a/flags.json?...");
      assertThat(source.toString()).doesNotContain("sig=abc").doesNotContain("pw");
    } finally {
      source.close();
    }
  }

  @Test
  void httpClient_followsRedirects_throws() {
    HttpClient following =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).httpClient(following))
        .withMessageStartingWith("the HTTP client must not follow redirects but follows NORMAL")
        .withMessageContaining("HttpClient.Redirect.NEVER");
  }

  @Test
  void httpClient_neverFollowsRedirects_accepted() {
    HttpFlagSource source =
        HttpFlagSource.newBuilder(URL).httpClient(HttpClient.newHttpClient()).build();
    source.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"If-None-Match", "Host"})
  void sensitiveHeader_checkedLikeHeader(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).sensitiveHeader(name, "x"))
        .withMessageStartingWith("header " + name);
  }

  @Test
  void maxRetryAfter_negativeOrOverADay_throws() {
    HttpFlagSource.Builder b = HttpFlagSource.newBuilder(URL);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.maxRetryAfter(Duration.ofSeconds(-1)))
        .withMessage("max Retry-After must not be negative but was PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.maxRetryAfter(Duration.ofDays(2)))
        .withMessage("max Retry-After must be at most 1 day but was PT48H");
    b.maxRetryAfter(Duration.ZERO).build().close();
  }

  @Test
  void durations_overADay_throw() {
    HttpFlagSource.Builder b = HttpFlagSource.newBuilder(URI.create("http://127.0.0.1/f"));
    assertThatThrownBy(() -> b.pollInterval(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poll interval must be at most 1 day but was PT48H");
    assertThatThrownBy(() -> b.backoff(Duration.ofSeconds(1), Duration.ofDays(400)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max backoff must be at most 1 day but was PT9600H");
  }

  @Test
  void notifications_notHttp_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL)
            .notifications(URI.create("ws://relay.example.com/flags")))
        .withMessage("URL must be http or https but was ws://relay.example.com/flags");
  }

  @Test
  void notificationSetting_withoutNotifications_throwsNamingIt() {
    HttpFlagSource.Builder b =
        HttpFlagSource.newBuilder(URL).notificationReadTimeout(Duration.ofSeconds(30));

    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage("notificationReadTimeout(Duration) is set but notifications are not:"
            + " give the stream's URL with notifications(URI)");
  }

  @Test
  void backstopInterval_shorterThanThePollInterval_throws() {
    HttpFlagSource.Builder b = HttpFlagSource.newBuilder(URL)
        .notifications(URI.create("https://relay.example.com/flags"))
        .pollInterval(Duration.ofMinutes(1))
        .backstopInterval(Duration.ofSeconds(30));

    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage("backstop interval PT30S is shorter than the poll interval PT1M: polls"
            + " while notifications are up would be more frequent than without them");
  }

  @Test
  void notificationDelay_negative_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL).notificationDelay(Duration.ofMillis(-1)))
        .withMessage("notification delay must not be negative but was PT-0.001S");
  }

  @Test
  void notificationBackoff_maxBelowInitial_throws() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpFlagSource.newBuilder(URL)
            .notificationBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .withMessage("max notification backoff PT1S is below initial notification backoff PT2S");
  }

  @Test
  void notificationTimes_zeroOrOverADay_throw() {
    HttpFlagSource.Builder b = HttpFlagSource.newBuilder(URL);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.notificationReadTimeout(Duration.ZERO))
        .withMessage("notification read timeout must be positive but was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.backstopInterval(Duration.ofDays(2)))
        .withMessage("backstop interval must be at most 1 day but was PT48H");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.notificationDelay(Duration.ofDays(2)))
        .withMessage("notification delay must be at most 1 day but was PT48H");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.notificationBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .withMessage("initial notification backoff must be positive but was PT0S");
  }

  @Test
  void notifications_allSettings_builtAndClosedWithoutStarting() {
    HttpFlagSource source = HttpFlagSource.newBuilder(URL)
        .notifications(URI.create("https://relay.example.com/flags"))
        .notificationDelay(Duration.ZERO)
        .backstopInterval(Duration.ofMinutes(10))
        .notificationReadTimeout(Duration.ofSeconds(30))
        .notificationBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1))
        .build();

    assertThat(source.stats().notificationsConnectedSince()).isNull();
    source.close();
    source.close();
  }
}
