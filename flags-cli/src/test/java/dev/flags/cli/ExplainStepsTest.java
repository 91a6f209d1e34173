package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The steps {@code explain} prints: each rule tried with each condition, type hints, segment
 * membership, schedules, prerequisites and rollout buckets, on {@code explain/flags.json}.
 */
final class ExplainStepsTest {
  static final String DOC = "src/test/resources/explain/flags.json";

  /** The lines from {@code steps} to the blank line after them. */
  static String steps(Cli.Result r) {
    String out = r.out();
    int start = out.indexOf("\nsteps     ");
    int end = out.indexOf("\n\norder ", start);
    assertThat(start).as(out).isPositive();
    return out.substring(start + 1, end + 1);
  }

  @Test
  void explain_wrongAttributeType_saysWhichConditionFailedAndHowToFixIt() {
    Cli.Result r = Cli.run("explain", DOC, "adult-content", "--key", "u-1", "--attr", "age=30");
    assertThat(r.code()).isZero();
    assertThat(steps(r)).isEqualTo("""
        steps     1. enabled: yes
                  2. rule adults: no match
                       false  age gte 18: age is the string "30"; gte needs a number: --attr age:number=30
                       true   country notIn "KP": country is missing, so the test fails and, negated, the condition holds
                  3. fallthrough: serves off
        """);
    assertThat(r.out()).contains("result    false (variant off)\nreason    FALLTHROUGH\n");
  }

  @Test
  void explain_rightAttributeType_matches() {
    Cli.Result r =
        Cli.run("explain", DOC, "adult-content", "--key", "u-1", "--attr", "age:number=30");
    assertThat(steps(r)).isEqualTo("""
        steps     1. enabled: yes
                  2. rule adults: match: serves on
                       true   age gte 18: age is the number 30
                       true   country notIn "KP": country is missing, so the test fails and, negated, the condition holds
        """);
    assertThat(r.out())
        .contains("why       Rule \"adults\" is the first rule whose conditions all hold for this"
            + " context (the\n          key is in no individual target). It serves \"on\", its"
            + " fixed variant.\n");
  }

  @Test
  void explain_typeHints_forEveryKindOfOperand() {
    Cli.Result r = Cli.run(
        "explain",
        DOC,
        "sale",
        "--key",
        "u",
        "--attr",
        "now=yesterday",
        "--attr",
        "version:number=2",
        "--attr",
        "beta=true",
        "--attr",
        "tier=1",
        "--attr",
        "name:number=3");
    assertThat(steps(r)).isEqualTo("""
        steps     1. enabled: yes
                  2. schedule: open now (from 2000-01-01T00:00:00Z until 2999-01-01T00:00:00Z)
                  3. rule window: no match
                       false  now after "2026-12-01T00:00:00Z": now is the string "yesterday"; "yesterday" is not an ISO-8601 time with an offset: --attr now:time=2026-11-22T10:00:00Z
                       false  version semverGte "2.0.0": version is the number 2; semverGte needs a version string: --attr version=2
                       false  beta equals true: beta is the string "true"; equals needs a boolean: --attr beta:bool=true
                       false  tier in 1, 2: tier is the string "1"; in needs a number: --attr tier:number=1
                       false  name startsWith "a": name is the number 3; startsWith needs a string: --attr name=3
                  4. fallthrough: serves off
        """);
  }

  @Test
  void explain_typedAsTheHintsSay_everyConditionHolds() {
    Cli.Result r = Cli.run(
        "explain",
        DOC,
        "sale",
        "--key",
        "u",
        "--attr",
        "now:time=2026-12-24T10:00:00Z",
        "--attr",
        "version=2",
        "--attr",
        "beta:bool=true",
        "--attr",
        "tier:number=1",
        "--attr",
        "name:list=x,ab");
    assertThat(steps(r)).isEqualTo("""
        steps     1. enabled: yes
                  2. schedule: open now (from 2000-01-01T00:00:00Z until 2999-01-01T00:00:00Z)
                  3. rule window: match: serves on
                       true   now after "2026-12-01T00:00:00Z": now is the number 1798106400000
                       true   version semverGte "2.0.0": version is the string "2"
                       true   beta equals true: beta is the boolean true
                       true   tier in 1, 2: tier is the number 1
                       true   name startsWith "a": name is the list ["x", "ab"]
        """);
  }

  @Test
  void explain_segmentRuleAndScheduledRule_showMembershipAndTheSkip() {
    Cli.Result r =
        Cli.run("explain", DOC, "checkout", "--key", "dana", "--attr", "email=dana@example.COM");
    assertThat(steps(r)).isEqualTo("""
        steps     1. enabled: yes
                  2. targets: key "dana" is in none (on: 2 keys, off: 1 key)
                  3. rule old-window: skipped, outside its schedule
                  4. rule staff: match: serves on
                       true   inSegment empty, staff
                              segment empty: not a member: key "dana" is in neither list (0 included, 0 excluded), and it has no rules
                              segment staff: member through rule company-email
                                rule company-email: match
                                  true   email endsWith "@example.com" (ignoreCase): email is the string "dana@example.COM"
        """);
  }

  @Test
  void explain_segmentLists_includedAndExcluded() {
    assertThat(steps(Cli.run("explain", DOC, "checkout", "--key", "ops-bot")))
        .contains("      segment staff: member: key \"ops-bot\" is in its included list\n");
    assertThat(steps(Cli.run(
            "explain", DOC, "checkout", "--key", "contractor-7", "--attr", "email=c@example.com")))
        .contains("      segment staff: not a member: key \"contractor-7\" is in its excluded"
            + " list (its rules are not tried)\n");
  }

  @Test
  void explain_ruleRollout_showsBucketSaltStepAndRanges() {
    Cli.Result r = Cli.run(
        "explain", DOC, "checkout", "--key", "u-2", "--attr", "country=NZ", "--attr", "orgId=acme");
    assertThat(steps(r)).endsWith("""
                  5. rule nz: match; a percentage rollout
                       true   country in "NZ": country is the string "NZ"
                       rollout by orgId "acme", salt "checkout-2026" (set on the rollout), weights of the step from 2001-01-01T00:00:00Z
                         bucket 28526 (of 0 to 99999)
                         on   [0, 25000)       25%
                         off  [25000, 100000)  75%  <- 28526
                       serves off
        """);
    assertThat(r.out()).contains("""
            It serves "off" from its percentage rollout: the context
                      is in bucket 28526, in the range of off.
            """);
  }

  @Test
  void explain_unbucketableRuleRollout_isSkippedForTheFallthroughRollout() {
    Cli.Result r = Cli.run("explain", DOC, "checkout", "--key", "u-3", "--attr", "country=NZ");
    assertThat(steps(r)).endsWith("""
                  5. rule nz: match; a percentage rollout
                       true   country in "NZ": country is the string "NZ"
                       rollout by orgId, salt "checkout-2026" (set on the rollout), weights of the step from 2001-01-01T00:00:00Z
                         cannot bucket: the context has no orgId attribute; the rule is skipped
                  6. fallthrough: a percentage rollout
                       rollout by the context key "u-3", salt "checkout" (the flag key: no salt is set)
                         bucket 37765 (of 0 to 99999)
                         on   [0, 10000)       10%
                         off  [10000, 100000)  90%  <- 37765
                       serves off
        """);
  }

  @Test
  void explain_anonymousContext_skipsListsAndCannotBeBucketed() {
    Cli.Result r = Cli.run("explain", DOC, "checkout", "--attr", "country=AU");
    assertThat(r.code()).isZero();
    assertThat(steps(r))
        .contains(
            "2. targets: an anonymous context is in none (on: 2 keys, off: 1 key)\n",
            "segment staff: not a member: an anonymous context skips the lists, and no rule"
                + " matches\n",
            """
                  6. fallthrough: a percentage rollout
                       rollout by the context key, salt "checkout" (the flag key: no salt is set)
                         cannot bucket: the context has no key (anonymous); no variant: the caller's default (reason DEFAULT)
        """);
    assertThat(r.out()).contains("result    (caller's default), no variant served\n");
  }

  @Test
  void explain_bucketByAttributeOfTheWrongKind_saysWhy() {
    Cli.Result r = Cli.run(
        "explain",
        DOC,
        "checkout",
        "--key",
        "u-2",
        "--attr",
        "country=NZ",
        "--attr",
        "orgId:number=1.5");
    assertThat(steps(r))
        .contains("    cannot bucket: orgId is the number 1.5, which cannot bucket (a non-empty"
            + " string or an integral number can); the rule is skipped\n");
  }

  @Test
  void explain_targets_stopAtTheTarget() {
    assertThat(steps(Cli.run("explain", DOC, "checkout", "--key", "mallory"))).isEqualTo("""
        steps     1. enabled: yes
                  2. targets: key "mallory" is listed in the target of off: serves off
        """);
  }

  @Test
  void explain_failedPrerequisite_stopsThere() {
    assertThat(steps(Cli.run("explain", DOC, "theme", "--key", "carol"))).isEqualTo("""
        steps     1. enabled: yes
                  2. prerequisite checkout must serve on: it serves off (FALLTHROUGH): not met, so the flag serves its off-variant
        """);
    assertThat(steps(Cli.run("explain", DOC, "theme", "--key", "alice"))).isEqualTo("""
        steps     1. enabled: yes
                  2. prerequisite checkout must serve on: it serves on (TARGET_MATCH): met
                  3. fallthrough: serves dark
        """);
  }

  @Test
  void explain_closedScheduleAndDisabledFlag_stopEarly() {
    Cli.Result later = Cli.run("explain", DOC, "later", "--key", "u");
    assertThat(steps(later)).isEqualTo("""
        steps     1. enabled: yes
                  2. schedule: closed now (from 2999-01-01T00:00:00Z): serves the off-variant
        """);
    assertThat(later.out())
        .contains(
            "reason    OUTSIDE_SCHEDULE\n",
            "why       The flag's schedule has no window open now, so it serves its off-variant");
    assertThat(steps(Cli.run("explain", DOC, "off"))).isEqualTo("""
        steps     1. enabled: no ("enabled": false in the document): serves the off-variant off to every context
        """);
  }

  @Test
  void explain_unknownFlag_hasNoSteps() {
    Cli.Result r = Cli.run("explain", DOC, "nope");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("steps").contains("reason    ERROR FLAG_NOT_FOUND\n");
  }
}
