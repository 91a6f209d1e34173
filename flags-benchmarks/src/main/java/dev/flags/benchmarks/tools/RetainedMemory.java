package dev.flags.benchmarks.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.DocumentLimits;
import dev.flags.benchmarks.GeneratedDocument;
import dev.flags.internal.DocumentLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Measures the heap a compiled snapshot retains, per flag, for generated documents of 100, 1,000
 * and 10,000 flags (see {@link GeneratedDocument}).
 *
 * <p>Method: for each size, compile the document once to warm up, then run a full GC until the
 * used heap stops changing, read the used heap ({@code MemoryMXBean}), compile and hold {@code K}
 * snapshots of the document (K is chosen so that at least 50,000 flags, some 180 MB, are held,
 * which makes the GC's noise negligible), collect again the same way, and read the used heap again. The difference
 * divided by {@code K} is the retained size of one snapshot; divided by the flag count, the
 * retained size per flag. The same is done holding only the validated documents ({@code
 * FlagDocument}), which every snapshot also keeps, so that the compiled part can be told apart.
 *
 * <p>What it includes: everything reachable only from the snapshot (flag keys and strings parsed
 * from the document, compiled rules, hash sets, precomputed results, the validated document).
 * What it does not: strings the JVM shares (interned JSON field names). Run it with {@code
 * -XX:+UseSerialGC} so that {@code System.gc()} is a full, synchronous collection; the figures
 * depend on the JVM's object layout (compressed oops, 64-bit) like any heap measurement.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx2g -cp flags-benchmarks/target/benchmarks.jar \
 *     dev.flags.benchmarks.tools.RetainedMemory [--quick] [output.json]
 * </pre>
 *
 * <p>{@code --quick} (for the smoke run) measures the 100-flag document only, holding 20 copies:
 * it checks that the tool works, not the figure.
 */
public final class RetainedMemory {
  private static final int[] SIZES = {100, 1_000, 10_000};
  private static final int MIN_FLAGS_HELD = 50_000;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private RetainedMemory() {}

  /**
   * Runs the measurement and prints a table; writes JSON when given a path.
   *
   * @param args {@code [--quick] [output.json]}
   * @throws IOException if the JSON cannot be written
   */
  public static void main(String[] args) throws IOException {
    boolean quick = false;
    String output = null;
    for (String a : args) {
      if (a.equals("--quick")) {
        quick = true;
      } else {
        output = a;
      }
    }
    int[] sizes = quick ? new int[] {100} : SIZES;
    int minFlags = quick ? 2_000 : MIN_FLAGS_HELD;
    DocumentLoader loader = new DocumentLoader(DocumentLimits.defaults());
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    out.put("method", "used heap after full GC (MemoryMXBean), before and after holding K"
        + " snapshots; difference / K / flags");
    out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    out.put("gc", String.join(",", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(b -> b.getName()).toList()));
    ArrayNode rows = out.putArray("sizes");
    System.out.printf(Locale.ROOT, "%8s %6s %16s %14s %16s %16s%n", "flags", "K", "bytes/snapshot",
        "bytes/flag", "document/flag", "compiled/flag");
    for (int n : sizes) {
      byte[] document = GeneratedDocument.withFlags(n, "memory");
      int k = Math.max(2, minFlags / n);
      loader.load(document); // warm-up: classes, caches, JIT
      long snapshot = retained(k, () -> loader.load(document));
      long validated = retained(k, () -> loader.validate(document));
      double perSnapshot = (double) snapshot / k;
      double perFlag = perSnapshot / n;
      double docPerFlag = (double) validated / k / n;
      System.out.printf(Locale.ROOT, "%8d %6d %16.0f %14.1f %16.1f %16.1f%n", n, k, perSnapshot,
          perFlag, docPerFlag, perFlag - docPerFlag);
      ObjectNode row = rows.addObject();
      row.put("flags", n);
      row.put("snapshotsHeld", k);
      row.put("bytesPerSnapshot", Math.round(perSnapshot));
      row.put("bytesPerFlag", Math.round(perFlag * 10) / 10.0);
      row.put("documentBytesPerFlag", Math.round(docPerFlag * 10) / 10.0);
      row.put("documentBytes", document.length);
    }
    out.put("quick", quick);
    if (output != null) {
      Path path = Path.of(output);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      json.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), out);
      System.out.println("wrote " + path);
    }
  }

  /** Bytes retained by holding {@code count} results of {@code make}. */
  private static long retained(int count, java.util.function.Supplier<Object> make) {
    Object[] held = new Object[count];
    long before = settledUsedHeap();
    for (int i = 0; i < count; i++) {
      held[i] = make.get();
    }
    long after = settledUsedHeap();
    Reference.reachabilityFence(held);
    return after - before;
  }

  /** Collects until two consecutive readings agree within 1 KiB (at most 10 rounds). */
  private static long settledUsedHeap() {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (Math.abs(used - last) < 1024) {
        return used;
      }
      last = used;
    }
    return last;
  }
}
