package dev.flags.micrometer;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.sources.MemorySource;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class FlagsMeterBinderTest {
  private final MemorySource source = MemorySource.of("remote", doc("v1", onOff("f", "on")));
  private final Flags flags = Flags.newBuilder().metrics(true).source(source).build();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FlagsMeterBinder binder = new FlagsMeterBinder(flags, Tags.of("client", "test"));

  @AfterEach
  void close() {
    flags.close();
  }

  private double evaluations(String flag, String variant, String reason, String error) {
    FunctionCounter c = registry
        .get(FlagsMeterBinder.EVALUATIONS)
        .tags(
            "feature_flag.key", flag,
            "feature_flag.result.variant", variant,
            "feature_flag.result.reason", reason,
            "error.type", error,
            "feature_flag.version", "v1",
            "client", "test")
        .functionCounter();
    return c.count();
  }

  @Test
  void bindTo_evaluations_areCountersWithOpenTelemetryTags() {
    for (int i = 0; i < 5; i++) {
      flags.isEnabled("f", Context.of("u"));
    }
    binder.bindTo(registry);
    assertThat(evaluations("f", "on", "static", "")).isEqualTo(5);

    flags.isEnabled("f", Context.of("u"));
    flags.isEnabled("missing", Context.of("u"));
    flags.kill("f", "test");
    flags.isEnabled("f", Context.of("u"));
    binder.refresh();

    assertThat(evaluations("f", "on", "static", "")).isEqualTo(6);
    assertThat(evaluations("", "", "error", "flag_not_found")).isEqualTo(1);
    assertThat(evaluations("f", "off", "disabled", "")).isEqualTo(1);
    assertThat(registry.get("flags.kills").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("flags.killed").gauge().value()).isEqualTo(1);
  }

  @Test
  void bindTo_eventsStatesAndSources_areExported() {
    binder.bindTo(registry);
    source.update(doc("v2", onOff("f", "off")));
    source.update("{}");
    binder.refresh();

    assertThat(registry.get("flags.swaps").functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("flags.rejections").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("flags.guardrail.trips").functionCounter().count()).isZero();
    assertThat(registry.get("flags.exposures").functionCounter().count()).isZero();
    assertThat(registry.get("flags.exposures.dropped").functionCounter().count())
        .isZero();
    assertThat(registry.get("flags.state").tag("state", "stale").gauge().value())
        .isEqualTo(1);
    assertThat(registry.get("flags.state").tag("state", "ready").gauge().value())
        .isZero();
    assertThat(registry
            .get("flags.source.state")
            .tags("source", "remote", "state", "stale")
            .gauge()
            .value())
        .isEqualTo(1);
  }

  @Test
  void bindTo_exposureShedding_isATimer_andEvaluationsStillCount() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Flags held = Flags.newBuilder()
        .metrics(true)
        .source(MemorySource.of("held", doc("v1", onOff("f", "on"))))
        .exposureQueue(2)
        .onExposure(e -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
        })
        .build()) {
      held.isEnabled("f", Context.of("u0"));
      assertThat(entered.await(10, TimeUnit.SECONDS))
          .as("the listener holds u0")
          .isTrue();
      for (int i = 1; i <= 10; i++) { // two queued, the third refused, the rest shed
        held.isEnabled("f", Context.of("u" + i));
      }
      SimpleMeterRegistry r = new SimpleMeterRegistry();
      new FlagsMeterBinder(held, Tags.empty()).bindTo(r);

      FunctionTimer shed = r.get("flags.exposures.shed").functionTimer();
      assertThat(shed.count()).isEqualTo(1);
      assertThat(shed.totalTime(TimeUnit.MILLISECONDS)).isNotNegative();
      assertThat(r.get("flags.exposures.dropped").functionCounter().count()).isEqualTo(1);
      assertThat(r.get(FlagsMeterBinder.EVALUATIONS).functionCounters())
          .extracting(FunctionCounter::count)
          .containsExactly(11.0);
      release.countDown();
    }
  }

  /** A source that keeps a counter of its own, as an HTTP source keeps its poll statistics. */
  private static final class CountingSource implements FlagSource {
    final AtomicLong polls = new AtomicLong();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void start(SourceContext context) {
      polls.incrementAndGet();
      context.update(doc("c1", onOff("g", "on")).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, Long> counters() {
      return Map.of("polls", polls.get());
    }

    @Override
    public void close() {}
  }

  @Test
  void bindTo_sourceCounters_areCountersTaggedWithTheSource() {
    CountingSource counting = new CountingSource();
    try (Flags client = Flags.newBuilder().source(counting).build()) {
      FlagsMeterBinder plain = new FlagsMeterBinder(client);
      plain.bindTo(registry);
      assertThat(registry
              .get("flags.source.polls")
              .tags("source", "counting")
              .functionCounter()
              .count())
          .isEqualTo(1);

      counting.polls.addAndGet(4);
      plain.refresh();

      assertThat(registry
              .get("flags.source.polls")
              .tags("source", "counting")
              .functionCounter()
              .count())
          .isEqualTo(5);
      assertThat(registry
              .get("flags.source.state")
              .tags("source", "counting", "state", "ready")
              .gauge()
              .value())
          .isEqualTo(1);
      assertThat(registry.find(FlagsMeterBinder.EVALUATIONS).meters())
          .as("metrics off: no evaluation rows")
          .isEmpty();
    }
  }

  @Test
  void guide_bindSnippet_registersTheClientsMeters() throws IOException {
    // snippet: micrometer
    new FlagsMeterBinder(flags, Tags.of("client", "checkout-service")).bindTo(registry);
    // end snippet
    assertThat(registry
            .get("flags.swaps")
            .tag("client", "checkout-service")
            .functionCounter()
            .count())
        .isEqualTo(1);
    assertThat(Files.readString(Path.of("../docs/operations.md")))
        .contains("```java\nnew FlagsMeterBinder(flags, Tags.of(\"client\", \"checkout-service\"))"
            + ".bindTo(registry);\n```");
  }

  @Test
  void rowTags_noVariantNoError_areEmpty() {
    flags.isEnabled("nope", Context.of("u"));
    assertThat(FlagsMeterBinder.rowTags(flags.metrics().evaluations().get(0)))
        .containsExactly("", "", "error", "flag_not_found", "v1");
  }
}
