package dev.flags.benchmarks.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.DocumentLimits;
import dev.flags.Flags;
import dev.flags.benchmarks.GeneratedDocument;
import dev.flags.internal.document.DocumentLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the heap a compiled snapshot retains, per flag, for generated documents of 100, 1,000
 * and 10,000 flags (see {@link GeneratedDocument}).
 *
 * <p>Method: each measurement runs in a fresh child JVM (same class path, {@code
 * -XX:+UseSerialGC}, so that {@code System.gc()} is a full, synchronous collection), because
 * measurements made one after the other in one JVM were seen to disturb each other: results of the
 * previous measurement stayed reachable for a while. The child compiles the document once and
 * drops it (warm-up: classes, caches), then compiles and holds {@code K} snapshots of the
 * document in five groups (K is chosen so that at least 50,000 flags and two snapshots a group are
 * held, which makes the GC's noise negligible), collecting until the used heap ({@code
 * MemoryMXBean}) stops changing and reading it before the first group and after each. The median
 * group's growth divided by the group's size is the retained size of one snapshot; divided by the
 * flag count, the retained size per flag. The median, not the difference over all of them: a load
 * can release what an earlier load left behind (after a 10,000-flag load, about 10 MB of int
 * arrays that no snapshot holds, by their shape Jackson's table of field names), and a difference
 * that included such a load made a 10,000-flag snapshot look a third smaller than it is (the
 * median agrees with the growth per snapshot that {@code jmap -histo:live} shows). The same is
 * done holding only the validated documents ({@code FlagDocument}), which a client keeps in its
 * history (for rollback and schedule boundaries) but a snapshot does not: a snapshot shares only
 * the strings and variant values it serves with its document. And the same again holding
 * clients ({@code Flags}) that have each loaded the document once: what a client keeps for a load
 * (the snapshot, the validated document in its history, its status), which
 * is the least a load has to allocate. And once more holding clients that have each loaded {@link
 * Flags#DEFAULT_HISTORY_SIZE} versions of the document that differ in their version only, so that
 * the history is full: the least a client keeps in the steady state of a service whose documents
 * change a few flags at a time (each changed flag is held once more).
 *
 * <p>What it includes: everything reachable only from the snapshot (flag keys and strings parsed
 * from the document, compiled rules, hash sets, precomputed results).
 * What it does not: strings the JVM shares (interned flag and segment keys, attribute names). The
 * figures depend on the JVM's object layout (compressed oops, 64-bit) like any heap measurement.
 *
 * <pre>
 * java -cp flags-benchmarks/target/benchmarks.jar \
 *     dev.flags.benchmarks.tools.RetainedMemory [--quick] [output.json]
 * </pre>
 *
 * <p>{@code --quick} (for the smoke run) measures the 100-flag document only, holding 20 copies:
 * it checks that the tool works, not the figure.
 */
public final class RetainedMemory {
  private static final int[] SIZES = {100, 1_000, 10_000};
  private static final int MIN_FLAGS_HELD = 50_000;
  /** Groups of held objects, each measured by itself; an odd number, for a median. */
  private static final int GROUPS = 5;

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx3g");

  private RetainedMemory() {}

  /**
   * Runs the measurement and prints a table; writes JSON when given a path.
   *
   * @param args {@code [--quick] [output.json]}
   * @throws IOException if the JSON cannot be written
   * @throws InterruptedException if interrupted while a measurement runs
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 4 && args[0].equals("--child")) {
      child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
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
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    out.put(
        "method",
        "used heap after full GC (MemoryMXBean), before and after holding K"
            + " snapshots, each measurement in a fresh JVM; difference / K / flags");
    out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    out.put("gc", "Serial (" + String.join(" ", CHILD_JVM_OPTIONS) + ")");
    ArrayNode rows = out.putArray("sizes");
    System.out.printf(
        Locale.ROOT,
        "%8s %6s %16s %14s %16s %14s %14s%n",
        "flags",
        "K",
        "bytes/snapshot",
        "bytes/flag",
        "document/flag",
        "client/flag",
        "history/flag");
    for (int n : sizes) {
      byte[] document = GeneratedDocument.withFlags(n, "memory");
      int k = Math.max(2, minFlags / n / GROUPS) * GROUPS;
      long snapshot = inChild("snapshot", n, k);
      long validated = inChild("document", n, k);
      long clients = inChild("client", n, k);
      long histories = inChild("history", n, k);
      double perSnapshot = snapshot;
      double perFlag = perSnapshot / n;
      double docPerFlag = (double) validated / n;
      double clientPerFlag = (double) clients / n;
      double historyPerFlag = (double) histories / n;
      System.out.printf(
          Locale.ROOT,
          "%8d %6d %16.0f %14.1f %16.1f %14.1f %14.1f%n",
          n,
          k,
          perSnapshot,
          perFlag,
          docPerFlag,
          clientPerFlag,
          historyPerFlag);
      ObjectNode row = rows.addObject();
      row.put("flags", n);
      row.put("snapshotsHeld", k);
      row.put("bytesPerSnapshot", Math.round(perSnapshot));
      row.put("bytesPerFlag", Math.round(perFlag * 10) / 10.0);
      row.put("documentBytesPerFlag", Math.round(docPerFlag * 10) / 10.0);
      row.put("clientBytesPerFlag", Math.round(clientPerFlag * 10) / 10.0);
      row.put("fullHistoryClientBytesPerFlag", Math.round(historyPerFlag * 10) / 10.0);
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

  /** Runs one measurement in a fresh JVM and returns the bytes it reports. */
  private static long inChild(String what, int flags, int count)
      throws IOException, InterruptedException {
    String output = runChild(
        RetainedMemory.class,
        List.of("--child", what, Integer.toString(flags), Integer.toString(count)));
    String[] lines = output.trim().split("\n");
    return Long.parseLong(lines[lines.length - 1].trim());
  }

  /**
   * Runs {@code main} with {@code args} in a fresh JVM with this one's class path and {@link
   * #CHILD_JVM_OPTIONS}, and returns what it printed.
   *
   * @throws IllegalStateException if it exits with an error
   */
  static String runChild(Class<?> main, List<String> args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(CHILD_JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("measurement failed: " + command + "\n" + output);
    }
    return output;
  }

  /**
   * In the child JVM: prints the bytes one snapshot, document or client retains: the median growth
   * of the used heap over {@link #GROUPS} groups of {@code count / GROUPS}, divided by the group's
   * size.
   */
  private static void child(String what, int flags, int count) {
    DocumentLoader loader = new DocumentLoader(DocumentLimits.defaults());
    int versions = what.equals("history") ? Flags.DEFAULT_HISTORY_SIZE : 1;
    byte[][] documents = new byte[versions][];
    for (int v = 0; v < versions; v++) {
      documents[v] = GeneratedDocument.withFlags(flags, v == 0 ? "memory" : "memory-" + v);
    }
    warmUp(what, loader, documents);
    // Held in GROUPS groups, the heap read after each: the result is the median group's growth.
    // A load can release what an earlier load left behind (after a 10,000-flag load, about 10 MB
    // of int arrays that no snapshot holds), which makes one group's growth smaller than the
    // others'; a difference over all of them understated a 10,000-flag snapshot by a third.
    Object[] held = new Object[count];
    int perGroup = count / GROUPS;
    long[] growth = new long[GROUPS];
    long last = settledUsedHeap();
    for (int g = 0; g < GROUPS; g++) {
      for (int i = g * perGroup; i < (g + 1) * perGroup; i++) {
        held[i] = hold(what, loader, documents);
      }
      long now = settledUsedHeap();
      growth[g] = now - last;
      last = now;
    }
    Reference.reachabilityFence(held);
    Arrays.sort(growth);
    System.out.println(growth[GROUPS / 2] / perGroup);
    for (Object o : held) {
      if (o instanceof Flags client) {
        client.close();
      }
    }
  }

  /**
   * Classes, caches and JIT, in a method of its own, so that no local variable of the caller can
   * keep the result reachable while the heap is read.
   */
  private static void warmUp(String what, DocumentLoader loader, byte[][] documents) {
    if (hold(what, loader, documents) instanceof Flags client) {
      client.close();
    }
  }

  /**
   * What one measurement holds: a snapshot, a validated document, a client that loaded the
   * document, or one that loaded each of its versions in turn.
   */
  static Object hold(String what, DocumentLoader loader, byte[][] documents) {
    byte[] document = documents[0];
    switch (what) {
      case "snapshot":
        return loader.load(document);
      case "document":
        return loader.validate(document);
      case "client":
        Flags client = Flags.newBuilder().build(); // closed once the heap is read
        client.load(document);
        return client;
      case "history":
        Flags full = Flags.newBuilder().build(); // closed once the heap is read
        for (byte[] version : documents) {
          full.load(version);
        }
        return full;
      default:
        throw new IllegalArgumentException("unknown measurement: " + what);
    }
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
