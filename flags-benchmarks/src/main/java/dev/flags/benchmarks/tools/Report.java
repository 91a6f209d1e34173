package dev.flags.benchmarks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private static final String PREBUILT = "prebuilt";
  private static final String BUILT = "built";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JmhResult> results;
  /** scenario -> variant -> library -> result. */
  private final Map<Scenario, Map<String, Map<Library, JmhResult>>> cells =
      new EnumMap<>(Scenario.class);

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
    Files.writeString(chart, report.svg(), StandardCharsets.UTF_8);
    System.out.println("wrote " + table + " and " + chart);
  }

  // ---------------------------------------------------------------------------------------------
  // Markdown

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
    targets(md);
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

  private void targets(StringBuilder md) {
    md.append("## Targets\n\n");
    md.append("| Target | Measured | Verdict |\n|---|---|---|\n");

    // 1. Zero allocation on every evaluation scenario with a pre-built context.
    List<String> allocating = new ArrayList<>();
    int measured = 0;
    for (JmhResult r : results) {
      if (AllocationGuard.isGated(r)) {
        Double norm = r.allocNorm();
        if (norm != null && !norm.isNaN()) {
          measured++;
          if (norm >= AllocationGuard.LIMIT_BYTES_PER_OP) {
            allocating.add(r.className() + "." + r.method() + " " + bytes(norm));
          }
        }
      }
    }
    row(
        md,
        "0 B/op for every evaluation scenario with a pre-built context",
        measured == 0
            ? "no gc data (run with -prof gc)"
            : allocating.isEmpty()
                ? measured + " benchmarks, all < 1 B/op"
                : String.join("; ", allocating),
        measured == 0 ? null : allocating.isEmpty());

    // 2. Simple and killed within 2x of the HashMap baseline.
    for (Scenario s : new Scenario[] {Scenario.SIMPLE, Scenario.KILLED}) {
      JmhResult ours = cell(s, PREBUILT, Library.FLAGS);
      JmhResult base = cell(s, PREBUILT, Library.BASELINE);
      if (ours == null || base == null) {
        row(md, s.title + " within 2x of the HashMap baseline", "not measured", null);
      } else {
        double ratio = ours.score / base.score;
        row(
            md,
            s.title + " within 2x of the HashMap baseline",
            time(ours.score) + " vs " + time(base.score) + " = " + fmt(ratio, 2) + "x",
            ratio <= 2.0);
      }
    }

    // 3. Absolute latency targets.
    latency(md, Scenario.ROLLOUT, 25);
    latency(md, Scenario.RULE_MATCH, 25);
    latency(md, Scenario.TARGET_HIT, 25);
    latency(md, Scenario.SEGMENT, 25);
    latency(md, Scenario.TEN_RULES, 100);

    // 4. Faster than every peer on every shared scenario.
    List<String> slower = new ArrayList<>();
    int compared = 0;
    for (Scenario s : Scenario.values()) {
      for (String variant : new String[] {PREBUILT, BUILT}) {
        JmhResult ours = cell(s, variant, Library.FLAGS);
        if (ours == null) {
          continue;
        }
        for (Library peer : Library.peers()) {
          JmhResult theirs = cell(s, variant, peer);
          if (theirs != null) {
            compared++;
            if (theirs.score <= ours.score) {
              slower.add(s.id + "_" + variant + " vs " + peer.title + " (" + time(ours.score)
                  + " vs " + time(theirs.score) + ")");
            }
          }
        }
      }
    }
    row(
        md,
        "Faster than every peer on every shared scenario",
        compared == 0
            ? "no peer results"
            : slower.isEmpty()
                ? "faster in all " + compared + " comparisons"
                : "slower or equal in " + slower.size() + " of " + compared + ": "
                    + String.join("; ", slower),
        compared == 0 ? null : slower.isEmpty());

    // 5. >= 10x faster than LaunchDarkly on the sticky rollout.
    JmhResult ours = cell(Scenario.ROLLOUT, PREBUILT, Library.FLAGS);
    JmhResult ld = cell(Scenario.ROLLOUT, PREBUILT, Library.LAUNCHDARKLY);
    if (ours == null || ld == null) {
      row(md, ">= 10x faster than LaunchDarkly on the sticky rollout", "not measured", null);
    } else {
      double ratio = ld.score / ours.score;
      row(
          md,
          ">= 10x faster than LaunchDarkly on the sticky rollout",
          time(ld.score) + " / " + time(ours.score) + " = " + fmt(ratio, 1) + "x",
          ratio >= 10);
    }

    // 6. Scaling.
    for (String scenario : new String[] {"simple", "rollout"}) {
      JmhResult one = find("ThroughputBenchmark", scenario + "_prebuilt_1thread", null);
      JmhResult two = find("ThroughputBenchmark", scenario + "_prebuilt_2threads", null);
      String label = "2 threads >= 1.8x single-thread throughput (" + scenario + ")";
      if (one == null || two == null) {
        row(md, label, "not measured", null);
      } else {
        double ratio = two.score / one.score;
        row(
            md,
            label,
            fmt(two.score, 1) + " / " + fmt(one.score, 1) + " " + one.unit + " = " + fmt(ratio, 2)
                + "x",
            ratio >= 1.8);
      }
    }

    // 7. Load path.
    JmhResult load = find("LoadBenchmark", "loadAndSwap", "10000");
    if (load == null) {
      row(md, "Parse + validate + compile + swap of 10,000 flags <= 250 ms", "not measured", null);
    } else {
      row(
          md,
          "Parse + validate + compile + swap of 10,000 flags <= 250 ms",
          fmt(load.score, 1) + " " + load.unit,
          load.score <= 250);
    }
    md.append('\n');
  }

  private void latency(StringBuilder md, Scenario s, double limitNs) {
    JmhResult r = cell(s, PREBUILT, Library.FLAGS);
    String label = s.title + " <= " + (int) limitNs + " ns/op";
    if (r == null) {
      row(md, label, "not measured", null);
    } else {
      row(md, label, time(r.score), r.score <= limitNs);
    }
  }

  private static void row(StringBuilder md, String target, String measured, Boolean pass) {
    md.append("| ")
        .append(target)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(pass == null ? "not measured" : pass ? "met" : "**missed**")
        .append(" |\n");
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
            + " for rollback); the last column is that document held alone, for comparison.\n\n");
    md.append("| Flags | Document size | Retained per snapshot | per flag | validated document"
        + " alone, per flag |\n|---|---|---|---|---|\n");
    for (JsonNode row : root.path("sizes")) {
      double perFlag = row.path("bytesPerFlag").asDouble();
      double doc = row.path("documentBytesPerFlag").asDouble();
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
          .append(" |\n");
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

  // ---------------------------------------------------------------------------------------------
  // SVG

  private static final String[] COLORS = {
    "#1b6ac9", "#7f7f7f", "#e8590c", "#2f9e44", "#9c36b5", "#c92a2a", "#e6a700"
  };

  private String svg() {
    List<Scenario> rows = new ArrayList<>();
    double max = 10;
    double min = 1;
    for (Scenario s : Scenario.values()) {
      Map<Library, JmhResult> m = cells.getOrDefault(s, Map.of()).get(PREBUILT);
      if (m != null && !m.isEmpty()) {
        rows.add(s);
        for (JmhResult r : m.values()) {
          max = Math.max(max, r.score);
          min = Math.min(min, r.score);
        }
      }
    }
    Library[] libs = Library.values();
    int bar = 9;
    int gap = 12;
    int labelWidth = 300;
    int plotWidth = 760;
    int top = 70;
    int groupHeight = libs.length * bar + gap;
    int height = top + rows.size() * groupHeight + 60;
    int width = labelWidth + plotWidth + 40;
    double lo = Math.floor(Math.log10(Math.max(0.1, min)));
    double hi = Math.ceil(Math.log10(max));
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(
        Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        width,
        height,
        width,
        height));
    svg.append(String.format(
        Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append("<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">"
        + "Evaluation time per call, pre-built context (ns/op, log scale; shorter is better)"
        + "</text>\n");
    // Legend.
    int lx = 10;
    for (int i = 0; i < libs.length; i++) {
      svg.append(String.format(
          Locale.ROOT,
          "<rect x=\"%d\" y=\"34\" width=\"12\" height=\"12\" fill=\"%s\"/>"
              + "<text x=\"%d\" y=\"45\">%s</text>%n",
          lx,
          COLORS[i],
          lx + 16,
          escape(libs[i].title)));
      lx += 24 + libs[i].title.length() * 7;
    }
    // Grid: one line per decade.
    for (double d = lo; d <= hi; d++) {
      double x = labelWidth + (d - lo) / (hi - lo) * plotWidth;
      svg.append(String.format(
          Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
          x,
          top - 8,
          x,
          height - 40,
          x,
          height - 24,
          escape(time(Math.pow(10, d)))));
    }
    int y = top;
    for (Scenario s : rows) {
      Map<Library, JmhResult> m = cells.get(s).get(PREBUILT);
      svg.append(String.format(
          Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s %s</text>%n",
          labelWidth - 8,
          y + groupHeight / 2,
          escape(s.number),
          escape(s.title)));
      for (int i = 0; i < libs.length; i++) {
        JmhResult r = m.get(libs[i]);
        int by = y + i * bar;
        if (r == null) {
          continue;
        }
        double v = Math.log10(Math.max(Math.pow(10, lo), r.score));
        double w = Math.max(1, (v - lo) / (hi - lo) * plotWidth);
        svg.append(String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s: %s</title></rect>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"#333\">%s</text>%n",
            labelWidth,
            by,
            w,
            bar - 1,
            COLORS[i],
            escape(libs[i].title),
            escape(time(r.score)),
            labelWidth + w + 3,
            by + bar - 1,
            escape(time(r.score))));
      }
      y += groupHeight;
    }
    svg.append(String.format(
        Locale.ROOT,
        "<text x=\"10\" y=\"%d\" fill=\"#555\">Missing bar: the library cannot express the"
            + " scenario (see table.md). Generated from JMH results by"
            + " dev.flags.benchmarks.tools.Report.</text>%n",
        height - 6));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups and formatting

  private JmhResult cell(Scenario s, String variant, Library l) {
    Map<String, Map<Library, JmhResult>> byVariant = cells.get(s);
    if (byVariant == null) {
      return null;
    }
    Map<Library, JmhResult> byLib = byVariant.get(variant);
    return byLib == null ? null : byLib.get(l);
  }

  private JmhResult find(String className, String method, String flagCount) {
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

  /** Time in ns, printed with a unit that keeps three significant digits. */
  static String time(double ns) {
    if (Double.isNaN(ns)) {
      return "?";
    }
    if (ns < 1_000) {
      return fmt(ns, ns < 10 ? 2 : ns < 100 ? 1 : 0) + " ns";
    }
    if (ns < 1_000_000) {
      double us = ns / 1_000;
      return fmt(us, us < 10 ? 2 : us < 100 ? 1 : 0) + " µs";
    }
    double ms = ns / 1_000_000;
    return fmt(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0) + " ms";
  }

  private static String relativeError(JmhResult r) {
    if (Double.isNaN(r.scoreError) || r.score == 0) {
      return "";
    }
    return " ±" + Math.round(100 * r.scoreError / r.score) + "%";
  }

  private static String allocation(JmhResult r) {
    Double norm = r.allocNorm();
    if (norm == null || norm.isNaN()) {
      return "? B";
    }
    return bytes(norm);
  }

  static String bytes(double b) {
    if (b < 1) {
      return "0 B";
    }
    if (b < 10_000) {
      return String.format(Locale.ROOT, "%,d B", Math.round(b));
    }
    if (b < 10_000_000) {
      return fmt(b / 1024, b < 1_000_000 ? 1 : 0) + " KiB";
    }
    return fmt(b / (1024 * 1024), 0) + " MiB";
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
