package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

final class ExplainJsonTest {

  private static JsonNode json(String... args) throws Exception {
    Cli.Result r = Cli.run(args);
    assertThat(r.out()).endsWith("}\n").doesNotContain("\n{");
    return Json.MAPPER.readTree(r.out());
  }

  @Test
  void explainJson_failedCondition_hasValueTypeAndHint() throws Exception {
    JsonNode root = json(
        "explain",
        ExplainStepsTest.DOC,
        "adult-content",
        "--key",
        "u-1",
        "--attr",
        "age=30",
        "--json");
    assertThat(root.get("flag").asText()).isEqualTo("adult-content");
    assertThat(root.get("document").toString())
        .isEqualTo("{\"name\":\"src/test/resources/explain/flags.json\",\"version\":\"x1\","
            + "\"flags\":6}");
    assertThat(root.get("context").toString())
        .isEqualTo("{\"key\":\"u-1\",\"attributes\":{\"age\":\"30\"}}");
    assertThat(root.get("result").toString())
        .isEqualTo("{\"flag\":\"adult-content\",\"value\":false,\"variant\":\"off\","
            + "\"reason\":\"FALLTHROUGH\",\"ruleId\":null,\"prerequisiteKey\":null,"
            + "\"errorCode\":null,\"version\":\"x1\"}");
    JsonNode steps = root.get("steps");
    assertThat(steps.get(0).toString()).isEqualTo("{\"step\":\"enabled\",\"enabled\":true}");
    assertThat(steps.get(1).toString())
        .isEqualTo("{\"step\":\"rule\",\"id\":\"adults\",\"active\":true,\"matched\":false,"
            + "\"variant\":\"on\",\"conditions\":["
            + "{\"condition\":\"age gte 18\",\"attribute\":\"age\",\"op\":\"gte\","
            + "\"values\":[18],\"negate\":false,\"ignoreCase\":false,\"holds\":false,"
            + "\"value\":{\"type\":\"string\",\"value\":\"30\"},"
            + "\"hint\":\"gte needs a number: --attr age:number=30\"},"
            + "{\"condition\":\"country notIn \\\"KP\\\"\",\"attribute\":\"country\","
            + "\"op\":\"notIn\",\"values\":[\"KP\"],\"negate\":false,\"ignoreCase\":false,"
            + "\"holds\":true,\"value\":null,\"hint\":null}],\"rollout\":null}");
    assertThat(steps.get(2).toString())
        .isEqualTo("{\"step\":\"fallthrough\",\"variant\":\"off\",\"rollout\":null}");
  }

  @Test
  void explainJson_rolloutAndSegments() throws Exception {
    JsonNode steps = json(
            "explain",
            ExplainStepsTest.DOC,
            "checkout",
            "--key",
            "u-2",
            "--attr",
            "country=NZ",
            "--attr",
            "orgId=acme",
            "--json")
        .get("steps");
    assertThat(steps.get(1).toString())
        .isEqualTo("{\"step\":\"targets\",\"targets\":[{\"variant\":\"on\",\"keys\":2},"
            + "{\"variant\":\"off\",\"keys\":1}],\"matched\":null}");
    assertThat(steps.get(2).get("active").asBoolean()).isFalse();
    JsonNode segment = steps.get(3).get("conditions").get(0).get("segments").get(1);
    assertThat(segment.toString())
        .isEqualTo("{\"segment\":\"staff\",\"member\":false,\"by\":\"none\",\"included\":1,"
            + "\"excluded\":1,\"rules\":[{\"id\":\"company-email\",\"matched\":false,"
            + "\"conditions\":[{\"condition\":\"email endsWith \\\"@example.com\\\""
            + " (ignoreCase)\",\"attribute\":\"email\",\"op\":\"endsWith\","
            + "\"values\":[\"@example.com\"],\"negate\":false,\"ignoreCase\":true,"
            + "\"holds\":false,\"value\":null,\"hint\":null}]}]}");
    assertThat(steps.get(4).get("rollout").toString())
        .isEqualTo("{\"bucketBy\":\"orgId\",\"bucketKey\":\"acme\","
            + "\"keyHash\":\"36f94b2c3724134a\",\"salt\":\"checkout-2026\",\"saltFrom\":\"rollout\","
            + "\"saltHash\":\""
            + RolloutPick.hex(dev.flags.internal.snapshot.Bucketing.hash("checkout-2026"))
            + "\",\"bucket\":28526,\"step\":\"2001-01-01T00:00:00Z\","
            + "\"ranges\":[{\"variant\":\"on\",\"from\":0,\"to\":25000,\"weight\":25000},"
            + "{\"variant\":\"off\",\"from\":25000,\"to\":100000,\"weight\":75000}],"
            + "\"variant\":\"off\",\"cannotBucket\":null}");
  }

  @Test
  void explainJson_scheduleAndPrerequisite() throws Exception {
    assertThat(json("explain", ExplainStepsTest.DOC, "sale", "--json")
            .get("steps")
            .get(1)
            .toString())
        .isEqualTo("{\"step\":\"schedule\",\"active\":true,\"windows\":[{\"from\":"
            + "\"2000-01-01T00:00:00Z\",\"until\":\"2999-01-01T00:00:00Z\"}]}");
    assertThat(json("explain", ExplainStepsTest.DOC, "theme", "--key", "c", "--json")
            .get("steps")
            .get(1)
            .toString())
        .isEqualTo("{\"step\":\"prerequisite\",\"flag\":\"checkout\",\"required\":\"on\","
            + "\"served\":\"off\",\"reason\":\"FALLTHROUGH\",\"met\":false}");
  }

  @Test
  void explainJson_unknownFlag_hasNullStepsAndExits1() throws Exception {
    Cli.Result r = Cli.run("explain", Cli.EXAMPLE, "nope", "--json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode root = Json.MAPPER.readTree(r.out());
    assertThat(root.get("steps").isNull()).isTrue();
    assertThat(root.get("result").get("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");
  }
}
