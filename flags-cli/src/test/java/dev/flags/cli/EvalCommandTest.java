package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EvalCommandTest {
  private static final String V = " version=2026-11-22.1\n";

  @TempDir
  Path dir;

  @Test
  void eval_targetedKey_printsTargetMatch() {
    Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "new-checkout", "--key", "alice");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("new-checkout = true  variant=on reason=TARGET_MATCH" + V);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void eval_ruleMatch_printsRuleId() {
    Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "new-checkout", "--key", "user-2");
    assertThat(r.out())
        .isEqualTo("new-checkout = true  variant=on reason=RULE_MATCH rule=beta" + V);
  }

  @Test
  void eval_optionsInAnyOrderAndWithEquals_sameResult() {
    Cli.Result r = Cli.run(
        "eval",
        "--attr=country=NZ",
        Cli.EXAMPLE,
        "--key=user-77",
        "new-checkout",
        "--attr",
        "appVersion=2.3.0");
    assertThat(r.out())
        .isEqualTo("new-checkout = true  variant=on reason=RULE_MATCH rule=oceania" + V);
  }

  @Test
  void eval_failedPrerequisite_printsPrerequisiteKey() {
    Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "search-ranking", "--key", "carol");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo("search-ranking = \"bm25\"  variant=classic"
            + " reason=PREREQUISITE_FAILED prerequisite=new-checkout" + V);
  }

  @Test
  void eval_disabledFlag_printsOffVariant() {
    Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "legacy-export", "--key", "carol");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("legacy-export = false  variant=off reason=DISABLED" + V);
  }

  @Test
  void eval_rolloutWithoutBucketingAttribute_printsDefaultWithoutError() {
    Cli.Result r = Cli.run(
        "eval", Cli.EXAMPLE, "search-ranking", "--key", "dana", "--attr", "email=dana@example.com");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("search-ranking = (caller's default)  reason=DEFAULT" + V);
  }

  @Test
  void eval_unknownFlag_printsFlagNotFoundAndExits1() {
    Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "dark-mode", "--key", "alice");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo("dark-mode = (caller's default)  reason=ERROR error=FLAG_NOT_FOUND" + V);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void eval_json_printsEveryField() {
    Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "search-ranking", "--key", "carol", "--json");
    assertThat(r.out())
        .isEqualTo("{\"flag\":\"search-ranking\",\"value\":\"bm25\","
            + "\"variant\":\"classic\",\"reason\":\"PREREQUISITE_FAILED\",\"ruleId\":null,"
            + "\"prerequisiteKey\":\"new-checkout\",\"errorCode\":null,"
            + "\"version\":\"2026-11-22.1\",\"guardrail\":null}\n");
  }

  @Test
  void eval_jsonForUnknownFlag_hasNullValueAndErrorCode() {
    Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "dark-mode", "--json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "{\"flag\":\"dark-mode\",\"value\":null,\"variant\":null,"
                + "\"reason\":\"ERROR\",\"ruleId\":null,\"prerequisiteKey\":null,"
                + "\"errorCode\":\"FLAG_NOT_FOUND\",\"version\":\"2026-11-22.1\",\"guardrail\":null}\n");
  }

  @Test
  void eval_jsonVariantAndTimeAttribute_embedsTheJsonValue() {
    Cli.Result r = Cli.run(
        "eval", Cli.EXAMPLE, "banner", "--json", "--attr", "now:time=2026-12-10T12:00:00+13:00");
    assertThat(r.out())
        .isEqualTo(
            "{\"flag\":\"banner\","
                + "\"value\":{\"show\":true,\"text\":\"Winter sale\",\"color\":\"#d33\"},"
                + "\"variant\":\"sale\",\"reason\":\"RULE_MATCH\",\"ruleId\":\"sale-window\","
                + "\"prerequisiteKey\":null,\"errorCode\":null,\"version\":\"2026-11-22.1\",\"guardrail\":null}\n");
  }

  @Test
  void eval_typedAttributes_reachTheirOperators() throws IOException {
    Path file = Files.writeString(dir.resolve("typed.json"), """
        {"schema": 1, "version": "t1", "flags": {"f": {
          "variants": {"number": "n", "bool": "b", "list": "l", "string": "s", "none": "-"},
          "offVariant": "none",
          "rules": [
            {"id": "n", "conditions": [{"attribute": "age", "op": "gte", "value": 18.5}],
             "variant": "number"},
            {"id": "b", "conditions": [{"attribute": "beta", "op": "equals", "value": true}],
             "variant": "bool"},
            {"id": "l", "conditions": [{"attribute": "groups", "op": "in", "values": ["staff"]}],
             "variant": "list"},
            {"id": "s", "conditions": [{"attribute": "age", "op": "equals", "value": "18.5"}],
             "variant": "string"}
          ],
          "fallthrough": {"variant": "none"}}}}
        """, StandardCharsets.UTF_8);
    String doc = file.toString();
    assertThat(Cli.run("eval", doc, "f", "--attr", "age:number=18.5").out())
        .startsWith("f = \"n\"  variant=number reason=RULE_MATCH rule=n ");
    assertThat(Cli.run("eval", doc, "f", "--attr", "age=18.5").out())
        .startsWith("f = \"s\"  variant=string reason=RULE_MATCH rule=s ");
    assertThat(Cli.run("eval", doc, "f", "--attr", "beta:bool=true").out())
        .startsWith("f = \"b\"  variant=bool ");
    assertThat(Cli.run("eval", doc, "f", "--attr", "groups:list=beta,staff").out())
        .startsWith("f = \"l\"  variant=list ");
    assertThat(Cli.run("eval", doc, "f", "--attr", "groups=beta,staff").out())
        .startsWith("f = \"-\"  variant=none reason=FALLTHROUGH ");
  }

  @Test
  void eval_rejectedDocument_printsProblemsOnStderrAndExits1() throws IOException {
    Path file = Files.writeString(
        dir.resolve("bad.json"),
        "{\"schema\": 2, \"version\": \"9\", \"flags\": {}}",
        StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("eval", file.toString(), "new-checkout");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("""
                   INVALID: version 9, 1 problem
                   schema: unsupported schema 2 (this library reads schema 1)
                   """);
  }

  @Test
  void eval_badAttribute_oneLineAndExits2() {
    String[][] cases = {
      {"age:number=abc", "--attr 'age:number=abc': 'abc' is not a number"},
      {"age:number=0x10", "--attr 'age:number=0x10': '0x10' is not a number"},
      {"beta:bool=yes", "--attr 'beta:bool=yes': 'yes' is not true or false"},
      {
        "at:time=2026-11-22",
        "--attr 'at:time=2026-11-22': '2026-11-22' is not an ISO-8601"
            + " date-time with offset (e.g. 2026-11-22T10:00:00Z)"
      },
      {
        "age:int=3",
        "--attr 'age:int=3': unknown type 'int' (use number, bool, list or time;"
            + " without a type the value is a string)"
      },
      {"country", "--attr 'country' must be name=value or name:type=value"},
      {"=NZ", "--attr '=NZ' has no attribute name"},
      {"key=bob", "--attr 'key=bob': the context key is set with --key"},
    };
    for (String[] c : cases) {
      Cli.Result r = Cli.run("eval", Cli.EXAMPLE, "new-checkout", "--attr", c[0]);
      assertThat(r.code()).as(c[0]).isEqualTo(2);
      assertThat(r.err()).as(c[0]).isEqualTo("flags-cli eval: " + c[1] + "\n");
    }
  }
}
