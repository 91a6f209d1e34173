package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.Guardrail;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a flag's optional {@code guardrail}: its window, minimum samples and thresholds, each
 * checked with its range, every problem with its path. The value it builds is a public {@link
 * Guardrail}, so a guardrail from the document and one set in code are the same thing.
 */
final class GuardrailReader {
  static final List<String> FIELDS = List.of(
      "windowSeconds",
      "buckets",
      "minSamples",
      "maxFailureRate",
      "maxFailureRateAboveControl",
      "maxLatencyMillis",
      "latencyPercentile",
      "restoreOnNewDocument");

  private static final long MAX_WINDOW_SECONDS = Guardrail.MAX_WINDOW.toSeconds();
  private static final long MAX_LATENCY_MILLIS = Guardrail.MAX_WINDOW.toMillis();

  private final Problems problems;

  GuardrailReader(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reads {@code <flagPath>.guardrail}.
   *
   * @return the guardrail, or null when absent or after reporting a problem
   */
  @Nullable
  Guardrail read(JsonNode flag, Path flagPath) {
    JsonNode node = flag.get("guardrail");
    if (node == null) {
      return null;
    }
    Path path = flagPath.key("guardrail");
    if (!problems.object(node, path, "must be an object {\"maxFailureRate\": ..., ...}")) {
      return null;
    }
    int mark = problems.count();
    problems.unknownFields(node, path, FIELDS);
    long window = integer(node, path, "windowSeconds", 1, MAX_WINDOW_SECONDS, "seconds");
    long buckets = integer(node, path, "buckets", 1, Guardrail.MAX_BUCKETS, null);
    long minSamples = integer(node, path, "minSamples", 1, Integer.MAX_VALUE, null);
    double rate = fraction(node, path, "maxFailureRate");
    double aboveControl = fraction(node, path, "maxFailureRateAboveControl");
    double latency = positive(node, path, "maxLatencyMillis", MAX_LATENCY_MILLIS);
    double percentile = percentile(node, path, latency);
    boolean restore = problems.bool(node, path, "restoreOnNewDocument", false);
    if (rate < 0 && aboveControl < 0 && latency < 0 && !problems.addedSince(mark)) {
      problems.add(
          path,
          "a guardrail needs a threshold: set maxFailureRate, maxFailureRateAboveControl or"
              + " maxLatencyMillis");
    }
    if (problems.addedSince(mark)) {
      return null;
    }
    Guardrail.Builder b = Guardrail.newBuilder().restoreOnNewDocument(restore);
    b.window(
        Duration.ofSeconds(window > 0 ? window : Guardrail.DEFAULT_WINDOW.toSeconds()),
        buckets > 0 ? (int) buckets : Guardrail.DEFAULT_BUCKETS);
    if (minSamples > 0) {
      b.minSamples((int) minSamples);
    }
    if (rate >= 0) {
      b.maxFailureRate(rate);
    }
    if (aboveControl >= 0) {
      b.maxFailureRateAboveControl(aboveControl);
    }
    if (latency > 0) {
      // At least 1 ns: a threshold below a nanosecond is "any timed outcome".
      b.maxLatency(Duration.ofNanos(Math.max(1, Math.round(latency * 1_000_000))), percentile);
    }
    return b.build();
  }

  /** An optional integer field from {@code min} to {@code max}; -1 when absent or wrong. */
  private long integer(
      JsonNode owner, Path path, String field, long min, long max, @Nullable String unit) {
    JsonNode v = owner.get(field);
    if (v == null) {
      return -1;
    }
    if (v.isIntegralNumber()
        && v.canConvertToLong()
        && v.longValue() >= min
        && v.longValue() <= max) {
      return v.longValue();
    }
    problems.mismatch(
        v,
        path.key(field),
        "must be an integer from " + min + " to " + max + (unit == null ? "" : " (" + unit + ")"));
    return -1;
  }

  /** An optional rate from 0 to below 1; -1 when absent or wrong. */
  private double fraction(JsonNode owner, Path path, String field) {
    JsonNode v = owner.get(field);
    if (v == null) {
      return -1;
    }
    if (v.isNumber() && v.doubleValue() >= 0 && v.doubleValue() < 1) {
      return v.doubleValue();
    }
    problems.mismatch(v, path.key(field), "must be a number from 0 to below 1 (0.05 is 5%)");
    return -1;
  }

  /** An optional number above 0 and at most {@code max}; -1 when absent or wrong. */
  private double positive(JsonNode owner, Path path, String field, long max) {
    JsonNode v = owner.get(field);
    if (v == null) {
      return -1;
    }
    if (v.isNumber() && v.doubleValue() > 0 && v.doubleValue() <= max) {
      return v.doubleValue();
    }
    problems.mismatch(v, path.key(field), "must be a number above 0 and at most " + max);
    return -1;
  }

  private double percentile(JsonNode owner, Path path, double latency) {
    JsonNode v = owner.get("latencyPercentile");
    if (v == null) {
      return Guardrail.DEFAULT_LATENCY_PERCENTILE;
    }
    Path p = path.key("latencyPercentile");
    if (!(v.isNumber() && v.doubleValue() >= 50 && v.doubleValue() < 100)) {
      problems.mismatch(v, p, "must be a number from 50 to below 100");
      return Guardrail.DEFAULT_LATENCY_PERCENTILE;
    }
    if (latency < 0 && owner.get("maxLatencyMillis") == null) {
      problems.add(p, "applies to maxLatencyMillis, which is not set");
    }
    return v.doubleValue();
  }
}
