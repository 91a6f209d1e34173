package dev.flags.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.test.TestFlags;
import dev.openfeature.sdk.EvaluationEvent;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.HookContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What an OpenTelemetry hook sees: the SDK's evaluation event built from our details. */
final class TelemetryHookTest {
  /** Builds the SDK's OpenTelemetry evaluation event in the finally stage, as a telemetry hook does. */
  private static final class TelemetryHook implements Hook<Object> {
    final List<EvaluationEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void finallyAfter(
        HookContext<Object> ctx, FlagEvaluationDetails<Object> details, Map<String, Object> h) {
      events.add(Telemetry.createEvaluationEvent(ctx, details));
    }
  }

  @Test
  void telemetryHook_evaluation_keyVariantReasonAndDocumentVersion() throws Exception {
    OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
    TelemetryHook hook = new TelemetryHook();
    try (Flags flags = Flags.newBuilder()
        .document(TestFlags.document(
            "2026-11-22.3", TestFlags.flag("new-checkout").on().forKeys("alice")))
        .build()) {
      api.setProviderAndWait(FlagsProvider.newBuilder(flags).build());
      api.addHooks(hook);

      api.getClient().getBooleanValue("new-checkout", false, new ImmutableContext("alice"));

      Map<String, Object> attributes = hook.events.get(0).getAttributes();
      assertThat(hook.events.get(0).getName()).isEqualTo("feature_flag.evaluation");
      assertThat(attributes)
          .containsEntry("feature_flag.key", "new-checkout")
          .containsEntry("feature_flag.result.variant", "on")
          .containsEntry("feature_flag.result.reason", "targeting_match")
          .containsEntry("feature_flag.version", "2026-11-22.3")
          .containsEntry("feature_flag.provider.name", "flags")
          .containsEntry("feature_flag.context.id", "alice");
    } finally {
      api.shutdown();
    }
  }
}
