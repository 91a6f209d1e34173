package dev.flags.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/** Runs one body on many threads released together, for tests of thread safety. */
public final class Concurrently {
  private Concurrently() {}

  /**
   * Starts {@code threads} threads, releases them at once so that they overlap, and waits for all
   * of them to end.
   *
   * @param threads how many
   * @param body what each runs, given its index from 0
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public static void run(int threads, IntConsumer body) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        body.accept(index);
      });
      th.start();
      started.add(th);
    }
    start.countDown();
    for (Thread th : started) {
      th.join();
    }
  }
}
