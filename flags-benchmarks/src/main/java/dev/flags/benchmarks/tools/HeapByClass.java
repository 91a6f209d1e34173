package dev.flags.benchmarks.tools;

import dev.flags.DocumentLimits;
import dev.flags.Flags;
import dev.flags.benchmarks.GeneratedDocument;
import dev.flags.internal.document.DocumentLoader;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a snapshot and a client retain per flag, class by class: the complement of {@link
 * RetainedMemory}, which gives the totals. For the 10,000-flag generated document (see {@link
 * GeneratedDocument}), child JVMs hold 2 and 7 snapshots, or 2 and 7 clients that have each
 * loaded it once, and take a class histogram of their live objects ({@code jcmd <pid>
 * GC.class_histogram}, which collects first); the difference between 7 and 2, divided by 5 and by
 * the flag count, is what one more snapshot or client keeps per flag, by class. Taking the
 * difference leaves out what every JVM holds (classes, caches, the loader's buffers).
 *
 * <pre>
 * java -cp flags-benchmarks/target/benchmarks.jar dev.flags.benchmarks.tools.HeapByClass [flags]
 * </pre>
 */
public final class HeapByClass {
  private static final int FEWER = 2;
  private static final int MORE = 7;
  private static final int ROWS = 16;

  private HeapByClass() {}

  /**
   * Prints the per-flag histogram deltas of a snapshot and of a client, and what the client keeps
   * besides its snapshot.
   *
   * @param args {@code [flags]} (10,000 by default); {@code child <what> <count> <flags>} in a
   *     child JVM
   * @throws IOException if a child cannot be started
   * @throws InterruptedException if interrupted while a child runs
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 4 && args[0].equals("child")) {
      child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
    int flags = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Map<String, double[]> snapshot = perFlag("snapshot", flags);
    Map<String, double[]> client = perFlag("client", flags);
    print("One snapshot", snapshot);
    print("One client that loaded the document once", client);
    Map<String, double[]> besides = difference(client, snapshot, 1);
    print("What the client keeps besides its snapshot", besides);
  }

  /** Per class: {instances, bytes} per flag that one more {@code what} keeps. */
  private static Map<String, double[]> perFlag(String what, int flags)
      throws IOException, InterruptedException {
    return difference(
        histogram(what, MORE, flags),
        histogram(what, FEWER, flags),
        (double) (MORE - FEWER) * flags);
  }

  /** Per class of either: ({@code a} - {@code b}) / {@code divisor}, a class missing counting 0. */
  private static Map<String, double[]> difference(
      Map<String, double[]> a, Map<String, double[]> b, double divisor) {
    Map<String, double[]> out = new HashMap<>();
    Set<String> classes = new HashSet<>(a.keySet());
    classes.addAll(b.keySet());
    double[] none = new double[2];
    for (String c : classes) {
      double[] x = a.getOrDefault(c, none);
      double[] y = b.getOrDefault(c, none);
      out.put(c, new double[] {(x[0] - y[0]) / divisor, (x[1] - y[1]) / divisor});
    }
    return out;
  }

  /** The class histogram of a child JVM holding {@code count} of {@code what}: {instances, bytes}. */
  private static Map<String, double[]> histogram(String what, int count, int flags)
      throws IOException, InterruptedException {
    String out = RetainedMemory.runChild(
        HeapByClass.class,
        List.of("child", what, Integer.toString(count), Integer.toString(flags)));
    Map<String, double[]> classes = new HashMap<>();
    for (String line : out.split("\n")) {
      // "   1:        854339       43932984  [B (java.base@17)"
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":") && Character.isDigit(f[1].charAt(0))) {
        classes.put(f[3], new double[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    if (classes.isEmpty()) {
      throw new IllegalStateException("no histogram in the child's output:\n" + out);
    }
    return classes;
  }

  /** Holds {@code count} snapshots or clients, then prints its own class histogram. */
  private static void child(String what, int count, int flags)
      throws IOException, InterruptedException {
    if (!what.equals("client") && !what.equals("snapshot")) {
      throw new IllegalArgumentException("unknown: " + what);
    }
    byte[][] documents = {GeneratedDocument.withFlags(flags, "memory")};
    DocumentLoader loader = new DocumentLoader(DocumentLimits.defaults());
    Object[] held = new Object[count];
    for (int i = 0; i < count; i++) {
      held[i] = RetainedMemory.hold(what, loader, documents); // clients closed once taken
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(
            jcmd.toString(), "" + ProcessHandle.current().pid(), "GC.class_histogram")
        .redirectErrorStream(true)
        .start();
    System.out.print(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    if (p.waitFor() != 0) {
      throw new IllegalStateException("jcmd failed");
    }
    Reference.reachabilityFence(held);
    for (Object o : held) {
      if (o instanceof Flags client) {
        client.close();
      }
    }
  }

  private static void print(String title, Map<String, double[]> rows) {
    double total = rows.values().stream().mapToDouble(r -> r[1]).sum();
    System.out.printf(Locale.ROOT, "%n%s: %,.1f B per flag%n", title, total);
    System.out.printf(Locale.ROOT, "  %-58s %10s %10s%n", "class", "per flag", "bytes");
    List<Map.Entry<String, double[]>> sorted = new ArrayList<>(rows.entrySet());
    sorted.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[1]));
    double shown = 0;
    for (int i = 0; i < Math.min(ROWS, sorted.size()); i++) {
      Map.Entry<String, double[]> e = sorted.get(i);
      shown += e.getValue()[1];
      System.out.printf(
          Locale.ROOT, "  %-58s %10.2f %10.1f%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    System.out.printf(Locale.ROOT, "  %-58s %10s %10.1f%n", "other classes", "", total - shown);
  }
}
