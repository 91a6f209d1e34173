package dev.flags.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Flags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** By default the endpoint only reads: a write, even by an operator, is refused and audited. */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "flags.sources[0].classpath=flags/test-defaults.json",
      "management.endpoints.web.exposure.include=health,flags"
    })
final class FlagsEndpointWritesOffTest {
  @LocalServerPort
  int port;

  @Autowired
  Flags flags;

  @Test
  void write_isRefusedWith403_andChangesNothing() {
    try (AuditLines audit = new AuditLines()) {
      Http.Response r = new Http(port)
          .post("/actuator/flags/kill", "{\"flag\":\"new-checkout\"}", "alice", "alice-pw");

      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().at("/error").asText())
          .isEqualTo("write operations are off: set flags.endpoint.writes-enabled=true, after"
              + " securing /actuator/flags");
      assertThat(flags.isEnabled("new-checkout", Context.of("u"))).isTrue();
      assertThat(audit.lines())
          .containsExactly(
              "actuator action=kill by=alice refused:" + " flags.endpoint.writes-enabled is false");
    }
  }

  @Test
  void reads_stillWork_andSayWritesAreOff() {
    Http.Response r = new Http(port).get("/actuator/flags", "bob", "bob-pw");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/writesEnabled").asBoolean()).isFalse();
    assertThat(r.json().at("/flags/new-checkout/killed").asBoolean()).isFalse();
  }
}
