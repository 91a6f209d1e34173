package dev.flags.benchmarks.tools;

/**
 * The evaluation scenarios, in report order. A benchmark method named {@code <id>_prebuilt} or
 * {@code <id>_built} in any benchmark class measures scenario {@code <id>} for that class's
 * library.
 */
public enum Scenario {
  SIMPLE("simple", "1", "Boolean flag on, no rules"),
  KILLED("killed", "2a", "Flag killed in the document"),
  LOCAL_KILL("localKill", "2b", "Flag killed at runtime (Flags.kill)"),
  TARGET_HIT("targetHit", "3a", "Individual target hit (10,000 keys)"),
  TARGET_MISS("targetMiss", "3b", "Individual target miss (10,000 keys)"),
  SEGMENT("segment", "4", "Segment member (100,000 keys)"),
  RULE_MATCH("ruleMatch", "5a", "One attribute rule, match"),
  RULE_FALLTHROUGH("ruleFallthrough", "5b", "One attribute rule, fallthrough"),
  TEN_RULES("tenRules", "6", "Ten rules x two conditions, last matches"),
  REGEX("regex", "7a", "Regex condition"),
  SEMVER("semver", "7b", "Semver condition"),
  ROLLOUT("rollout", "8a", "50% sticky rollout, 1,024 users"),
  ROLLOUT_UUID("rolloutUuid", "8b", "50% sticky rollout, 1,024 UUID users"),
  MULTIVARIATE("multivariate", "9", "4-variant rollout, string value"),
  PREREQUISITES("prerequisites", "10", "Prerequisite chain of 3"),
  UNKNOWN("unknown", "11", "Unknown flag, caller default"),
  DETAILS("details", "12", "Evaluation with full details"),
  HANDLE("handle", "13", "Typed handle (compare with 1)");

  /** The method-name prefix. */
  public final String id;
  /** The scenario number in BENCHMARKS.md. */
  public final String number;
  /** A short title. */
  public final String title;

  Scenario(String id, String number, String title) {
    this.id = id;
    this.number = number;
    this.title = title;
  }

  /**
   * The scenario with this id.
   *
   * @param id a method-name prefix
   * @return the scenario, or null when there is none
   */
  public static Scenario byId(String id) {
    for (Scenario s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    return null;
  }
}
