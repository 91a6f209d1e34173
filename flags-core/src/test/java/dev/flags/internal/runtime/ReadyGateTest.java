package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class ReadyGateTest {
  private final ReadyGate gate = new ReadyGate();

  @Test
  void await_neitherOpenNorGivenUp_timesOutFalse() throws InterruptedException {
    assertThat(gate.await(Duration.ofMillis(20))).isFalse();
    assertThat(gate.await(Duration.ZERO)).isFalse();
    assertThat(gate.await(Duration.ofMillis(-5))).isFalse();
  }

  @Test
  void open_releasesAWaiterWithTrue() throws Exception {
    CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(this::awaitLong);

    gate.open();

    assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.await(Duration.ZERO)).isTrue();
  }

  @Test
  void giveUp_releasesAWaiterWithFalse() throws Exception {
    CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(this::awaitLong);

    gate.giveUp();

    assertThat(waiter.get(30, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void openAfterGiveUp_readyWins() throws InterruptedException {
    gate.giveUp();
    gate.open(); // a document loaded by hand after every source failed

    assertThat(gate.await(Duration.ZERO)).isTrue();
  }

  private boolean awaitLong() {
    try {
      return gate.await(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
