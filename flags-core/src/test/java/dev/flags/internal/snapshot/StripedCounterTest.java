package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.testsupport.Allocations;
import dev.flags.testsupport.Concurrently;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The drop counter of the evaluation path: exact under threads, free of allocation. */
final class StripedCounterTest {

  @Test
  void increment_oneThread_sumCountsEach() {
    StripedCounter c = new StripedCounter();
    assertThat(c.sum()).isZero();

    for (int i = 0; i < 1_000; i++) {
      c.increment();
    }

    assertThat(c.sum()).isEqualTo(1_000);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 64})
  void increment_eightThreads_noCountIsLost(int stripes) throws Exception {
    // One stripe: one thread owns it and adds plainly, seven share its atomic count. More stripes
    // than threads: most threads own theirs.
    StripedCounter c = new StripedCounter(stripes);

    Concurrently.run(8, t -> {
      for (int i = 0; i < 200_000; i++) {
        c.increment();
      }
    });

    assertThat(c.sum()).isEqualTo(1_600_000);
  }

  @Test
  void increment_ownerGone_otherThreadsStillCounted() throws Exception {
    StripedCounter c = new StripedCounter(1);
    Thread owner = new Thread(c::increment); // owns the only stripe, then ends
    owner.start();
    owner.join();

    for (int i = 0; i < 10; i++) {
      c.increment();
    }

    assertThat(c.sum()).isEqualTo(11);
  }

  @Test
  void increment_allocatesNothing() {
    StripedCounter c = new StripedCounter();
    Runnable adds = () -> {
      for (int i = 0; i < 100_000; i++) {
        c.increment();
      }
    };
    adds.run(); // compiled first, so that allocation means allocation

    assertThat(Allocations.byCurrentThread(adds)).isLessThan(1_000);
    assertThat(c.sum()).isEqualTo(200_000);
  }

  @Test
  void constructor_stripesNotAPowerOfTwo_rejected() {
    assertThatThrownBy(() -> new StripedCounter(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two: 3");
  }
}
