package dev.flags;

import java.time.Instant;
import java.util.Objects;

/**
 * A guardrail that killed its flag: which flag, which threshold, and the window's figures when
 * the reporting call crossed it. Sent to {@link GuardrailListener}s, listed by {@link
 * Status#guardrailTrips()} until an operator restores the flag, and written as one audit line.
 * Immutable.
 *
 * @since 0.1.0
 */
public final class GuardrailTrip {
  private final String flagKey;
  private final Guardrail guardrail;
  private final String threshold;
  private final long calls;
  private final long failures;
  private final long controlCalls;
  private final long controlFailures;
  private final long timedCalls;
  private final long slowCalls;
  private final String version;
  private final Instant time;
  private final String description;

  private GuardrailTrip(
      String flagKey,
      Guardrail guardrail,
      String threshold,
      long[] figures,
      String version,
      Instant time,
      String description) {
    this.flagKey = flagKey;
    this.guardrail = guardrail;
    this.threshold = threshold;
    this.calls = figures[0];
    this.failures = figures[1];
    this.controlCalls = figures[2];
    this.controlFailures = figures[3];
    this.timedCalls = figures[4];
    this.slowCalls = figures[5];
    this.version = version;
    this.time = time;
    this.description = description;
  }

  /**
   * Creates a trip (used by the client).
   *
   * @param flagKey the flag
   * @param guardrail its guardrail
   * @param threshold the threshold crossed, in words
   * @param figures calls, failures, control calls, control failures, timed calls, slow calls
   * @param version the document version served
   * @param time when
   * @param description the one-line description
   * @return the trip
   */
  static GuardrailTrip of(
      String flagKey,
      Guardrail guardrail,
      String threshold,
      long[] figures,
      String version,
      Instant time,
      String description) {
    if (figures.length != 6) {
      throw new IllegalArgumentException("six figures expected");
    }
    return new GuardrailTrip(
        Objects.requireNonNull(flagKey),
        Objects.requireNonNull(guardrail),
        Objects.requireNonNull(threshold),
        figures.clone(),
        Objects.requireNonNull(version),
        Objects.requireNonNull(time),
        Objects.requireNonNull(description));
  }

  /**
   * Returns the flag that was killed.
   *
   * @return the flag key
   */
  public String flagKey() {
    return flagKey;
  }

  /**
   * Returns the guardrail that tripped.
   *
   * @return the guardrail
   */
  public Guardrail guardrail() {
    return guardrail;
  }

  /**
   * Returns the threshold crossed.
   *
   * @return {@code failure rate}, {@code failure rate above control} or {@code latency}
   */
  public String threshold() {
    return threshold;
  }

  /**
   * Returns the outcomes of the variants other than the off-variant in the window.
   *
   * @return the count
   */
  public long calls() {
    return calls;
  }

  /**
   * Returns the failures among {@link #calls()}.
   *
   * @return the count
   */
  public long failures() {
    return failures;
  }

  /**
   * Returns the outcomes of the off-variant (the control) in the window.
   *
   * @return the count
   */
  public long controlCalls() {
    return controlCalls;
  }

  /**
   * Returns the failures among {@link #controlCalls()}.
   *
   * @return the count
   */
  public long controlFailures() {
    return controlFailures;
  }

  /**
   * Returns the timed outcomes among {@link #calls()}.
   *
   * @return the count
   */
  public long timedCalls() {
    return timedCalls;
  }

  /**
   * Returns the timed outcomes slower than the guardrail's latency.
   *
   * @return the count
   */
  public long slowCalls() {
    return slowCalls;
  }

  /**
   * Returns the document version served when it tripped.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * Returns when it tripped, by the client's clock.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the one-line description: the threshold, the figures and the guardrail, as in the
   * audit line and the kill's reason in {@link Status#killedFlags()}.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "GuardrailTrip{" + flagKey + ": " + description + "}";
  }
}
