package dev.flags.micrometer;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.EvaluationCount;
import dev.flags.Exposure;
import dev.flags.Flags;
import dev.flags.testsupport.Await;
import dev.flags.testsupport.Snippets;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry snippets of docs/operations.md ("Watching a rollout"), compiled and run: the
 * evaluation counts as an observable counter, and exposures as {@code feature_flag.evaluation}
 * events. No OpenTelemetry module is needed: the client's public metrics and listener are enough.
 */
final class OpenTelemetrySnippetTest {
  // snippet: otel-metrics
  static void exportEvaluations(Flags flags, OpenTelemetry otel) {
    Meter meter = otel.getMeter("dev.flags");
    meter.counterBuilder("feature_flag.evaluations").buildWithCallback(evaluations(flags));
  }

  static Consumer<ObservableLongMeasurement> evaluations(Flags flags) {
    return measurement -> {
      for (EvaluationCount c : flags.metrics().evaluations()) {   // cumulative counts
        AttributesBuilder a = Attributes.builder()
            .put("feature_flag.key", c.flagKey())
            .put("feature_flag.result.reason", c.openTelemetryReason())
            .put("feature_flag.version", c.version());
        if (c.variant() != null) {
          a.put("feature_flag.result.variant", c.variant());
        }
        if (c.errorType() != null) {
          a.put("error.type", c.errorType());
        }
        measurement.record(c.count(), a.build());
      }
    };
  }
  // end snippet

  // snippet: otel-exposures
  static void emitExposure(Logger events, Exposure e) {
    events.logRecordBuilder()
        .setAttribute(AttributeKey.stringKey("event.name"), "feature_flag.evaluation")
        .setAttribute(AttributeKey.stringKey("feature_flag.key"), e.flagKey())
        .setAttribute(AttributeKey.stringKey("feature_flag.result.variant"), e.variant())
        .setAttribute(AttributeKey.stringKey("feature_flag.result.reason"),
            e.reason().name().toLowerCase(java.util.Locale.ROOT))
        .setAttribute(AttributeKey.stringKey("feature_flag.version"), e.version())
        // personal data: only where your users agreed to it
        .setAttribute(AttributeKey.stringKey("feature_flag.context.id"), e.contextKey())
        .emit();
  }
  // end snippet

  /** Records what a callback measures. */
  private static final class Recorder implements ObservableLongMeasurement {
    final List<Attributes> attributes = new ArrayList<>();
    final List<Long> values = new ArrayList<>();

    @Override
    public void record(long value) {
      record(value, Attributes.empty());
    }

    @Override
    public void record(long value, Attributes a) {
      values.add(value);
      attributes.add(a);
    }
  }

  @Test
  void evaluations_recordsOneMeasurementPerRow() {
    try (Flags flags =
        Flags.newBuilder().metrics(true).document(doc("v1", onOff("f", "on"))).build()) {
      flags.isEnabled("f", Context.of("u"));
      flags.isEnabled("f", Context.of("u"));
      exportEvaluations(flags, OpenTelemetry.noop());
      Recorder r = new Recorder();

      evaluations(flags).accept(r);

      assertThat(r.values).containsExactly(2L);
      Attributes a = r.attributes.get(0);
      assertThat(a.get(AttributeKey.stringKey("feature_flag.key"))).isEqualTo("f");
      assertThat(a.get(AttributeKey.stringKey("feature_flag.result.variant"))).isEqualTo("on");
      assertThat(a.get(AttributeKey.stringKey("feature_flag.result.reason"))).isEqualTo("static");
      assertThat(a.get(AttributeKey.stringKey("feature_flag.version"))).isEqualTo("v1");
      assertThat(a.get(AttributeKey.stringKey("error.type"))).isNull();
    }
  }

  /** The guide shows exactly the code above. */
  @Test
  void guide_containsTheSnippetsVerbatim() {
    Snippets.assertQuoted(
        java.nio.file.Path.of("../docs/operations.md"),
        java.nio.file.Path.of("src/test/java/dev/flags/micrometer/OpenTelemetrySnippetTest.java"),
        "otel-metrics",
        "otel-exposures");
  }

  @Test
  void exposures_areEmittedAsEvents() {
    Logger events = OpenTelemetry.noop().getLogsBridge().get("dev.flags");
    List<Exposure> emitted = new CopyOnWriteArrayList<>();
    try (Flags flags = Flags.newBuilder()
        .onExposure(e -> {
          emitExposure(events, e);
          emitted.add(e);
        })
        .document(doc("v1", onOff("f", "on")))
        .build()) {
      flags.isEnabled("f", Context.of("alice"));
      Await.until("the exposure was emitted", () -> emitted.size() == 1);
    }
    assertThat(emitted.get(0).contextKey()).isEqualTo("alice");
  }
}
