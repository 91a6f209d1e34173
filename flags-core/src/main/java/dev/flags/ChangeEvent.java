package dev.flags;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One change of what a client serves: a swap of the served snapshot (old and new versions, why,
 * and what changed, flag by flag), or an operator's kill, restore or override (the version stays,
 * and {@link #changed()} names the flags it affects). Immutable.
 *
 * @since 0.1.0
 */
public final class ChangeEvent {
  /** Why the snapshot was swapped. */
  public enum Cause {
    /** A source delivered a new document that was accepted. */
    UPDATE,
    /** A schedule boundary was reached (a window opened or closed, or a rollout step began). */
    SCHEDULE,
    /** An operator rolled back to an earlier snapshot. */
    ROLLBACK,
    /** An operator released a rollback pin and the latest snapshot serves again. */
    UNPIN,
    /**
     * An operator killed flags ({@link Flags#kill}, {@link Flags#killTag}); the document is
     * unchanged. {@link #changed()} names each served flag the call killed, with the part {@code
     * killed}.
     */
    KILL,
    /**
     * An operator lifted kills ({@link Flags#restore}, {@link Flags#restoreTag}): {@link
     * #changed()} names each served flag that is no longer killed, with the part {@code killed}.
     */
    RESTORE,
    /**
     * An operator set or cleared an override ({@link Flags#override}, {@link
     * Flags#clearOverride}) of a served flag: {@link #changed()} names it, with the part {@code
     * override}.
     */
    OVERRIDE
  }

  private final Cause cause;
  private final String source;
  private final String oldVersion;
  private final String newVersion;
  private final List<String> added;
  private final List<String> removed;
  private final Map<String, Set<String>> changed;
  private final Instant time;

  private ChangeEvent(
      Cause cause,
      String source,
      String oldVersion,
      String newVersion,
      List<String> added,
      List<String> removed,
      Map<String, Set<String>> changed,
      Instant time) {
    this.cause = cause;
    this.source = source;
    this.oldVersion = oldVersion;
    this.newVersion = newVersion;
    this.added = List.copyOf(added);
    this.removed = List.copyOf(removed);
    this.changed = Map.copyOf(changed);
    this.time = time;
  }

  /**
   * Creates an event (used by the client).
   *
   * @param cause why the swap happened
   * @param source the source (layer) name, or the operator action
   * @param oldVersion the version served before
   * @param newVersion the version served now
   * @param added keys of flags that appeared
   * @param removed keys of flags that disappeared
   * @param changed keys of flags whose definition changed, each with the names of the changed
   *     parts (document fields such as {@code rules}, {@code targets}, {@code enabled}; {@code
   *     killed} or {@code override} for an operator's change)
   * @param time when
   * @return the event
   */
  static ChangeEvent of(
      Cause cause,
      String source,
      String oldVersion,
      String newVersion,
      List<String> added,
      List<String> removed,
      Map<String, Set<String>> changed,
      Instant time) {
    return new ChangeEvent(
        Objects.requireNonNull(cause),
        Objects.requireNonNull(source),
        Objects.requireNonNull(oldVersion),
        Objects.requireNonNull(newVersion),
        added,
        removed,
        changed,
        Objects.requireNonNull(time));
  }

  /**
   * Returns why the snapshot was swapped.
   *
   * @return why the snapshot was swapped
   */
  public Cause cause() {
    return cause;
  }

  /**
   * Returns the source (layer) that caused it, or the operator action.
   *
   * @return the source (layer) that caused it, or the operator action
   */
  public String source() {
    return source;
  }

  /**
   * Returns the version served before, empty if none.
   *
   * @return the version served before, empty if none
   */
  public String oldVersion() {
    return oldVersion;
  }

  /**
   * Returns the version served now.
   *
   * @return the version served now
   */
  public String newVersion() {
    return newVersion;
  }

  /**
   * Returns keys of flags that appeared, sorted.
   *
   * @return keys of flags that appeared, sorted
   */
  public List<String> added() {
    return added;
  }

  /**
   * Returns keys of flags that disappeared, sorted.
   *
   * @return keys of flags that disappeared, sorted
   */
  public List<String> removed() {
    return removed;
  }

  /**
   * Returns keys of changed flags with the names of their changed parts.
   *
   * @return keys of changed flags with the names of their changed parts
   */
  public Map<String, Set<String>> changed() {
    return changed;
  }

  /**
   * Returns when the swap happened.
   *
   * @return when the swap happened
   */
  public Instant time() {
    return time;
  }

  @Override
  public String toString() {
    return "ChangeEvent{" + cause + " from " + source + ": " + oldVersion + " -> " + newVersion
        + ", added=" + added + ", removed=" + removed + ", changed=" + changed + "}";
  }
}
