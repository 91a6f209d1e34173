package dev.flags.benchmarks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One entry of JMH's JSON result file, with what the tools need from it. */
final class JmhResult {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fully qualified: {@code package.Class.method} (for a group, {@code package.Class.group}). */
  final String benchmark;

  final String mode;
  final int threads;
  final Map<String, String> params;
  final double score;
  final double scoreError;
  final String unit;
  /** Secondary metrics by name (e.g. {@code gc.alloc.rate.norm}, or a group member's name). */
  final Map<String, Double> secondary;

  final Map<String, String> secondaryUnits;
  final JsonNode raw;

  private JmhResult(JsonNode node) {
    raw = node;
    benchmark = node.path("benchmark").asText();
    mode = node.path("mode").asText();
    threads = node.path("threads").asInt(1);
    params = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.path("params").properties()) {
      params.put(e.getKey(), e.getValue().asText());
    }
    JsonNode primary = node.path("primaryMetric");
    score = primary.path("score").asDouble(Double.NaN);
    scoreError = primary.path("scoreError").asDouble(Double.NaN);
    unit = primary.path("scoreUnit").asText();
    secondary = new TreeMap<>();
    secondaryUnits = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.path("secondaryMetrics").properties()) {
      secondary.put(e.getKey(), e.getValue().path("score").asDouble(Double.NaN));
      secondaryUnits.put(e.getKey(), e.getValue().path("scoreUnit").asText());
    }
  }

  /** The simple class name. */
  String className() {
    String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
  }

  /** The fully qualified class name. */
  String classFqn() {
    return benchmark.substring(0, benchmark.lastIndexOf('.'));
  }

  /** The method (or group) name. */
  String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /**
   * Bytes allocated per operation, or null when the run had no {@code -prof gc}. JMH's gc profiler
   * leaves {@code gc.alloc.rate.norm} out of an iteration in which the whole JVM allocated no byte
   * at all, and reports {@code gc.alloc.rate} as 0 then: that is 0 bytes per operation.
   */
  Double allocNorm() {
    Double norm = secondary.get("gc.alloc.rate.norm");
    if (norm == null) {
      Double rate = secondary.get("gc.alloc.rate");
      if (rate != null && rate == 0.0) {
        return 0.0;
      }
    }
    return norm;
  }

  /** The benchmark name with its parameters, as JMH prints it. */
  String label() {
    if (params.isEmpty()) {
      return benchmark;
    }
    StringBuilder b = new StringBuilder(benchmark).append(" (");
    String sep = "";
    for (Map.Entry<String, String> e : params.entrySet()) {
      b.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return b.append(')').toString();
  }

  static List<JmhResult> read(Path file) throws IOException {
    List<JmhResult> results = new ArrayList<>();
    String text = Files.readString(file).trim();
    if (text.isEmpty()) {
      return results;
    }
    JsonNode root = JSON.readTree(text);
    for (JsonNode n : root) {
      results.add(new JmhResult(n));
    }
    return results;
  }

  static List<JmhResult> readAll(List<Path> files) throws IOException {
    List<JmhResult> all = new ArrayList<>();
    for (Path f : files) {
      all.addAll(read(f));
    }
    return all;
  }
}
