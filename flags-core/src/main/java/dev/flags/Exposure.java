package dev.flags;

import java.time.Instant;
import java.util.Objects;

/**
 * A context key saw a variant of a flag for the first time within the de-duplication period: what
 * an {@link ExposureListener} receives. It holds the context key, which is personal data in most
 * applications: forward it only where that is allowed. Immutable.
 *
 * <p>Shaped like OpenTelemetry's {@code feature_flag.evaluation} event: {@link #flagKey()} is
 * {@code feature_flag.key}, {@link #variant()} {@code feature_flag.result.variant}, {@link
 * #reason()} (lower-cased) {@code feature_flag.result.reason}, {@link #version()} {@code
 * feature_flag.version} and {@link #contextKey()} {@code feature_flag.context.id}.
 *
 * @since 0.1.0
 */
public final class Exposure {
  private final String flagKey;
  private final String variant;
  private final String contextKey;
  private final Reason reason;
  private final String version;
  private final Instant time;

  private Exposure(
      String flagKey,
      String variant,
      String contextKey,
      Reason reason,
      String version,
      Instant time) {
    this.flagKey = flagKey;
    this.variant = variant;
    this.contextKey = contextKey;
    this.reason = reason;
    this.version = version;
    this.time = time;
  }

  static Exposure of(
      String flagKey,
      String variant,
      String contextKey,
      Reason reason,
      String version,
      Instant time) {
    return new Exposure(
        Objects.requireNonNull(flagKey),
        Objects.requireNonNull(variant),
        Objects.requireNonNull(contextKey),
        Objects.requireNonNull(reason),
        Objects.requireNonNull(version),
        Objects.requireNonNull(time));
  }

  /**
   * Returns the flag key.
   *
   * @return the flag key
   */
  public String flagKey() {
    return flagKey;
  }

  /**
   * Returns the variant served.
   *
   * @return the variant
   */
  public String variant() {
    return variant;
  }

  /**
   * Returns the context key (personal data in most applications).
   *
   * @return the key
   */
  public String contextKey() {
    return contextKey;
  }

  /**
   * Returns why the variant was served.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the document version.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * Returns when the client took the exposure off its queue (by the client's clock), within
   * moments of the evaluation.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  @Override
  public String toString() {
    return "Exposure{" + flagKey + "=" + variant + " for " + contextKey + ", " + reason
        + ", version " + version + " at " + time + "}";
  }
}
