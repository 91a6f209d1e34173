package dev.flags.testsupport;

import java.lang.management.ManagementFactory;

/** How many bytes the current thread allocates while it runs some code (HotSpot's counter). */
public final class Allocations {
  private Allocations() {}

  /**
   * Runs {@code code} and returns the bytes the current thread allocated meanwhile. Warm the code
   * up first, so that what it allocates is not class loading or the interpreter's.
   *
   * @param code what to measure
   * @return the bytes allocated
   */
  public static long byCurrentThread(Runnable code) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
      // Else the counter reads -1 before and after, and every allocation test would pass.
      throw new IllegalStateException("this JVM does not count the bytes a thread allocates");
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    code.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
