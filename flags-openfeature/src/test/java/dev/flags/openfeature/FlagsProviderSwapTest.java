package dev.flags.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.test.TestFlags;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The provider copies only the attributes a flag reads; while documents that change which ones
 * swap under it, every answer must still be the one the whole context gives.
 */
final class FlagsProviderSwapTest {
  private static final String BY_COUNTRY =
      TestFlags.document("by-country", TestFlags.flag("gated").on().when("country", "NZ"));
  private static final String BY_PLAN =
      TestFlags.document("by-plan", TestFlags.flag("gated").on().when("plan", "pro"));

  @Test
  void getBooleanEvaluation_documentsSwappingTheAttributesRead_alwaysTheWholeContextsAnswer()
      throws Exception {
    ImmutableContext user = new ImmutableContext(
        "user-1", Map.of("country", new Value("NZ"), "plan", new Value("pro")));
    try (Flags flags = Flags.newBuilder().document(BY_COUNTRY).build()) {
      FlagsProvider provider = FlagsProvider.newBuilder(flags).build();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger swaps = new AtomicInteger();
      Thread swapper = new Thread(() -> {
        while (!stop.get()) {
          flags.load(swaps.incrementAndGet() % 2 == 0 ? BY_COUNTRY : BY_PLAN);
        }
      });
      swapper.start();
      try {
        for (int i = 0; i < 20_000; i++) {
          ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("gated", false, user);
          assertThat(e.getValue()).as("evaluation %d, %s", i, e).isTrue();
          assertThat(e.getReason()).isEqualTo("TARGETING_MATCH");
        }
      } finally {
        stop.set(true);
        swapper.join();
      }
      assertThat(swaps.get()).isGreaterThan(10);
    }
  }

  @Test
  void getBooleanEvaluation_flagWithARule_evaluatesOncePerCall() {
    ImmutableContext pro = new ImmutableContext(
        "user-1", Map.of("country", new Value("NZ"), "plan", new Value("pro")));
    try (Flags flags = Flags.newBuilder().document(BY_COUNTRY).metrics(true).build()) {
      FlagsProvider provider = FlagsProvider.newBuilder(flags).build();
      for (int i = 0; i < 3; i++) {
        assertThat(provider.getBooleanEvaluation("gated", false, pro).getValue())
            .isTrue();
      }

      assertThat(flags.metrics().count("gated")).isEqualTo(3);
    }
  }

  @Test
  void getBooleanEvaluation_flagNowReadsAnotherAttribute_answersForTheNewRule() {
    ImmutableContext basic = new ImmutableContext(
        "user-1", Map.of("country", new Value("NZ"), "plan", new Value("basic")));
    ImmutableContext pro = new ImmutableContext(
        "user-2", Map.of("country", new Value("DE"), "plan", new Value("pro")));
    try (Flags flags = Flags.newBuilder().document(BY_COUNTRY).build()) {
      FlagsProvider provider = FlagsProvider.newBuilder(flags).build();
      assertThat(provider.getBooleanEvaluation("gated", false, basic).getValue())
          .isTrue();
      assertThat(provider.getBooleanEvaluation("gated", false, pro).getValue()).isFalse();

      flags.load(BY_PLAN);

      assertThat(provider.getBooleanEvaluation("gated", false, basic).getValue())
          .isFalse();
      assertThat(provider.getBooleanEvaluation("gated", false, pro).getValue()).isTrue();
      assertThat(provider.getBooleanEvaluation("gated", false, basic).getValue())
          .isFalse();
    }
  }
}
