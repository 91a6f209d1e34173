package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.RecordingLogs.Line;
import dev.flags.sources.ClasspathSource;
import dev.flags.sources.FileSource;
import dev.flags.sources.MemorySource;
import dev.flags.spi.FlagSource;
import dev.flags.testsupport.Docs;
import dev.flags.testsupport.Snippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code of docs/operations.md, section by section: each test holds a snippet verbatim (between
 * the "snippet" comments) and checks that it does what the guide says.
 */
final class OperationsDocSnippetsTest {
  private static final Logger log = LoggerFactory.getLogger("myapp.flags");
  private static final Context user = Context.newBuilder("user-42")
      .set("country", "NZ")
      .set("appVersion", "2.3.0")
      .build();

  @TempDir
  Path dir;

  /** Stands in for the remote source (e.g. an HttpFlagSource) of the guide. */
  private final MemorySource remoteSource = MemorySource.of(
      "remote",
      Docs.doc("remote-118", Docs.onOff("payments-kill-switch", "on", "'tags': ['payments']")));

  private Flags layeredClient(Path overrideFile) {
    FlagSource remote = remoteSource;
    // snippet: layering
    Flags flags = Flags.newBuilder()
        .name("checkout-service")                               // thread names, audit lines
        .source(ClasspathSource.of("flags/defaults.json"))      // 1. bootstrap, shipped in the jar
        .source(remote)                                         // 2. the remote document
        .source(FileSource.newBuilder(overrideFile)             // 3. an operator's override file
            .optional()
            .pollInterval(Duration.ofSeconds(1))
            .build())
        .build();
    if (!flags.awaitReady(Duration.ofSeconds(5))) {
      log.warn("flags not ready, serving defaults: {}", flags.status());
    }
    // end snippet
    return flags;
  }

  @Test
  void layering_threeLayers_mergedAndReady() throws IOException {
    Path overrideFile = dir.resolve("flags-override.json");
    try (Flags flags = layeredClient(overrideFile)) {
      assertThat(flags.version()).isEqualTo("2026-11-22.1+remote-118");
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);

      Files.writeString(overrideFile, Docs.doc("hotfix-1", Docs.onOff("legacy-export", "on")));
      flags.refreshSources();
      assertThat(flags.version()).isEqualTo("2026-11-22.1+remote-118+hotfix-1");
    }
  }

  @Test
  void status_snippet_logsSourcesWhenNotReady() {
    try (Flags flags = Flags.newBuilder()
        .documentResource("flags/defaults.json")
        .source(TestSource.silent("remote"))
        .build()) {
      // snippet: status
      Status status = flags.status();
      if (status.state() != Status.State.READY) {
        for (SourceStatus source : status.sources()) {
          log.warn("flag source {}", source);   // e.g. "remote=ERROR lastError=[NETWORK at ...]"
        }
      }
      flags.addStatusListener(s -> log.info("flags are {} at version {}", s.state(), s.version()));
      // end snippet
      assertThat(status.state()).isEqualTo(Status.State.STALE);
    }
  }

  @Test
  void killSwitches_snippet() {
    try (Flags flags =
        Flags.newBuilder().documentResource("flags/defaults.json").build()) {
      // snippet: kill
      flags.kill("new-checkout", "INC-4711: card processor outage");
      List<String> stopped = flags.killTag("payments", "INC-4712: fraud spike");
      // ... later
      flags.restore("new-checkout");   // a flag killed by tag stays killed until restoreTag
      flags.restoreTag("payments");
      // end snippet
      assertThat(stopped).containsExactly("new-checkout", "payments-kill-switch");
      assertThat(flags.evaluate("new-checkout", user).reason()).isNotEqualTo(Reason.KILLED);
    }
  }

  @Test
  void overrides_snippet() {
    try (Flags flags =
        Flags.newBuilder().documentResource("flags/defaults.json").build()) {
      // snippet: override
      flags.override("search-ranking", "classic");                    // everyone
      flags.override("new-checkout", "on", List.of("qa-1", "qa-2"));  // these context keys only
      // ... later
      flags.clearOverride("new-checkout");
      // end snippet
      assertThat(flags.evaluate("search-ranking", user).reason()).isEqualTo(Reason.OVERRIDE);
      assertThat(flags.status().overriddenFlags()).containsExactly("search-ranking");
    }
  }

  @Test
  void killOfAnUnknownKey_snippet_warnsAndWaitsForTheFlag() {
    int mark = RecordingLogs.mark();
    try (Flags flags =
        Flags.newBuilder().documentResource("flags/defaults.json").build()) {
      String keyFromTheIncidentChannel = "new-chekout";
      // snippet: kill-check
      if (!flags.kill(keyFromTheIncidentChannel, "INC-4711")) {
        log.warn("{} is not a flag of version {}: check the key", keyFromTheIncidentChannel, flags.version());
      }
      // end snippet
      assertThat(flags.status().killedFlags()).containsKey("new-chekout");
      assertThat(RecordingLogs.auditSince(mark))
          .anySatisfy(line -> assertThat(line.message())
              .contains("new-chekout")
              .contains("(not in the served document; applies if it appears)"));
      assertThat(flags.kill("new-checkout", "INC-4711")).isTrue();
    }
  }

  @Test
  void details_snippet_reportsTheErrorAndServesTheDefault() {
    try (Flags flags = Flags.newBuilder()
        .document(Docs.doc("d1", Docs.abc("checkout-retry-limit", "a")))
        .build()) {
      // snippet: detail
      Detail<Integer> retries = flags.intDetail("checkout-retry-limit", user, 3);
      if (retries.errorCode() != null) {
        log.debug("checkout-retry-limit: {} (using {})", retries.errorCode(), retries.value());
      }
      // end snippet
      assertThat(retries.value()).isEqualTo(3);
      assertThat(retries.usedDefault()).isTrue();
      assertThat(retries.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
      assertThat(flags.intDetail("checkout-retry-limit", user, 3)).isSameAs(retries);
    }
  }

  @Test
  void requestPinning_snippet() {
    try (Flags flags =
        Flags.newBuilder().documentResource("flags/defaults.json").build()) {
      // snippet: pinning
      FlagSnapshot request = flags.snapshot();   // once per request
      boolean newCheckout = request.isEnabled("new-checkout", user);
      String ranking = request.getString("search-ranking", user, "bm25");
      int retries = request.getInt("checkout-retry-limit", user, 3);
      // all three answers come from request.version(), whatever reloads or kills happen meanwhile
      // end snippet
      assertThat(newCheckout).isTrue();
      assertThat(ranking).isEqualTo("bm25");
      assertThat(retries).isEqualTo(3);
    }
  }

  /** The schedule example of the guide, verbatim. */
  static final String SCHEDULES = """
      {
        "schema": 1,
        "version": "2026-11-20.3",
        "flags": {
          "black-friday-banner": {
            "variants": { "on": true, "off": false },
            "offVariant": "off",
            "schedule": [{ "from": "2026-11-27T00:00:00Z", "until": "2026-11-30T00:00:00Z" }],
            "fallthrough": { "variant": "on" }
          },
          "checkout-promo": {
            "variants": { "none": "", "free-shipping": "FREESHIP" },
            "offVariant": "none",
            "rules": [{
              "id": "nz-weekend",
              "conditions": [{ "attribute": "country", "op": "equals", "value": "NZ" }],
              "variant": "free-shipping",
              "schedule": [{ "from": "2026-11-28T00:00:00+13:00", "until": "2026-11-30T00:00:00+13:00" }]
            }],
            "fallthrough": { "variant": "none" }
          },
          "new-search": {
            "variants": { "on": true, "off": false },
            "offVariant": "off",
            "fallthrough": {
              "rollout": {
                "variants": [{ "variant": "on", "weight": 1000 }, { "variant": "off", "weight": 99000 }],
                "steps": [
                  { "at": "2026-12-01T09:00:00Z", "weights": [5000, 95000] },
                  { "at": "2026-12-03T09:00:00Z", "weights": [25000, 75000] },
                  { "at": "2026-12-07T09:00:00Z", "weights": [100000, 0] }
                ]
              }
            }
          }
        }
      }
      """;

  @Test
  void schedules_example_validAndSwapsAtBoundaries() {
    MutableClock clock = MutableClock.at("2026-11-26T00:00:00Z");
    try (Flags flags = Flags.newBuilder().clock(clock).document(SCHEDULES).build()) {
      assertThat(flags.evaluate("black-friday-banner", user).reason())
          .isEqualTo(Reason.OUTSIDE_SCHEDULE);
      clock.set("2026-11-28T00:00:00Z");
      assertThat(flags.refreshSchedules()).isTrue();
      assertThat(flags.isEnabled("black-friday-banner", user)).isTrue();
      assertThat(flags.getString("checkout-promo", user, "?")).isEqualTo("FREESHIP");
      clock.set("2026-12-08T00:00:00Z");
      flags.refreshSchedules();
      assertThat(flags.isEnabled("new-search", user)).isTrue();
      assertThat(flags.isEnabled("black-friday-banner", user)).isFalse();
    }
  }

  @Test
  void history_snippet() {
    MemorySource remote =
        MemorySource.of("remote", Docs.doc("2026-11-22.1", Docs.onOff("new-checkout", "off")));
    try (Flags flags = Flags.newBuilder().source(remote).build()) {
      remote.update(Docs.doc("2026-11-22.2", Docs.onOff("new-checkout", "on")));
      // snippet: rollback
      for (HistoryEntry h : flags.history()) {   // newest first
        log.info("{}", h);   // "2026-11-22.2 from remote at 2026-11-22T09:14:03Z: added=[] ..."
      }
      flags.rollback();                  // serve the previous snapshot and pin it
      flags.rollbackTo("2026-11-22.1");  // or a given version from history
      // newer documents are validated and recorded, but not served, until:
      flags.unpin();
      // end snippet
      assertThat(flags.version()).isEqualTo("2026-11-22.2");
    }
  }

  @Test
  void changeEvents_snippet() {
    ChangeEventTest.Recorder recorder = new ChangeEventTest.Recorder();
    try (Flags flags = Flags.newBuilder()
        .onChange(recorder)
        .documentResource("flags/defaults.json")
        .build()) {
      // snippet: events
      flags.addChangeListener(event -> log.info("flags {} -> {} ({} from {}): added={}"
              + " removed={} changed={}", event.oldVersion(), event.newVersion(), event.cause(),
          event.source(), event.added(), event.removed(), event.changed()));
      // end snippet
      assertThat(recorder.await(1).get(0).newVersion()).isEqualTo("2026-11-22.1");
    }
  }

  @Test
  void close_snippet() {
    // snippet: close
    try (Flags flags = Flags.newBuilder().documentResource("flags/defaults.json").build()) {
      serveRequests(flags);
    } // close(): stops sources, the scheduler and listener threads; waits at most ~2 s
    // end snippet
  }

  private static void serveRequests(Flags flags) {
    assertThat(flags.isEnabled("new-checkout", user)).isTrue();
  }

  @Test
  void watching_metricsAndExposures_snippet() {
    Logger exposures = LoggerFactory.getLogger("myapp.exposures");
    // snippet: metrics
    Flags flags = Flags.newBuilder()
        .metrics(true)                                   // count evaluations (off by default)
        .onExposure(e -> exposures.info("{} saw {}={}", e.contextKey(), e.flagKey(), e.variant()))
        .documentResource("flags/defaults.json")
        .build();
    serveRequests(flags);
    FlagMetrics m = flags.metrics();                     // everything since the client was built
    log.info("new-checkout: on={} off={} killed={}", m.count("new-checkout", "on"),
        m.count("new-checkout", "off"), m.count("new-checkout", Reason.KILLED));
    FlagMetrics interval = flags.resetMetrics();         // for an exporter that sends intervals
    // end snippet
    try (flags) {
      assertThat(m.count("new-checkout", "on")).isEqualTo(1);
      assertThat(interval.count("new-checkout")).isEqualTo(1);
      dev.flags.testsupport.Await.until("one exposure", () -> flags.metrics().exposures() == 1);
    }
  }

  private static String newCheckout(String cart) {
    return "new checkout of " + cart;
  }

  private static String oldCheckout(String cart) {
    return "old checkout of " + cart;
  }

  @Test
  void guardrails_snippets_guardRecordSetAndRestore() {
    try (Flags flags =
        Flags.newBuilder().documentResource("flags/defaults.json").build()) {
      String cart = "cart-1";
      // snippet: guardrail-in-code
      flags.setGuardrail("new-checkout", Guardrail.newBuilder()
          .maxFailureRate(0.05)                      // kill above 5% failures...
          .minSamples(100)                           // ...once 100 outcomes are in the window
          .window(Duration.ofSeconds(60), 10)        // the last minute, sliding by 6 s
          .build());
      flags.addGuardrailListener(trip -> log.error("flag killed: {}", trip.description()));
      // end snippet
      // snippet: guard
      String page = flags.guard("new-checkout", user,
          () -> newCheckout(cart),    // users served a variant other than the off-variant
          () -> oldCheckout(cart));   // everyone else, and anyone whose newCheckout threw
      // end snippet
      assertThat(page).isEqualTo("new checkout of cart-1");
      for (int i = 0; i < 100; i++) {
        // snippet: record
        try {
          chargeCard(cart);
          flags.recordSuccess("new-checkout", user);
        } catch (RuntimeException e) {
          flags.recordFailure("new-checkout", user);
          throw e;
        }
        // end snippet
      }
      assertThat(flags.isEnabled("new-checkout", user)).isTrue();
      for (int i = 0; i < 10; i++) {
        flags.recordFailure("new-checkout", user);
      }
      assertThat(flags.isEnabled("new-checkout", user)).isFalse();
      // snippet: guardrail-restore
      GuardrailTrip trip = flags.status().guardrailTrips().get("new-checkout");
      log.warn("killed by its guardrail: {}", trip.description());
      // ... fix the new path or lower its rollout, then:
      flags.restore("new-checkout");
      // end snippet
      assertThat(flags.isEnabled("new-checkout", user)).isTrue();
    }
  }

  private static void chargeCard(String cart) {
    assertThat(cart).isNotEmpty();
  }

  /** The guide shows exactly the code above: every snippet region, and the schedule example. */
  @Test
  void guide_containsEverySnippetVerbatim() throws IOException {
    Path source = Path.of("src/test/java/dev/flags/OperationsDocSnippetsTest.java");
    Path page = Path.of("../docs/operations.md");
    Map<String, String> regions = Snippets.regions(source);
    assertThat(regions).hasSize(15);
    Snippets.assertQuoted(page, source, regions.keySet().toArray(String[]::new));
    String guide = Files.readString(page);
    assertThat(guide).contains("```json\n" + SCHEDULES + "```");
  }

  /** Produces the example audit lines quoted in the guide (see this class's output file). */
  @Test
  void auditLines_forTheGuide() throws IOException {
    Path overrideFile = dir.resolve("flags-override.json");
    int mark = RecordingLogs.mark();
    try (Flags flags = layeredClient(overrideFile)) {
      remoteSource.update(Docs.doc(
          "remote-119", Docs.onOff("payments-kill-switch", "off", "'tags': ['payments']")));
      remoteSource.update(Docs.doc("remote-120", Docs.onOff("payments-kill-switch", "maybe")));
      flags.kill("new-checkout", "INC-4711: card processor outage");
      flags.killTag("payments", "INC-4712: fraud spike");
      flags.restore("new-checkout");
      flags.restoreTag("payments");
      flags.override("search-ranking", "classic");
      flags.override("new-checkout", "on", List.of("qa-1", "qa-2"));
      flags.clearOverride("new-checkout");
      flags.rollback();
      remoteSource.update(
          Docs.doc("remote-121", Docs.onOff("payments-kill-switch", "on", "'tags': ['payments']")));
      flags.unpin();
      Files.writeString(overrideFile, Docs.doc("hotfix-1", Docs.onOff("legacy-export", "on")));
      flags.refreshSources();
      Files.delete(overrideFile);
      flags.refreshSources();
    }
    List<Line> lines = RecordingLogs.auditSince(mark);
    assertThat(lines)
        .extracting(l -> l.message().substring(0, l.message().indexOf(' ')))
        .containsExactly(
            "swap",
            "swap",
            "swap",
            "reject",
            "kill",
            "kill",
            "restore",
            "restore",
            "override",
            "override",
            "clear",
            "rollback",
            "accept",
            "unpin:",
            "swap",
            "swap",
            "close");
  }
}
