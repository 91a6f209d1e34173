package dev.flags.spring;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.Context;
import dev.flags.Flags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/flags} on a real embedded server, behind the docs' Spring Security
 * configuration, with writes enabled: reads, each write with what it changed and its audit line,
 * and the refusals of callers without the operator role.
 */
@WebAppTest
final class FlagsEndpointTest {
  private static final Context USER = Context.of("user-1");

  @LocalServerPort
  int port;

  @Autowired
  Flags flags;

  Http http;
  AuditLines audit;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    audit = new AuditLines();
  }

  @AfterEach
  void tearDown() {
    audit.close();
    flags.restore("new-checkout");
    flags.restoreTag("payments");
    flags.clearOverride("banner");
    flags.unpin();
  }

  private Http.Response operator(String action, String body) {
    return http.post("/actuator/flags/" + action, body, "alice", "alice-pw");
  }

  @Test
  void read_listsStatusFlagsAndHistory() {
    Http.Response r = http.get("/actuator/flags", "bob", "bob-pw");

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.at("/status/state").asText()).isEqualTo("READY");
    assertThat(body.at("/status/sources/0/name").asText())
        .isEqualTo("classpath:flags/test-defaults.json");
    assertThat(body.at("/flags/new-checkout/owner").asText()).isEqualTo("team-payments");
    assertThat(body.at("/flags/new-checkout/tags/0").asText()).isEqualTo("payments");
    assertThat(body.at("/flags/banner/variants").toString()).isEqualTo("[\"plain\",\"sale\"]");
    assertThat(body.at("/history/0/source").asText()).isNotEmpty();
    assertThat(body.at("/writesEnabled").asBoolean()).isTrue();
  }

  @Test
  void readOneFlag_or404() {
    assertThat(http.get("/actuator/flags/banner", "bob", "bob-pw")
            .json()
            .at("/description")
            .asText())
        .isEqualTo("Checkout banner text");
    assertThat(http.get("/actuator/flags/no-such-flag", "bob", "bob-pw").status())
        .isEqualTo(404);
  }

  @Test
  void read_needsAuthentication() {
    assertThat(http.get("/actuator/flags").status()).isEqualTo(401);
  }

  @Test
  void kill_thenRestore_changeWhatIsServed_andAreAudited() {
    Http.Response kill = operator("kill", "{\"flag\":\"new-checkout\",\"reason\":\"INC-7\"}");

    assertThat(kill.status()).isEqualTo(200);
    assertThat(kill.json().at("/changed").asBoolean()).isTrue();
    assertThat(kill.json().at("/served").asBoolean()).isTrue();
    assertThat(kill.json().at("/operator").asText()).isEqualTo("alice");
    assertThat(kill.json().at("/reason").asText())
        .isEqualTo("INC-7 (by alice via /actuator/flags)");
    assertThat(flags.isEnabled("new-checkout", USER)).isFalse();
    assertThat(flags.status().killedFlags())
        .containsEntry("new-checkout", "INC-7 (by alice via /actuator/flags)");
    assertThat(operator("kill", "{\"flag\":\"new-checkout\"}")
            .json()
            .at("/changed")
            .asBoolean())
        .isFalse();

    Http.Response restore = operator("restore", "{\"flag\":\"new-checkout\"}");

    assertThat(restore.json().at("/changed").asBoolean()).isTrue();
    assertThat(flags.isEnabled("new-checkout", USER)).isTrue();
    assertThat(audit.lines())
        .anyMatch(l -> l.startsWith("kill flag=new-checkout reason=\"INC-7 (by alice"))
        .contains("actuator action=kill by=alice flag=new-checkout reason=\"INC-7\" changed=true"
            + " version=defaults-1")
        .contains("actuator action=restore by=alice flag=new-checkout changed=true"
            + " version=defaults-1");
  }

  @Test
  void kill_ofAFlagNotServed_saysItWaitsForIt() {
    Http.Response kill = operator("kill", "{\"flag\":\"new-chekout\",\"reason\":\"typo\"}");

    assertThat(kill.status()).isEqualTo(200);
    assertThat(kill.json().at("/served").asBoolean()).isFalse();
    assertThat(flags.restore("new-chekout")).isTrue();
  }

  @Test
  void killTag_thenRestoreTag() {
    Http.Response kill = operator("kill-tag", "{\"tag\":\"payments\",\"reason\":\"outage\"}");

    assertThat(kill.json().at("/flags").toString()).isEqualTo("[\"new-checkout\"]");
    assertThat(kill.json().at("/changed").asBoolean()).isTrue();
    assertThat(flags.isEnabled("new-checkout", USER)).isFalse();

    assertThat(operator("restore-tag", "{\"tag\":\"payments\"}")
            .json()
            .at("/changed")
            .asBoolean())
        .isTrue();
    assertThat(flags.isEnabled("new-checkout", USER)).isTrue();
  }

  @Test
  void override_forSomeKeys_thenClear() {
    Http.Response r = operator(
        "override", "{\"flag\":\"banner\",\"variant\":\"plain\",\"keys\":\"user-1, user-3\"}");

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().at("/keys").toString()).isEqualTo("[\"user-1\",\"user-3\"]");
    assertThat(flags.getString("banner", USER, "?")).isEqualTo("Welcome");
    assertThat(flags.getString("banner", Context.of("user-2"), "?")).isEqualTo("Sale today");

    assertThat(operator("clear-override", "{\"flag\":\"banner\"}")
            .json()
            .at("/changed")
            .asBoolean())
        .isTrue();
    assertThat(flags.getString("banner", USER, "?")).isEqualTo("Sale today");
  }

  @Test
  void rollback_pinsThePreviousVersion_untilUnpin() {
    flags.load(doc("programmatic-2", onOff("extra", "on")));
    String latest = flags.snapshot().version();

    Http.Response rollback = operator("rollback", "{}");

    assertThat(rollback.status()).isEqualTo(200);
    assertThat(rollback.json().at("/from").asText()).isEqualTo(latest);
    assertThat(rollback.json().at("/pinnedVersion").asText())
        .isEqualTo(rollback.json().at("/to").asText());
    assertThat(flags.status().isPinned()).isTrue();

    Http.Response unpin = operator("unpin", "");

    assertThat(unpin.json().at("/changed").asBoolean()).isTrue();
    assertThat(unpin.json().at("/version").asText()).isEqualTo(latest);
    assertThat(flags.status().isPinned()).isFalse();
  }

  @Test
  void badRequests_answer400_andChangeNothing() {
    Http.Response missing = operator("kill", "{}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/error").asText())
        .isEqualTo("kill needs 'flag' in the request body");

    Http.Response unknown = operator("explode", "{}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error").asText())
        .isEqualTo("unknown action 'explode'; the actions are kill, restore, kill-tag,"
            + " restore-tag, override, clear-override, rollback, unpin");

    Http.Response variant = operator("override", "{\"flag\":\"banner\",\"variant\":\"neon\"}");
    assertThat(variant.status()).isEqualTo(400);
    assertThat(variant.json().at("/error").asText()).contains("neon");

    Http.Response version = operator("rollback", "{\"version\":\"never-was\"}");
    assertThat(version.status()).isEqualTo(400);
    assertThat(flags.status().killedFlags()).isEmpty();
    assertThat(flags.status().overriddenFlags()).isEmpty();
    assertThat(audit.lines())
        .contains(
            "actuator action=kill by=alice failed: kill needs 'flag'" + " in the request body");
  }

  @Test
  void writes_needTheOperatorRole() {
    Http.Response anonymous =
        http.post("/actuator/flags/kill", "{\"flag\":\"new-checkout\"}", null, null);
    Http.Response bob =
        http.post("/actuator/flags/kill", "{\"flag\":\"new-checkout\"}", "bob", "bob-pw");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(bob.status()).isEqualTo(403);
    assertThat(flags.isEnabled("new-checkout", USER)).isTrue();
  }

  @Test
  void health_isUpWithDetails_andNoSecrets() {
    Http.Response r = http.get("/actuator/health/flags");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/status").asText()).isEqualTo("UP");
    assertThat(r.json().at("/details/state").asText()).isEqualTo("READY");
    assertThat(r.json().at("/details/version").asText()).isEqualTo("defaults-1");
  }
}
