package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class BucketCommandTest {

  @Test
  void bucket_workedExampleOfTheContract_givesItsHashesAndBucket() {
    // docs/bucketing.md, section 6: salt new-checkout, key user-42, bucket 30620.
    Cli.Result r = Cli.run("bucket", Cli.EXAMPLE, "new-checkout", "--key", "user-42");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("""
        flag      new-checkout
        document  ../examples/flags.json, version 2026-11-22.1 (6 flags)
        context   key "user-42", no attributes

        rule oceania (its conditions are not checked here; see explain)
          bucketBy  (none: the context key)
          key       "user-42"  hash 4d32de269f8ffaa2
          salt      "new-checkout" (the flag key: no salt is set)  hash 91d2339564b27d39
          bucket    30620 (of 0 to 99999)
          ranges    on   [0, 50000)       50%  <- 30620
                    off  [50000, 100000)  50%
          variant   on
        """);
  }

  @Test
  void bucket_bucketByAttribute_hashesTheAttribute() {
    Cli.Result r =
        Cli.run("bucket", Cli.EXAMPLE, "search-ranking", "--key", "bob", "--attr", "orgId=acme");
    assertThat(r.out()).endsWith("""
        fallthrough
          bucketBy  orgId
          key       "acme"  hash 36f94b2c3724134a
          salt      "search-ranking" (the flag key: no salt is set)  hash 04741860a5d59bc3
          bucket    43308 (of 0 to 99999)
          ranges    neural   [0, 10000)       10%
                    hybrid   [10000, 20000)   10%
                    classic  [20000, 100000)  80%  <- 43308
          variant   classic
        """);
  }

  @Test
  void bucket_integralNumberAttribute_bucketsByItsDecimalText() {
    String byNumber = Cli.run(
            "bucket", Cli.EXAMPLE, "search-ranking", "--attr", "orgId:number=12345")
        .out();
    String byText = Cli.run("bucket", Cli.EXAMPLE, "search-ranking", "--attr", "orgId=12345")
        .out();
    assertThat(byNumber).contains("  key       \"12345\"  hash ");
    assertThat(byNumber.substring(byNumber.indexOf("\n\n")))
        .isEqualTo(byText.substring(byText.indexOf("\n\n")));
  }

  @Test
  void bucket_withoutTheBucketingAttribute_saysItCannotBucket() {
    Cli.Result r = Cli.run("bucket", Cli.EXAMPLE, "search-ranking", "--key", "bob");
    assertThat(r.code()).isZero();
    assertThat(r.out()).endsWith("""
        fallthrough
          bucketBy  orgId
          key       none: the context has no orgId attribute
          salt      "search-ranking" (the flag key: no salt is set)  hash 04741860a5d59bc3
          bucket    none: the context cannot be bucketed
          ranges    neural   [0, 10000)       10%
                    hybrid   [10000, 20000)   10%
                    classic  [20000, 100000)  80%
          variant   none: the caller's default (reason DEFAULT)
        """);
  }

  @Test
  void bucket_everyRolloutOfTheFlag_rulesThenFallthrough_withSaltsAndSteps() {
    Cli.Result r =
        Cli.run("bucket", ExplainStepsTest.DOC, "checkout", "--key", "u-2", "--attr", "orgId=acme");
    assertThat(r.out()).contains("""

        rule nz (its conditions are not checked here; see explain)
          bucketBy  orgId
          key       "acme"  hash 36f94b2c3724134a
        """, """
          weights   of the progressive rollout step from 2001-01-01T00:00:00Z
          bucket    28526 (of 0 to 99999)
          ranges    on   [0, 25000)       25%
                    off  [25000, 100000)  75%  <- 28526
          variant   off

        fallthrough
          bucketBy  (none: the context key)
          key       "u-2"  hash\s""");
    assertThat(r.out()).contains("  salt      \"checkout-2026\" (set on the rollout)  hash ");
  }

  @Test
  void bucket_flagSalt_isNamedAsTheFlagsSalt() {
    assertThat(Cli.run(
                "bucket",
                "src/test/resources/explain/operators.json",
                "everything",
                "--key",
                "user-42")
            .out())
        .contains("  salt      \"shared\" (the flag's salt)  hash ");
  }

  @Test
  void bucket_flagWithoutRollout_saysSo() {
    Cli.Result r = Cli.run("bucket", Cli.EXAMPLE, "banner", "--key", "u");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .endsWith("\nThe flag has no percentage rollout: its rules and its fallthrough serve"
            + " fixed variants.\n");
  }

  @Test
  void bucket_unknownFlag_listsTheFlagsAndExits1() {
    Cli.Result r = Cli.run("bucket", Cli.EXAMPLE, "nope", "--key", "u");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("flags-cli bucket: the document has no flag 'nope' (flags: banner,"
            + " checkout-retry-limit, legacy-export, new-checkout, payments-kill-switch,"
            + " search-ranking)\n");
  }

  @Test
  void bucket_json_hasEveryField() {
    Cli.Result r = Cli.run("bucket", Cli.EXAMPLE, "new-checkout", "--key", "user-42", "--json");
    assertThat(r.out())
        .isEqualTo("{\"flag\":\"new-checkout\",\"version\":\"2026-11-22.1\",\"context\":"
            + "{\"key\":\"user-42\",\"attributes\":{}},\"rollouts\":[{\"where\":\"rule\","
            + "\"ruleId\":\"oceania\",\"bucketBy\":null,\"bucketKey\":\"user-42\","
            + "\"keyHash\":\"4d32de269f8ffaa2\",\"salt\":\"new-checkout\","
            + "\"saltFrom\":\"flag key\",\"saltHash\":\"91d2339564b27d39\",\"bucket\":30620,"
            + "\"step\":null,\"ranges\":[{\"variant\":\"on\",\"from\":0,\"to\":50000,"
            + "\"weight\":50000},{\"variant\":\"off\",\"from\":50000,\"to\":100000,"
            + "\"weight\":50000}],\"variant\":\"on\",\"cannotBucket\":null}]}\n");
  }

  @Test
  void bucket_rejectedDocument_printsProblemsOnStderrAndExits1() {
    Cli.Result r = Cli.withInput("{}", "bucket", "-", "f");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("INVALID: ");
  }
}
