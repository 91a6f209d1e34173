package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.flags.sources.FileSource;
import dev.flags.sources.MemorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documents in examples/ behave as their descriptions and examples/README.md say. */
final class ExamplesTest {
  private static final Path EXAMPLES = Path.of("../examples");

  private static Flags client(String example, MutableClock clock) {
    return Flags.newBuilder()
        .clock(clock)
        .documentFile(EXAMPLES.resolve(example))
        .build();
  }

  private static Context user(int i) {
    return Context.newBuilder("user-" + i).set("appVersion", "5.4.0").build();
  }

  private static double shareOn(Flags flags, String flag) {
    int on = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      if (flags.isEnabled(flag, user(i))) {
        on++;
      }
    }
    return 100.0 * on / n;
  }

  @Test
  void checkoutRollout_stepsRaiseTheShareDayByDayAndEveryoneKeepsWhatTheyHad() {
    MutableClock clock = MutableClock.at("2027-01-10T12:00:00Z");
    try (Flags flags = client("checkout-rollout.json", clock)) {
      assertThat(shareOn(flags, "new-checkout")).isZero();
      Set<String> before = new HashSet<>();
      double[] expected = {1, 5, 25, 100};
      String[] days = {
        "2027-01-11T09:00:00Z",
        "2027-01-12T09:00:00Z",
        "2027-01-13T09:00:00Z",
        "2027-01-14T09:00:00Z"
      };
      for (int step = 0; step < days.length; step++) {
        clock.set(days[step]);
        flags.refreshSchedules();

        assertThat(shareOn(flags, "new-checkout"))
            .as("share on at " + days[step])
            .isCloseTo(expected[step], offset(0.5));
        Set<String> now = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
          if (flags.isEnabled("new-checkout", user(i))) {
            now.add("user-" + i);
          }
        }
        assertThat(now.containsAll(before)).as("nobody loses the new checkout").isTrue();
        before = now;
      }
    }
  }

  @Test
  void checkoutRollout_staffFirstMerchantsWaitOldAppsStay() {
    MutableClock clock = MutableClock.at("2027-01-10T12:00:00Z");
    try (Flags flags = client("checkout-rollout.json", clock)) {
      Context staff =
          Context.newBuilder("u-1").set("email", "Dana@Shop.Example").build();
      Evaluation e = flags.evaluate("new-checkout", staff);
      assertThat(e.value()).isEqualTo(true);
      assertThat(e.ruleId()).isEqualTo("staff-first");
      assertThat(flags.isEnabled("new-checkout", Context.of("qa-checkout-2"))).isTrue();

      clock.set("2027-01-14T09:00:00Z");
      flags.refreshSchedules();
      assertThat(flags.evaluate("new-checkout", Context.of("merchant-0042")).ruleId())
          .isEqualTo("merchants-wait");
      Context oldApp = Context.newBuilder("u-2").set("appVersion", "5.1.9").build();
      assertThat(flags.evaluate("new-checkout", oldApp).ruleId()).isEqualTo("old-apps-stay");
      assertThat(flags.isEnabled("new-checkout", user(7))).isTrue();
      assertThat(flags.getInt("checkout-retry-limit", user(7), -1)).isEqualTo(3);
      assertThat(flags.getInt("checkout-retry-limit", oldApp, -1)).isEqualTo(1);
    }
  }

  @Test
  void checkoutRollout_paymentsKilled_newCheckoutFailsItsPrerequisite() {
    MutableClock clock = MutableClock.at("2027-01-20T00:00:00Z");
    try (Flags flags = client("checkout-rollout.json", clock)) {
      flags.kill("payments-kill-switch", "processor outage");

      Evaluation e = flags.evaluate("new-checkout", user(1));
      assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
      assertThat(e.prerequisiteKey()).isEqualTo("payments-kill-switch");
    }
  }

  @Test
  void maintenanceWindow_noticeTheDayBeforeThenReadOnlyThenBackWithoutAnyone() {
    MutableClock clock = MutableClock.at("2027-01-14T12:00:00Z");
    Context visitor = Context.of("visitor-1");
    Context anonymous = Context.EMPTY;
    try (Flags flags = client("maintenance-window.json", clock)) {
      assertThat(flags.isEnabled("maintenance-mode", visitor)).isFalse();
      assertThat(flags.evaluate("maintenance-notice", visitor).variant()).isEqualTo("none");

      clock.set("2027-01-15T02:00:00Z");
      flags.refreshSchedules();
      assertThat(flags.evaluate("maintenance-notice", anonymous).variant()).isEqualTo("upcoming");
      assertThat(flags.isEnabled("maintenance-mode", anonymous)).isFalse();

      clock.set("2027-01-16T02:00:00Z");
      flags.refreshSchedules();
      assertThat(flags.isEnabled("maintenance-mode", anonymous)).isTrue();
      assertThat(flags.isEnabled("maintenance-mode", visitor)).isTrue();
      assertThat(flags.isEnabled("maintenance-mode", Context.of("migration-runner")))
          .isFalse();
      assertThat(flags.evaluate("maintenance-notice", visitor).variant()).isEqualTo("none");

      clock.set("2027-01-16T04:00:00Z");
      flags.refreshSchedules();
      Evaluation after = flags.evaluate("maintenance-mode", visitor);
      assertThat(after.value()).isEqualTo(false);
      assertThat(after.reason()).isEqualTo(Reason.OUTSIDE_SCHEDULE);
    }
  }

  @Test
  void tenantKillSwitch_listedTenantsOffOthersOnAndRankingSameForATenantsUsers() {
    MutableClock clock = MutableClock.at("2027-01-20T00:00:00Z");
    try (Flags flags = client("tenant-kill-switch.json", clock)) {
      Context acme = Context.newBuilder("u-1").set("tenant", "acme").build();
      Context initech = Context.newBuilder("u-2").set("tenant", "initech").build();
      assertThat(flags.evaluate("search", acme).ruleId()).isEqualTo("tenant-killed");
      assertThat(flags.isEnabled("search", acme)).isFalse();
      assertThat(flags.isEnabled("search", initech)).isTrue();
      assertThat(flags.evaluate("search-ranking-v2", acme).reason())
          .isEqualTo(Reason.PREREQUISITE_FAILED);

      Map<String, String> rankingByTenant = new HashMap<>();
      int v2 = 0;
      for (int t = 0; t < 2_000; t++) {
        String tenant = "tenant-" + t;
        for (int u = 0; u < 3; u++) {
          Context c =
              Context.newBuilder(tenant + "-user-" + u).set("tenant", tenant).build();
          String ranking = flags.getString("search-ranking-v2", c, "?");
          String first = rankingByTenant.putIfAbsent(tenant, ranking);
          assertThat(first == null ? ranking : first).as(tenant).isEqualTo(ranking);
        }
        v2 += rankingByTenant.get(tenant).equals("learned") ? 1 : 0;
      }
      assertThat(100.0 * v2 / 2_000).isCloseTo(20, offset(3.0));

      flags.kill("search", "index corrupted everywhere");
      assertThat(flags.isEnabled("search", initech)).isFalse();
    }
  }

  @Test
  void incidentPlaybook_asTheTopLayer_switchesPaymentsOffAndDeletingItRestores(@TempDir Path dir)
      throws IOException {
    MutableClock clock = MutableClock.at("2027-01-20T00:00:00Z");
    Path override = dir.resolve("flags-override.json");
    try (Flags flags = Flags.newBuilder()
        .clock(clock)
        .source(
            MemorySource.of("central", Files.readString(EXAMPLES.resolve("checkout-rollout.json"))))
        .source(FileSource.newBuilder(override).optional().build())
        .build()) {
      assertThat(flags.isEnabled("new-checkout", user(1))).isTrue();
      assertThat(flags.getInt("checkout-retry-limit", user(1), -1)).isEqualTo(3);

      Files.copy(EXAMPLES.resolve("incident-playbook.json"), override);
      flags.refreshSources();

      assertThat(flags.version()).isEqualTo("checkout-2027-01-11.1+incident-INC-4711");
      assertThat(flags.evaluate("payments-kill-switch", user(1)).reason())
          .isEqualTo(Reason.DISABLED);
      assertThat(flags.evaluate("new-checkout", user(1)).reason())
          .isEqualTo(Reason.PREREQUISITE_FAILED);
      assertThat(flags.getInt("checkout-retry-limit", user(1), -1)).isZero();
      assertThat(flags.getJson("degraded-banner", user(1), "{}")).contains("\"show\":true");

      Files.delete(override);
      flags.refreshSources();

      assertThat(flags.version()).isEqualTo("checkout-2027-01-11.1");
      assertThat(flags.isEnabled("new-checkout", user(1))).isTrue();
      assertThat(flags.evaluate("degraded-banner", user(1)).errorCode())
          .isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    }
  }
}
