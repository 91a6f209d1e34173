package dev.flags.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample, started as it ships, answers over real HTTP; the guide quotes its code. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class SampleApplicationTest {
  @LocalServerPort
  int port;

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void checkout_answersFromTheFlags() throws Exception {
    assertThat(get("/checkout"))
        .contains("\"checkout\":\"new\"")
        .contains("\"banner\":\"Sale today\"")
        .contains("\"flagsVersion\":\"defaults-1\"");
  }

  @Test
  void healthAndEndpoint_areExposed() throws Exception {
    assertThat(get("/actuator/health/flags")).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/flags"))
        .contains("\"new-checkout\"")
        .contains("\"writesEnabled\":false");
  }

  @Test
  void guide_quotesTheControllerAndTheDependency() throws IOException {
    String guide = Files.readString(Path.of("../../docs/spring-boot.md"));
    assertThat(guide)
        .contains("```java\n"
            + region(
                Path.of("src/main/java/dev/flags/sample/CheckoutController.java"), "// snippet:")
            + "```");
    assertThat(guide).contains("```xml\n" + region(Path.of("pom.xml"), "<!-- snippet:") + "```");
  }

  /** The lines between a snippet marker and its end, without the marker's indentation. */
  private static String region(Path file, String marker) throws IOException {
    List<String> lines = Files.readAllLines(file);
    StringBuilder region = new StringBuilder();
    int indent = -1;
    for (String line : lines) {
      if (indent < 0 && line.strip().startsWith(marker)) {
        indent = line.indexOf(line.strip());
      } else if (indent >= 0 && line.contains("end snippet")) {
        break;
      } else if (indent >= 0) {
        region
            .append(line.length() > indent ? line.substring(indent) : line.strip())
            .append('\n');
      }
    }
    assertThat(region).as("snippet in " + file).isNotEmpty();
    return region.toString();
  }
}
