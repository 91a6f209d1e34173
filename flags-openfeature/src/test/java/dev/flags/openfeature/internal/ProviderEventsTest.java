package dev.flags.openfeature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.test.TestFlags;
import dev.flags.testsupport.Await;
import dev.openfeature.sdk.ProviderEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The lifecycle's corners, without the SDK: what is emitted, and when nothing is. */
final class ProviderEventsTest {
  private static final String DOC = TestFlags.document(TestFlags.flag("a").on());

  @Test
  void initialize_twiceWhenReady_returnsAtOnce() throws Exception {
    try (Flags flags = Flags.newBuilder().document(DOC).build()) {
      ProviderEvents events = new ProviderEvents(flags, (e, d) -> {});

      assertThat(events.initialize(Duration.ZERO)).isTrue();
      assertThat(events.initialize(Duration.ZERO)).isTrue();
      assertThat(events.shutdown()).isTrue();
      assertThat(events.shutdown()).isFalse();
    }
  }

  @Test
  void initialize_againAfterItFailed_waitsAgain() throws Exception {
    try (Flags flags = Flags.newBuilder().build()) {
      ProviderEvents events = new ProviderEvents(flags, (e, d) -> {});

      assertThat(events.initialize(Duration.ZERO)).isFalse();
      flags.load(DOC);

      assertThat(events.initialize(Duration.ofSeconds(10))).isTrue();
      events.shutdown();
    }
  }

  @Test
  void emit_emitterThrows_swallowedAndLaterEventsStillTried() throws Exception {
    List<ProviderEvent> tried = new CopyOnWriteArrayList<>();
    try (Flags flags = Flags.newBuilder().document(DOC).build()) {
      ProviderEvents events = new ProviderEvents(flags, (e, d) -> {
        tried.add(e);
        throw new IllegalStateException("emitter stopped");
      });
      events.initialize(Duration.ZERO);

      flags.kill("a", "one");
      flags.restore("a");

      Await.until("both events tried", () -> tried.size() == 2);
      assertThat(tried).containsOnly(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED);
      events.shutdown();
    }
  }

  @Test
  void shutdown_neverInitialized_addsAndRemovesNothing() {
    try (Flags flags = Flags.newBuilder().document(DOC).build()) {
      ProviderEvents events = new ProviderEvents(flags, (e, d) -> {});

      assertThat(events.shutdown()).isTrue();
      assertThat(flags.removeChangeListener(e -> {})).isFalse();
    }
  }
}
