package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import dev.flags.testsupport.Allocations;
import dev.flags.testsupport.Concurrently;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Evaluation metrics: counts by flag, variant and reason, intervals, and the event counters. */
final class MetricsTest {
  private static final String ROLLOUT = flag(
      "rollout",
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
          + " 'targets': [{'variant': 'on', 'keys': ['alice']}],"
          + " 'fallthrough': {'rollout': {'variants': [{'variant': 'on', 'weight': 50000},"
          + " {'variant': 'off', 'weight': 50000}]}}");

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final MemorySource source =
      MemorySource.of("remote", doc("v1", onOff("simple", "on"), ROLLOUT));
  private Flags flags;

  @AfterEach
  void close() {
    if (flags != null) {
      flags.close();
    }
  }

  private Flags client(boolean metrics) {
    flags = Flags.newBuilder().clock(clock).metrics(metrics).source(source).build();
    return flags;
  }

  private static EvaluationCount row(FlagMetrics m, String flag, String variant, Reason reason) {
    for (EvaluationCount c : m.evaluations()) {
      if (c.flagKey().equals(flag) && variant.equals(c.variant()) && c.reason() == reason) {
        return c;
      }
    }
    throw new AssertionError(
        "no row " + flag + "=" + variant + " " + reason + " in " + m.evaluations());
  }

  @Test
  void metrics_on_countingAllocatesNothing() {
    Flags f = client(true);
    Context[] users = new Context[1_024];
    for (int i = 0; i < users.length; i++) {
      users[i] = Context.of("user-" + i);
    }
    Runnable evaluations = () -> {
      for (Context user : users) {
        f.isEnabled("simple", user);
        f.isEnabled("rollout", user);
      }
    };
    for (int i = 0; i < 20; i++) { // warm up, so that allocation means allocation
      evaluations.run();
    }
    long allocated = Allocations.byCurrentThread(evaluations);

    assertThat(allocated).as("bytes allocated by 2,048 counted evaluations").isLessThan(1_000);
    assertThat(f.metrics().count("rollout")).isEqualTo(21L * users.length);
  }

  @Test
  void metrics_off_countsNoEvaluationsButEvents() {
    Flags f = client(false);
    f.isEnabled("simple", Context.of("a"));
    source.update(doc("v2", onOff("simple", "off")));

    FlagMetrics m = f.metrics();
    assertThat(m.evaluations()).isEmpty();
    assertThat(m.swaps()).isEqualTo(2);
    assertThat(m.from()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void metrics_on_countsByFlagVariantAndReason() {
    Flags f = client(true);
    for (int i = 0; i < 3; i++) {
      f.isEnabled("simple", Context.of("a"));
    }
    f.isEnabled("rollout", Context.of("alice"));
    for (int i = 0; i < 100; i++) {
      f.isEnabled("rollout", Context.of("user-" + i));
    }

    FlagMetrics m = f.metrics();
    EvaluationCount simple = row(m, "simple", "on", Reason.FALLTHROUGH);
    assertThat(simple.count()).isEqualTo(3);
    assertThat(simple.openTelemetryReason()).isEqualTo("static");
    assertThat(simple.has(Evaluation.Trait.STATIC)).isTrue();
    assertThat(simple.version()).isEqualTo("v1");
    EvaluationCount target = row(m, "rollout", "on", Reason.TARGET_MATCH);
    assertThat(target.count()).isEqualTo(1);
    assertThat(target.openTelemetryReason()).isEqualTo("targeting_match");
    long splitOn = row(m, "rollout", "on", Reason.FALLTHROUGH).count();
    long splitOff = row(m, "rollout", "off", Reason.FALLTHROUGH).count();
    assertThat(splitOn + splitOff).isEqualTo(100);
    assertThat(row(m, "rollout", "off", Reason.FALLTHROUGH).openTelemetryReason())
        .isEqualTo("split");
    assertThat(m.count("rollout")).isEqualTo(101);
    assertThat(m.count("rollout", "on")).isEqualTo(1 + splitOn);
    assertThat(m.count("rollout", Reason.TARGET_MATCH)).isEqualTo(1);
    assertThat(m.total()).isEqualTo(104);
  }

  @Test
  void metrics_errorsAndKills_haveTheirRows() {
    Flags f = client(true);
    f.getString("simple", Context.of("a"), "x"); // type mismatch
    f.isEnabled("nope", Context.of("a")); // unknown flag
    f.kill("simple", "test");
    f.isEnabled("simple", Context.of("a"));

    FlagMetrics m = f.metrics();
    EvaluationCount mismatch = m.evaluations().stream()
        .filter(c -> c.errorCode() == ErrorCode.TYPE_MISMATCH)
        .findFirst()
        .orElseThrow();
    assertThat(mismatch.flagKey()).isEqualTo("simple");
    assertThat(mismatch.errorType()).isEqualTo("type_mismatch");
    assertThat(mismatch.openTelemetryReason()).isEqualTo("error");
    EvaluationCount unknown = m.evaluations().stream()
        .filter(c -> c.errorCode() == ErrorCode.FLAG_NOT_FOUND)
        .findFirst()
        .orElseThrow();
    assertThat(unknown.flagKey()).isEmpty();
    EvaluationCount killed = row(m, "simple", "off", Reason.KILLED);
    assertThat(killed.openTelemetryReason()).isEqualTo("disabled");
    assertThat(m.kills()).isEqualTo(1);
  }

  @Test
  void metrics_beforeTheFirstDocument_countsNotReady() {
    flags = Flags.newBuilder().metrics(true).build();
    flags.isEnabled("any", Context.of("a"));

    assertThat(flags.metrics().evaluations())
        .singleElement()
        .satisfies(c -> assertThat(c.errorCode()).isEqualTo(ErrorCode.NOT_READY));
  }

  @Test
  void resetMetrics_givesIntervals_andLeavesTheTotals() {
    Flags f = client(true);
    f.isEnabled("simple", Context.of("a"));
    clock.advance(Duration.ofMinutes(1));
    FlagMetrics first = f.resetMetrics();
    f.isEnabled("simple", Context.of("a"));
    f.isEnabled("simple", Context.of("a"));
    clock.advance(Duration.ofMinutes(1));
    FlagMetrics second = f.resetMetrics();

    assertThat(first.total()).isEqualTo(1);
    assertThat(first.from()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(first.to()).isEqualTo(Instant.parse("2030-01-01T00:01:00Z"));
    assertThat(second.total()).isEqualTo(2);
    assertThat(second.from()).isEqualTo(first.to());
    assertThat(second.swaps()).isZero();
    assertThat(f.metrics().total()).isEqualTo(3);
  }

  @Test
  void metrics_newDocument_countsPerVersion() {
    Flags f = client(true);
    f.isEnabled("simple", Context.of("a"));
    source.update(doc("v2", onOff("simple", "on")));
    f.isEnabled("simple", Context.of("a"));
    f.snapshot().isEnabled("simple", Context.of("a"));
    f.booleanFlag("simple").isEnabled(Context.of("a"));

    FlagMetrics m = f.metrics();
    assertThat(m.evaluations())
        .extracting(EvaluationCount::version, EvaluationCount::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("v1", 1L),
            org.assertj.core.groups.Tuple.tuple("v2", 3L));
  }

  @Test
  void metrics_eightThreads_countEveryEvaluation() throws Exception {
    Flags f = client(true);

    Concurrently.run(8, t -> {
      Context c = Context.of("user-" + t);
      for (int i = 0; i < 20_000; i++) {
        f.isEnabled("simple", c);
        f.isEnabled("rollout", c);
      }
    });
    assertThat(f.metrics().count("simple")).isEqualTo(160_000);
    assertThat(f.metrics().count("rollout")).isEqualTo(160_000);
  }

  @Test
  void metrics_rejection_isCounted() {
    Flags f = client(false);
    source.update("{}");

    assertThat(f.metrics().rejections()).isEqualTo(1);
    assertThat(f.metrics().toString()).contains("rejections=1");
  }
}
