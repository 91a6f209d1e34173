package dev.flags.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Evaluation;
import dev.flags.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class ExposureQueueTest {
  private static final Evaluation ON =
      Evaluation.served(true, "true", "on", Reason.FALLTHROUGH, null, null, "v1");

  @Test
  void offerAndPoll_inOrder_thenEmpty() {
    ExposureQueue q = new ExposureQueue(4);
    assertThat(q.isEmpty()).isTrue();
    q.offer("f", ON, "a", 1);
    q.offer("f", ON, "b", 2);

    List<String> got = new ArrayList<>();
    while (q.poll((flag, r, key, hash) -> got.add(flag + ":" + key + ":" + hash))) {
      // drain
    }
    assertThat(got).containsExactly("f:a:1", "f:b:2");
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void offer_full_returnsFalseWithoutWaiting() {
    ExposureQueue q = new ExposureQueue(2);
    assertThat(q.offer("f", ON, "a", 1)).isTrue();
    assertThat(q.offer("f", ON, "b", 2)).isTrue();
    assertThat(q.offer("f", ON, "c", 3)).isFalse();
    assertThat(q.size()).isEqualTo(2);

    q.poll((flag, r, key, hash) -> {});
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.offer("f", ON, "d", 4)).isTrue();
    assertThat(q.size()).isEqualTo(2);
    assertThat(q.capacity()).isEqualTo(2);
  }

  @Test
  void new_notAPowerOfTwo_throws() {
    assertThatThrownBy(() -> new ExposureQueue(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be a power of two, at least 2: 3");
  }

  @Test
  void offer_fourProducers_everyAcceptedCandidateArrivesOnce() throws Exception {
    ExposureQueue q = new ExposureQueue(1024);
    int perThread = 50_000;
    AtomicInteger accepted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int base = t * perThread;
      Thread p = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          if (q.offer("f", ON, "k", base + i)) {
            accepted.incrementAndGet();
          }
        }
      });
      p.start();
      producers.add(p);
    }
    Set<Long> seen = new HashSet<>();
    start.countDown();
    boolean running = true;
    while (running) {
      running = false;
      for (Thread p : producers) {
        running |= p.isAlive();
      }
      while (q.poll((flag, r, key, hash) -> assertThat(seen.add(hash)).isTrue())) {
        // drain
      }
    }
    while (q.poll((flag, r, key, hash) -> assertThat(seen.add(hash)).isTrue())) {
      // drain the rest
    }
    assertThat(seen).hasSize(accepted.get());
    assertThat(accepted.get()).isPositive();
  }
}
