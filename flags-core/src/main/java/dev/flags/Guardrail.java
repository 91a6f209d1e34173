package dev.flags;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * An automatic kill switch for one flag: thresholds on the outcomes the application reports for
 * the code behind the flag ({@link Flags#recordSuccess}, {@link Flags#recordFailure}, {@link
 * Flags#guard}), over a sliding window. When the variants other than the off-variant cross a
 * threshold, with at least {@link #minSamples()} outcomes in the window, the client kills the
 * flag as {@link Flags#kill} does, and it stays killed until an operator restores it.
 *
 * <p>Declared in the flag document ({@code "guardrail": {...}} on a flag, see {@code
 * docs/document-format.md}) or set in code with {@link Flags#setGuardrail}; immutable.
 *
 * <pre>{@code
 * Guardrail g = Guardrail.newBuilder()
 *     .maxFailureRate(0.05)                        // more than 5% failures kills
 *     .window(Duration.ofSeconds(60), 10)          // the last 60 s, in 10 buckets of 6 s
 *     .minSamples(100)                             // never on fewer outcomes than this
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Guardrail {
  /** The default window: the last 60 seconds. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  /** The default number of buckets the window slides by. */
  public static final int DEFAULT_BUCKETS = 10;

  /** The default least number of outcomes of the new variants before a threshold applies. */
  public static final int DEFAULT_MIN_SAMPLES = 100;

  /** The default latency percentile. */
  public static final double DEFAULT_LATENCY_PERCENTILE = 99;

  /** The longest window. */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** The most buckets. */
  public static final int MAX_BUCKETS = 1_000;

  private final Duration window;
  private final int buckets;
  private final int minSamples;
  private final double maxFailureRate;
  private final double maxFailureRateAboveControl;
  private final @Nullable Duration maxLatency;
  private final double latencyPercentile;
  private final boolean restoreOnNewDocument;

  private Guardrail(Builder b) {
    this.window = b.window;
    this.buckets = b.buckets;
    this.minSamples = b.minSamples;
    this.maxFailureRate = b.maxFailureRate;
    this.maxFailureRateAboveControl = b.maxFailureRateAboveControl;
    this.maxLatency = b.maxLatency;
    this.latencyPercentile = b.latencyPercentile;
    this.restoreOnNewDocument = b.restoreOnNewDocument;
  }

  /**
   * A builder; at least one threshold must be set.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the length of the sliding window.
   *
   * @return the window
   */
  public Duration window() {
    return window;
  }

  /**
   * Returns the number of buckets the window slides by (it moves one bucket at a time).
   *
   * @return the bucket count
   */
  public int buckets() {
    return buckets;
  }

  /**
   * Returns the least number of outcomes of the new variants in the window before any threshold
   * applies (and, for {@link #maxFailureRateAboveControl()}, of the off-variant too).
   *
   * @return the minimum
   */
  public int minSamples() {
    return minSamples;
  }

  /**
   * Returns the failure rate of the variants other than the off-variant above which the flag is
   * killed.
   *
   * @return the rate, from 0 to 1, or empty when not set
   */
  public OptionalDouble maxFailureRate() {
    return maxFailureRate < 0 ? OptionalDouble.empty() : OptionalDouble.of(maxFailureRate);
  }

  /**
   * Returns how far the new variants' failure rate may exceed the off-variant's (the control's)
   * before the flag is killed: it kills when {@code newRate > controlRate + this}.
   *
   * @return the difference, from 0 to 1, or empty when not set
   */
  public OptionalDouble maxFailureRateAboveControl() {
    return maxFailureRateAboveControl < 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(maxFailureRateAboveControl);
  }

  /**
   * Returns the latency of the new variants' guarded calls (at {@link #latencyPercentile()})
   * above which the flag is killed.
   *
   * @return the latency, or empty when not set
   */
  public Optional<Duration> maxLatency() {
    return Optional.ofNullable(maxLatency);
  }

  /**
   * Returns the percentile {@link #maxLatency()} applies to: the flag is killed when more than
   * {@code (100 - p)%} of the timed outcomes took longer than the latency.
   *
   * @return the percentile, from 50 to below 100
   */
  public double latencyPercentile() {
    return latencyPercentile;
  }

  /**
   * Returns whether a newer document that changes the flag lifts a kill by this guardrail; by
   * default it does not, and only an operator's {@link Flags#restore} does.
   *
   * @return true if a changed definition restores the flag
   */
  public boolean restoreOnNewDocument() {
    return restoreOnNewDocument;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Guardrail g
        && window.equals(g.window)
        && buckets == g.buckets
        && minSamples == g.minSamples
        && Double.compare(maxFailureRate, g.maxFailureRate) == 0
        && Double.compare(maxFailureRateAboveControl, g.maxFailureRateAboveControl) == 0
        && Objects.equals(maxLatency, g.maxLatency)
        && Double.compare(latencyPercentile, g.latencyPercentile) == 0
        && restoreOnNewDocument == g.restoreOnNewDocument;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        window,
        buckets,
        minSamples,
        maxFailureRate,
        maxFailureRateAboveControl,
        maxLatency,
        latencyPercentile,
        restoreOnNewDocument);
  }

  /** For example {@code failure rate > 5%, window 60s in 10 buckets, min samples 100}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (maxFailureRate >= 0) {
      sb.append("failure rate > ").append(percent(maxFailureRate)).append(", ");
    }
    if (maxFailureRateAboveControl >= 0) {
      sb.append("failure rate > control + ")
          .append(percent(maxFailureRateAboveControl))
          .append(", ");
    }
    if (maxLatency != null) {
      sb.append("p")
          .append(number(latencyPercentile))
          .append(" latency > ")
          .append(maxLatency.toMillis())
          .append(" ms, ");
    }
    sb.append("window ")
        .append(window.toMillis() % 1000 == 0 ? window.toSeconds() + "s" : window.toMillis() + "ms")
        .append(" in ")
        .append(buckets)
        .append(" buckets, min samples ")
        .append(minSamples);
    if (restoreOnNewDocument) {
      sb.append(", restore on new document");
    }
    return sb.toString();
  }

  /** A rate as a percentage, up to two decimals: {@code 5%}, {@code 2.5%}. */
  static String percent(double rate) {
    return number(rate * 100) + "%";
  }

  private static String number(double d) {
    String s = String.format(Locale.ROOT, "%.2f", d);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Builds a {@link Guardrail}. Each setter throws {@link IllegalArgumentException} for a value
   * out of range, saying the range. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Duration window = DEFAULT_WINDOW;
    private int buckets = DEFAULT_BUCKETS;
    private int minSamples = DEFAULT_MIN_SAMPLES;
    private double maxFailureRate = -1;
    private double maxFailureRateAboveControl = -1;
    private @Nullable Duration maxLatency;
    private double latencyPercentile = DEFAULT_LATENCY_PERCENTILE;
    private boolean restoreOnNewDocument;

    private Builder() {}

    /**
     * Sets the sliding window (default 60 s in 10 buckets).
     *
     * @param window from 1 ms to {@link Guardrail#MAX_WINDOW}, at least 1 ms per bucket
     * @param buckets from 1 to {@link Guardrail#MAX_BUCKETS}
     * @return this builder
     */
    public Builder window(Duration window, int buckets) {
      Objects.requireNonNull(window, "window");
      if (window.toMillis() < 1 || window.compareTo(MAX_WINDOW) > 0) {
        throw new IllegalArgumentException(
            "guardrail window must be from 1 ms to 1 day but was " + window);
      }
      if (buckets < 1 || buckets > MAX_BUCKETS || window.toMillis() < buckets) {
        throw new IllegalArgumentException("guardrail buckets must be from 1 to " + MAX_BUCKETS
            + " and at most one per millisecond of the window, but was " + buckets);
      }
      this.window = window;
      this.buckets = buckets;
      return this;
    }

    /**
     * Sets the least number of outcomes in the window before a threshold applies (default
     * {@value Guardrail#DEFAULT_MIN_SAMPLES}).
     *
     * @param min at least 1
     * @return this builder
     */
    public Builder minSamples(int min) {
      if (min < 1) {
        throw new IllegalArgumentException(
            "guardrail minSamples must be at least 1 but was " + min);
      }
      this.minSamples = min;
      return this;
    }

    /**
     * Kills the flag when the new variants fail more often than this.
     *
     * @param rate from 0 to below 1 (0: any failure, once there are enough samples)
     * @return this builder
     */
    public Builder maxFailureRate(double rate) {
      this.maxFailureRate = rate(rate, "maxFailureRate");
      return this;
    }

    /**
     * Kills the flag when the new variants' failure rate exceeds the off-variant's by more than
     * this (both with at least {@code minSamples} outcomes).
     *
     * @param difference from 0 to below 1
     * @return this builder
     */
    public Builder maxFailureRateAboveControl(double difference) {
      this.maxFailureRateAboveControl = rate(difference, "maxFailureRateAboveControl");
      return this;
    }

    /**
     * Kills the flag when the new variants' guarded calls take longer than {@code latency} at
     * the {@code percentile}.
     *
     * @param latency more than zero, at most {@link Guardrail#MAX_WINDOW}
     * @param percentile from 50 to below 100, e.g. 99
     * @return this builder
     */
    public Builder maxLatency(Duration latency, double percentile) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative() || latency.isZero() || latency.compareTo(MAX_WINDOW) > 0) {
        throw new IllegalArgumentException(
            "guardrail maxLatency must be more than zero and at most 1 day but was " + latency);
      }
      if (!(percentile >= 50 && percentile < 100)) {
        throw new IllegalArgumentException(
            "guardrail latency percentile must be from 50 to below 100 but was " + percentile);
      }
      this.maxLatency = latency;
      this.latencyPercentile = percentile;
      return this;
    }

    /**
     * Lets a newer document that changes the flag lift a kill by this guardrail (default: only
     * an operator's restore does).
     *
     * @param restore true to restore on a changed definition
     * @return this builder
     */
    public Builder restoreOnNewDocument(boolean restore) {
      this.restoreOnNewDocument = restore;
      return this;
    }

    /**
     * Builds the guardrail.
     *
     * @return the guardrail
     * @throws IllegalStateException if no threshold is set
     */
    public Guardrail build() {
      if (maxFailureRate < 0 && maxFailureRateAboveControl < 0 && maxLatency == null) {
        throw new IllegalStateException("a guardrail needs a threshold: set maxFailureRate,"
            + " maxFailureRateAboveControl or maxLatency");
      }
      return new Guardrail(this);
    }

    private static double rate(double rate, String what) {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException(
            "guardrail " + what + " must be from 0 to below 1 but was " + rate);
      }
      return rate;
    }
  }
}
