package dev.flags.benchmarks.tools;

import static dev.flags.benchmarks.tools.Units.allocation;
import static dev.flags.benchmarks.tools.Units.bytes;
import static dev.flags.benchmarks.tools.Units.fmt;
import static dev.flags.benchmarks.tools.Units.relativeError;
import static dev.flags.benchmarks.tools.Units.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flags.Flags;
import dev.flags.benchmarks.peers.Caveat;
import dev.flags.benchmarks.peers.Inexpressible;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result file (run with {@code -prof gc}) into {@code table.md}, the Markdown
 * tables of BENCHMARKS.md (ns/op and B/op per scenario and library, "n/a: why" where a peer cannot
 * express a scenario, the targets with a verdict each, scaling, load path, swap under load and
 * retained memory) and {@code chart.svg}, a bar chart of ns/op per scenario and library on a
 * logarithmic scale.
 *
 * <pre>
 * java -cp flags-benchmarks/target/benchmarks.jar dev.flags.benchmarks.tools.Report \
 *     flags-benchmarks/results/jmh-result.json [more.json ...] \
 *     [--memory flags-benchmarks/results/retained-memory.json] [--machine "text"] [--out dir]
 * </pre>
 *
 * <p>Several result files are merged (the smoke run writes one for this library and one for the
 * peers). The output goes next to the first file unless {@code --out} says otherwise.
 *
 * <p>Numbers are printed as measured; the verdicts compare them with the targets in
 * BENCHMARKS.md and are only as good as the machine the run was made on.
 */
public final class Report {
  static final String PREBUILT = "prebuilt";
  static final String BUILT = "built";
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<JmhResult> results;
  /** scenario -> variant -> library -> result. */
  final Map<Scenario, Map<String, Map<Library, JmhResult>>> cells = new EnumMap<>(Scenario.class);

  private final Map<Library, Map<String, String>> inexpressible = new EnumMap<>(Library.class);
  private final Map<String, Integer> notes = new LinkedHashMap<>();

  private Report(List<JmhResult> results) {
    this.results = results;
    for (JmhResult r : results) {
      Library lib = Library.of(r.classFqn());
      if (lib == null || !r.mode.equals("avgt")) {
        continue;
      }
      String[] parts = r.method().split("_");
      if (parts.length != 2) {
        continue;
      }
      Scenario s = Scenario.byId(parts[0]);
      if (s == null || !(parts[1].equals(PREBUILT) || parts[1].equals(BUILT))) {
        continue;
      }
      cells
          .computeIfAbsent(s, k -> new LinkedHashMap<>())
          .computeIfAbsent(parts[1], k -> new EnumMap<>(Library.class))
          .put(lib, r);
    }
    for (Library lib : Library.peers()) {
      Map<String, String> reasons = new TreeMap<>();
      Class<?> type = load(lib.benchmarkClass);
      if (type != null) {
        for (Inexpressible n : type.getAnnotationsByType(Inexpressible.class)) {
          reasons.put(n.scenario(), n.why());
        }
      }
      inexpressible.put(lib, reasons);
    }
  }

  /**
   * Writes table.md and chart.svg.
   *
   * @param args {@code result.json... [--memory file] [--machine text] [--out dir]}
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    List<Path> inputs = new ArrayList<>();
    Path memory = null;
    Path out = null;
    String machine = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--memory" -> memory = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--machine" -> machine = args[++i];
        default -> inputs.add(Path.of(args[i]));
      }
    }
    if (inputs.isEmpty()) {
      System.err.println("usage: Report result.json... [--memory retained-memory.json]"
          + " [--machine text] [--out dir]");
      System.exit(2);
    }
    Path input = inputs.get(0);
    if (out == null) {
      out = input.toAbsolutePath().getParent();
    }
    Report report = new Report(JmhResult.readAll(inputs));
    Files.createDirectories(out);
    Path table = out.resolve("table.md");
    Path chart = out.resolve("chart.svg");
    Files.writeString(table, report.markdown(inputs, memory, machine), StandardCharsets.UTF_8);
    Files.writeString(chart, Chart.svg(report.cells, PREBUILT), StandardCharsets.UTF_8);
    System.out.println("wrote " + table + " and " + chart);
  }

  private String markdown(List<Path> inputs, Path memory, String machine) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    List<String> names = new ArrayList<>();
    for (Path p : inputs) {
      names.add("`" + p.getFileName() + "`");
    }
    md.append("Generated by `dev.flags.benchmarks.tools.Report` from ")
        .append(String.join(", ", names))
        .append(" on ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(". Lower is better everywhere except in the throughput table.\n\n");
    provenance(md, machine);
    new Targets(this).write(md);
    evaluationTable(
        md,
        PREBUILT,
        "Evaluation, pre-built context",
        "The context was built before the measured call: the cost of evaluation alone.");
    evaluationTable(
        md,
        BUILT,
        "Evaluation, context built inside the call",
        "Each call also builds the library's context (key plus five attributes): the cost of a"
            + " request that evaluates one flag.");
    notes(md);
    scaling(md);
    load(md);
    swap(md);
    memory(md, memory);
    safety(md);
    micro(md);
    return md.toString();
  }

  private void provenance(StringBuilder md, String machine) {
    md.append("## Run\n\n");
    if (!results.isEmpty()) {
      JsonNode r = results.get(0).raw;
      md.append("- JMH ")
          .append(r.path("jmhVersion").asText())
          .append(", ")
          .append(r.path("vmName").asText())
          .append(' ')
          .append(r.path("vmVersion").asText())
          .append(" (JDK ")
          .append(r.path("jdkVersion").asText())
          .append(")\n");
      md.append("- forks ")
          .append(r.path("forks").asInt())
          .append(", warm-up ")
          .append(r.path("warmupIterations").asInt())
          .append(" x ")
          .append(r.path("warmupTime").asText())
          .append(", measurement ")
          .append(r.path("measurementIterations").asInt())
          .append(" x ")
          .append(r.path("measurementTime").asText())
          .append("\n");
      md.append("- JVM arguments: `").append(r.path("jvmArgs").toString()).append("`\n");
    }
    if (machine != null && !machine.isBlank()) {
      md.append("- machine: ").append(machine.strip()).append('\n');
    }
    md.append("- libraries: ");
    List<String> libs = new ArrayList<>();
    for (Library l : Library.values()) {
      if (l != Library.BASELINE) {
        libs.add(l.title + " (" + l.versions() + ")");
      }
    }
    md.append(String.join("; ", libs)).append("\n\n");
  }

  private void evaluationTable(StringBuilder md, String variant, String title, String intro) {
    md.append("## ")
        .append(title)
        .append("\n\n")
        .append(intro)
        .append(" Each cell: average time per call (± the 99.9% confidence interval, relative)"
            + " and bytes allocated per call. \"fastest peer / flags\" above 1 means flags is"
            + " faster.\n\n");
    md.append("| # | Scenario |");
    for (Library l : Library.values()) {
      md.append(' ').append(l.title).append(" |");
    }
    md.append(" fastest peer / flags |\n|---|---|");
    for (int i = 0; i <= Library.values().length; i++) {
      md.append("---|");
    }
    md.append('\n');
    for (Scenario s : Scenario.values()) {
      md.append("| ").append(s.number).append(" | ").append(s.title).append(" |");
      for (Library l : Library.values()) {
        md.append(' ').append(cellText(s, variant, l)).append(" |");
      }
      md.append(' ').append(speedup(s, variant)).append(" |\n");
    }
    md.append('\n');
  }

  private String cellText(Scenario s, String variant, Library l) {
    JmhResult r = cell(s, variant, l);
    if (r != null) {
      String text = time(r.score) + relativeError(r) + "<br>" + allocation(r);
      String caveat = caveat(r, l);
      if (caveat != null) {
        int n = notes.computeIfAbsent(l.title + ": " + caveat, k -> notes.size() + 1);
        text += " [" + n + "]";
      }
      return text;
    }
    if (l.isPeer()) {
      String why = inexpressible.get(l).get(s.id);
      if (why != null) {
        return "n/a: " + why;
      }
      return "not run";
    }
    if (l == Library.BASELINE) {
      return "";
    }
    return "not run";
  }

  private String speedup(Scenario s, String variant) {
    JmhResult ours = cell(s, variant, Library.FLAGS);
    double best = Double.MAX_VALUE;
    for (Library peer : Library.peers()) {
      JmhResult r = cell(s, variant, peer);
      if (r != null) {
        best = Math.min(best, r.score);
      }
    }
    if (ours == null || best == Double.MAX_VALUE) {
      return "";
    }
    return fmt(best / ours.score, best / ours.score >= 10 ? 0 : 1) + "x";
  }

  private static String caveat(JmhResult r, Library l) {
    Class<?> type = load(l.benchmarkClass);
    if (type == null) {
      return null;
    }
    for (Method m : type.getMethods()) {
      if (m.getName().equals(r.method())) {
        Caveat c = m.getAnnotation(Caveat.class);
        return c == null ? null : c.value();
      }
    }
    return null;
  }

  private void notes(StringBuilder md) {
    if (notes.isEmpty()) {
      return;
    }
    md.append("Notes:\n\n");
    for (Map.Entry<String, Integer> e : notes.entrySet()) {
      md.append("- [").append(e.getValue()).append("] ").append(e.getKey()).append('\n');
    }
    md.append('\n');
  }

  private void scaling(StringBuilder md) {
    md.append("## Scaling: throughput with 1 and 2 threads (one shared client)\n\n");
    md.append("| Scenario | 1 thread | 2 threads | 2 threads / 1 thread | B/op |\n"
        + "|---|---|---|---|---|\n");
    boolean any = false;
    for (String scenario : new String[] {"simple", "rollout"}) {
      JmhResult one = find("ThroughputBenchmark", scenario + "_prebuilt_1thread", null);
      JmhResult two = find("ThroughputBenchmark", scenario + "_prebuilt_2threads", null);
      if (one == null && two == null) {
        continue;
      }
      any = true;
      md.append("| ")
          .append(scenario)
          .append(" | ")
          .append(one == null ? "not run" : fmt(one.score, 1) + " " + one.unit)
          .append(" | ")
          .append(two == null ? "not run" : fmt(two.score, 1) + " " + two.unit)
          .append(" | ")
          .append(one == null || two == null ? "" : fmt(two.score / one.score, 2) + "x")
          .append(" | ")
          .append(two == null ? "" : allocation(two))
          .append(" |\n");
    }
    if (!any) {
      md.append("| (not run) | | | | |\n");
    }
    md.append('\n');
  }

  private void load(StringBuilder md) {
    md.append("## Load path: generated documents\n\n");
    md.append("Milliseconds per document (and bytes allocated per load). `loadAndSwap` is the"
        + " public `Flags.load`; `parseValidateCompile` the same without publishing;"
        + " `parseValidate` without compiling.\n\n");
    md.append(
        "| Flags | loadAndSwap | parseValidateCompile | parseValidate |\n" + "|---|---|---|---|\n");
    boolean any = false;
    for (String n : new String[] {"100", "1000", "10000"}) {
      JmhResult a = find("LoadBenchmark", "loadAndSwap", n);
      JmhResult b = find("LoadBenchmark", "parseValidateCompile", n);
      JmhResult c = find("LoadBenchmark", "parseValidate", n);
      if (a == null && b == null && c == null) {
        continue;
      }
      any = true;
      md.append("| ")
          .append(String.format(Locale.ROOT, "%,d", Integer.parseInt(n)))
          .append(" | ")
          .append(loadCell(a))
          .append(" | ")
          .append(loadCell(b))
          .append(" | ")
          .append(loadCell(c))
          .append(" |\n");
    }
    if (!any) {
      md.append("| (not run) | | | |\n");
    }
    md.append('\n');
  }

  private static String loadCell(JmhResult r) {
    if (r == null) {
      return "not run";
    }
    return fmt(r.score, r.score < 10 ? 2 : 1) + " " + r.unit + "<br>" + allocation(r);
  }

  private void swap(StringBuilder md) {
    md.append("## Evaluation while another thread swaps snapshots\n\n");
    JmhResult swapping = find("SwapUnderLoadBenchmark", "swapping", null);
    JmhResult quiet = find("SwapUnderLoadBenchmark", "quiet", null);
    if (swapping == null && quiet == null) {
      md.append("(not run)\n\n");
      return;
    }
    md.append("| Reader | ns/op |\n|---|---|\n");
    if (quiet != null) {
      md.append("| alone (`quiet:readQuiet`) | ")
          .append(time(secondaryOr(quiet, "readQuiet")))
          .append(" |\n");
    }
    if (swapping != null) {
      md.append("| while a writer reloads a 1,000-flag document without pause (`swapping:read`) | ")
          .append(time(secondaryOr(swapping, "read")))
          .append(" |\n");
      Double swap = swapping.secondary.get("swap");
      if (swap != null) {
        md.append("| (the writer: one load, `swapping:swap`) | ")
            .append(time(swap))
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private static double secondaryOr(JmhResult r, String name) {
    Double v = r.secondary.get(name);
    return v != null ? v : r.score;
  }

  private void memory(StringBuilder md, Path memory) throws IOException {
    md.append("## Retained memory per flag\n\n");
    if (memory == null || !Files.exists(memory)) {
      md.append("(not measured: run `tools.RetainedMemory`)\n\n");
      return;
    }
    JsonNode root = JSON.readTree(memory.toFile());
    md.append("Method: ")
        .append(root.path("method").asText())
        .append(" (")
        .append(root.path("jvm").asText())
        .append(", ")
        .append(root.path("gc").asText())
        .append("). A snapshot does not keep its validated document (a client's history does,"
            + " for rollback); the next column is that document held alone, for comparison,"
            + " then a client that loaded the document once: all it keeps for a load; the last a"
            + " client that loaded "
            + Flags.DEFAULT_HISTORY_SIZE
            + " versions of it that differ in their version only (a full history), which share"
            + " their unchanged flags.\n\n");
    md.append("| Flags | Document size | Retained per snapshot | per flag | validated document"
        + " alone, per flag | client after one load, per flag | client with a full history,"
        + " per flag |\n|---|---|---|---|---|---|---|\n");
    for (JsonNode row : root.path("sizes")) {
      double perFlag = row.path("bytesPerFlag").asDouble();
      double doc = row.path("documentBytesPerFlag").asDouble();
      JsonNode client = row.path("clientBytesPerFlag");
      JsonNode history = row.path("fullHistoryClientBytesPerFlag");
      md.append("| ")
          .append(String.format(Locale.ROOT, "%,d", row.path("flags").asInt()))
          .append(" | ")
          .append(bytes(row.path("documentBytes").asDouble()))
          .append(" | ")
          .append(bytes(row.path("bytesPerSnapshot").asDouble()))
          .append(" | ")
          .append(bytes(perFlag))
          .append(" | ")
          .append(bytes(doc))
          .append(" | ")
          .append(client.isMissingNode() ? "-" : bytes(client.asDouble()))
          .append(" | ")
          .append(history.isMissingNode() ? "-" : bytes(history.asDouble()))
          .append(" |\n");
    }
    md.append('\n');
  }

  /** SafetyBenchmark's rows (metrics, exposures, guardrails) and ExposureLatencyBenchmark's. */
  private void safety(StringBuilder md) {
    md.append("## Safety loop: metrics, exposures, guardrails\n\n"
        + "| Benchmark | ns/op | B/op |\n|---|---|---|\n");
    boolean any = false;
    for (JmhResult r : results) {
      if (r.className().equals("SafetyBenchmark")) {
        any = true;
        md.append("| ")
            .append(r.method())
            .append(" | ")
            .append(time(r.score))
            .append(relativeError(r))
            .append(" | ")
            .append(allocation(r))
            .append(" |\n");
      }
    }
    if (!any) {
      md.append("| (not run) | | |\n");
    }
    md.append("\nEvaluation latency with a slow exposure listener (sample mode, 65,536 users):\n\n"
        + "| Benchmark | p50 | p99 | p99.9 | B/op |\n|---|---|---|---|---|\n");
    any = false;
    for (JmhResult r : results) {
      if (r.className().equals("ExposureLatencyBenchmark")) {
        any = true;
        JsonNode p = r.raw.path("primaryMetric").path("scorePercentiles");
        md.append("| ")
            .append(r.method())
            .append(" | ")
            .append(time(p.path("50.0").asDouble()))
            .append(" | ")
            .append(time(p.path("99.0").asDouble()))
            .append(" | ")
            .append(time(p.path("99.9").asDouble()))
            .append(" | ")
            .append(allocation(r))
            .append(" |\n");
      }
    }
    if (!any) {
      md.append("| (not run) | | | | |\n");
    }
    md.append('\n');
  }

  private void micro(StringBuilder md) {
    md.append("## Building blocks\n\n| Benchmark | ns/op | B/op |\n|---|---|---|\n");
    boolean any = false;
    for (JmhResult r : results) {
      String c = r.className();
      if (c.equals("ContextBenchmark") || c.equals("BucketingBenchmark")) {
        any = true;
        md.append("| ")
            .append(c)
            .append('.')
            .append(r.method())
            .append(" | ")
            .append(time(r.score))
            .append(" | ")
            .append(allocation(r))
            .append(" |\n");
      }
    }
    if (!any) {
      md.append("| (not run) | | |\n");
    }
    md.append('\n');
  }

  JmhResult cell(Scenario s, String variant, Library l) {
    Map<String, Map<Library, JmhResult>> byVariant = cells.get(s);
    if (byVariant == null) {
      return null;
    }
    Map<Library, JmhResult> byLib = byVariant.get(variant);
    return byLib == null ? null : byLib.get(l);
  }

  JmhResult find(String className, String method, String flagCount) {
    for (JmhResult r : results) {
      if (r.className().equals(className)
          && r.method().equals(method)
          && (flagCount == null || flagCount.equals(r.params.get("flagCount")))) {
        return r;
      }
    }
    return null;
  }

  private static Class<?> load(String name) {
    if (name == null) {
      return null;
    }
    try {
      return Class.forName(name, false, Report.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
