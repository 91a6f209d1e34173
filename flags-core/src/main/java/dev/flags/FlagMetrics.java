package dev.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A client's counts over an interval: evaluations by flag, variant and reason (when metrics are
 * on, {@link Flags.Builder#metrics(boolean)}), and what happened to it (swaps, rejected
 * documents, kills, guardrail trips, exposure events delivered and dropped, and how often and how
 * long exposures were shed). From {@link
 * Flags#metrics()} (everything since the client was built) or {@link Flags#resetMetrics()} (since
 * the previous reset). Immutable.
 *
 * <pre>{@code
 * FlagMetrics m = flags.metrics();
 * for (EvaluationCount c : m.evaluations()) {
 *   log.info("{} {} {}: {}", c.flagKey(), c.variant(), c.openTelemetryReason(), c.count());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FlagMetrics {
  private final Instant from;
  private final Instant to;
  private final List<EvaluationCount> evaluations;
  private final long swaps;
  private final long rejections;
  private final long kills;
  private final long guardrailTrips;
  private final long exposures;
  private final long exposuresDropped;
  private final long exposureSheds;
  private final long exposureShedMillis;

  private FlagMetrics(Instant from, Instant to, List<EvaluationCount> evaluations, long[] events) {
    this.from = from;
    this.to = to;
    this.evaluations = List.copyOf(evaluations);
    this.swaps = events[0];
    this.rejections = events[1];
    this.kills = events[2];
    this.guardrailTrips = events[3];
    this.exposures = events[4];
    this.exposuresDropped = events[5];
    this.exposureSheds = events[6];
    this.exposureShedMillis = events[7];
  }

  /**
   * Creates metrics (used by the client).
   *
   * @param from the start of the interval
   * @param to its end
   * @param evaluations the rows
   * @param events swaps, rejections, kills, guardrail trips, exposures, exposures dropped,
   *     exposure sheds, milliseconds shed
   * @return the metrics
   */
  static FlagMetrics of(
      Instant from, Instant to, List<EvaluationCount> evaluations, long[] events) {
    if (events.length != 8) {
      throw new IllegalArgumentException("eight event counts expected");
    }
    return new FlagMetrics(
        Objects.requireNonNull(from), Objects.requireNonNull(to), evaluations, events.clone());
  }

  /**
   * Returns the start of the interval these counts cover.
   *
   * @return when the client was built, or the previous reset
   */
  public Instant from() {
    return from;
  }

  /**
   * Returns the end of the interval.
   *
   * @return when these counts were read
   */
  public Instant to() {
    return to;
  }

  /**
   * Returns the evaluation counts, one per (version, flag, variant, reason), for rows above zero;
   * empty when metrics are off.
   *
   * @return the rows
   */
  public List<EvaluationCount> evaluations() {
    return evaluations;
  }

  /**
   * Returns the number of evaluations counted.
   *
   * @return the sum of every row
   */
  public long total() {
    long n = 0;
    for (EvaluationCount c : evaluations) {
      n += c.count();
    }
    return n;
  }

  /**
   * Returns the evaluations of one flag.
   *
   * @param flagKey the flag key
   * @return the count
   */
  public long count(String flagKey) {
    long n = 0;
    for (EvaluationCount c : evaluations) {
      if (c.flagKey().equals(flagKey)) {
        n += c.count();
      }
    }
    return n;
  }

  /**
   * Returns the evaluations of one flag that served one variant.
   *
   * @param flagKey the flag key
   * @param variant the variant name
   * @return the count
   */
  public long count(String flagKey, String variant) {
    long n = 0;
    for (EvaluationCount c : evaluations) {
      if (c.flagKey().equals(flagKey) && variant.equals(c.variant())) {
        n += c.count();
      }
    }
    return n;
  }

  /**
   * Returns the evaluations of one flag with one reason.
   *
   * @param flagKey the flag key
   * @param reason the reason
   * @return the count
   */
  public long count(String flagKey, Reason reason) {
    long n = 0;
    for (EvaluationCount c : evaluations) {
      if (c.flagKey().equals(flagKey) && c.reason() == reason) {
        n += c.count();
      }
    }
    return n;
  }

  /**
   * Returns the documents served (swaps of any cause).
   *
   * @return the count
   */
  public long swaps() {
    return swaps;
  }

  /**
   * Returns the documents rejected.
   *
   * @return the count
   */
  public long rejections() {
    return rejections;
  }

  /**
   * Returns the kills by operators and guardrails ({@code kill}, {@code killTag}).
   *
   * @return the count
   */
  public long kills() {
    return kills;
  }

  /**
   * Returns the guardrails that tripped and killed their flag.
   *
   * @return the count
   */
  public long guardrailTrips() {
    return guardrailTrips;
  }

  /**
   * Returns the exposure events delivered to the listener.
   *
   * @return the count
   */
  public long exposures() {
    return exposures;
  }

  /**
   * Returns the exposures dropped because the listener fell behind: new exposures its full queue
   * refused, and evaluations that reached the exposure path in the moment the client began to
   * shed. A growing count says the listener is not keeping up. While the client sheds (see {@link
   * #exposureSheds()}), evaluations no longer reach the exposure path at all, so they are not
   * counted one by one; a dropped exposure is offered again at the context's next evaluation once
   * shedding ends.
   *
   * @return the count
   */
  public long exposuresDropped() {
    return exposuresDropped;
  }

  /**
   * Returns how many times the client began to shed exposures: its listener's queue was full, so
   * evaluations stopped recording exposures (and cost what they cost with exposures off) until
   * the listener had drained the queue to half.
   *
   * @return the count
   */
  public long exposureSheds() {
    return exposureSheds;
  }

  /**
   * Returns how long the client shed exposures within the interval (see {@link
   * #exposureSheds()}), a spell still going on included, by the client's clock. Exposures due in
   * that time were not recorded.
   *
   * @return the time, zero when it never shed
   */
  public Duration exposureShedTime() {
    return Duration.ofMillis(exposureShedMillis);
  }

  @Override
  public String toString() {
    return "FlagMetrics{" + from + " to " + to + ", evaluations=" + total() + ", swaps=" + swaps
        + ", rejections=" + rejections + ", kills=" + kills + ", guardrailTrips="
        + guardrailTrips + ", exposures=" + exposures + ", exposuresDropped=" + exposuresDropped
        + ", exposureSheds=" + exposureSheds + ", exposureShedTime=" + exposureShedTime() + "}";
  }
}
