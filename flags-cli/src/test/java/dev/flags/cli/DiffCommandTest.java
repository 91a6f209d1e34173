package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DiffCommandTest {
  @TempDir
  Path dir;

  private String next;

  /**
   * The example's next version: bob leaves the targets of new-checkout and carol joins, rule
   * oceania goes from 50% to 60% on, payments-kill-switch is switched off, legacy-export removed,
   * dark-mode added, user-4 joins segment beta-testers.
   */
  @BeforeEach
  void nextVersion() throws IOException {
    next = write("next.json", nextDocument());
  }

  static String nextDocument() throws IOException {
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Path.of(Cli.EXAMPLE).toFile());
    root.put("version", "2026-11-22.2");
    ObjectNode flags = (ObjectNode) root.get("flags");
    ObjectNode checkout = (ObjectNode) flags.get("new-checkout");
    ArrayNode keys = (ArrayNode) checkout.get("targets").get(0).get("keys");
    keys.removeAll().add("alice").add("carol");
    ArrayNode weights = (ArrayNode) checkout.get("rules").get(1).get("rollout").get("variants");
    ((ObjectNode) weights.get(0)).put("weight", 60000);
    ((ObjectNode) weights.get(1)).put("weight", 40000);
    ((ObjectNode) flags.get("payments-kill-switch")).put("enabled", false);
    flags.remove("legacy-export");
    flags.set(
        "dark-mode",
        Json.MAPPER.readTree("{\"variants\": {\"on\": true, \"off\": false}, \"offVariant\":"
            + " \"off\", \"fallthrough\": {\"variant\": \"off\"}}"));
    ((ArrayNode) root.get("segments").get("beta-testers").get("included")).add("user-4");
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private String write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8).toString();
  }

  private String contexts() throws IOException {
    return write("contexts.jsonl", """
        {"key": "alice"}
        {"key": "bob"}

        {"key": "user-4", "attributes": {"email": "u4@else.org"}}
        {"key": "u-9", "attributes": {"country": "NZ", "appVersion": "2.5.0"}}
        {"attributes": {"orgId": "acme", "tier": 3, "beta": true, "groups": ["a"]}}
        """);
  }

  @Test
  void diff_changedDocument_listsFlagsAndSegmentsPartByPart() throws IOException {
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, next, "--contexts", contexts());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("""
        old  ../examples/flags.json, version 2026-11-22.1 (6 flags)
        new  %s, version 2026-11-22.2 (6 flags)

        flags: 1 added, 1 removed, 2 changed
          + dark-mode
          - legacy-export
          ~ new-checkout (targets, rules)
              targets: on +carol -bob
              rules: oceania (rollout weights)
              rollout weights, rule oceania: on 50%% -> 60%%, off 50%% -> 40%%
          ~ payments-kill-switch (enabled)
              enabled: true -> false: killed, every context gets the off-variant off
        segments: 0 added, 0 removed, 1 changed
          ~ beta-testers
              included: +user-4

        """.formatted(next));
  }

  @Test
  void diff_contextsFile_countsEveryContextThatSeesAnotherValue() throws IOException {
    String contexts = contexts();
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, next, "--contexts", contexts);
    String radius = r.out().substring(r.out().indexOf("blast radius"));
    assertThat(radius).isEqualTo("""
        blast radius over 5 contexts from %s
          dark-mode (added): 5 of 5 contexts (100.00%%) see a different value
              5  (caller's default) -> false
              for example:
                key "alice", no attributes: (caller's default) -> false
                key "bob", no attributes: (caller's default) -> false
                key "user-4"; email="u4@else.org": (caller's default) -> false
          legacy-export (removed): 5 of 5 contexts (100.00%%) see a different value
              5  false -> (caller's default)
              for example:
                key "alice", no attributes: false -> (caller's default)
                key "bob", no attributes: false -> (caller's default)
                key "user-4"; email="u4@else.org": false -> (caller's default)
          new-checkout: 2 of 5 contexts (40.00%%) see a different value
              1  false -> true
              1  true -> false
              for example:
                key "bob", no attributes: true -> false
                key "user-4"; email="u4@else.org": false -> true
          payments-kill-switch: 5 of 5 contexts (100.00%%) see a different value
              5  true -> false
              for example:
                key "alice", no attributes: true -> false
                key "bob", no attributes: true -> false
                key "user-4"; email="u4@else.org": true -> false
          search-ranking: 2 of 5 contexts (40.00%%) see a different value
              1  "bm25" -> (caller's default)
              1  (caller's default) -> "bm25"
              for example:
                key "bob", no attributes: (caller's default) -> "bm25"
                key "user-4"; email="u4@else.org": "bm25" -> (caller's default)
          the same for every context: banner, checkout-retry-limit
        """.formatted(contexts));
  }

  @Test
  void diff_generatedSample_isDeterministicAndNamesTheDocumentsKeys() {
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, next);
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "blast radius over 10,000 generated contexts (keys user-1 to user-10000, seed 1)"
                + " and 3 keys the documents name; attributes from the documents' conditions:"
                + " appVersion, country, email, now, orgId, platform\n",
            "  payments-kill-switch: 10,003 of 10,003 contexts (100.00%) see a different"
                + " value\n      10,003  true -> false\n",
            "  the same for every context: banner, checkout-retry-limit\n");
    assertThat(Cli.run("diff", Cli.EXAMPLE, next).out()).isEqualTo(r.out());
    assertThat(Cli.run("diff", Cli.EXAMPLE, next, "--seed", "2").out()).isNotEqualTo(r.out());
  }

  @Test
  void diff_rolloutGrowingItsFirstVariant_onlyAddsUsers() throws IOException {
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Path.of(Cli.EXAMPLE).toFile());
    root.put("version", "2026-11-22.2");
    JsonNode variants =
        root.get("flags").get("new-checkout").get("rules").get(1).get("rollout").get("variants");
    ((ObjectNode) variants.get(0)).put("weight", 60000);
    ((ObjectNode) variants.get(1)).put("weight", 40000);
    String grown = write("grown.json", Json.MAPPER.writeValueAsString(root));
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, grown, "--sample", "20000", "--examples", "1");
    assertThat(r.out())
        .contains("""
              ~ new-checkout (rules)
                  rules: oceania (rollout weights)
                  rollout weights, rule oceania: on 50% -> 60%, off 50% -> 40%
            """)
        .containsPattern("\n  new-checkout: [0-9,]+ of 20,002 contexts \\([0-9.]+%\\) see a"
            + " different value\n      [ 0-9,]+  false -> true\n      for example:\n");
    assertThat(r.out()).doesNotContain("true -> false");
  }

  @Test
  void diff_sameDocument_hasNoDifferences() {
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, Cli.EXAMPLE, "--sample", "100", "--fail-on-change");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("""
        old  ../examples/flags.json, version 2026-11-22.1 (6 flags)
        new  ../examples/flags.json, version 2026-11-22.1 (6 flags)

        flags: no differences

        blast radius over 100 generated contexts (keys user-1 to user-100, seed 1) and 2 keys \
        the documents name; attributes from the documents' conditions: appVersion, country, \
        email, now, orgId, platform
          no context sees a different value of any flag
        """);
  }

  @Test
  void diff_failOnChange_exits3WhenAContextChanges() throws IOException {
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, next, "--sample", "10", "--fail-on-change");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEmpty();
    assertThat(Cli.run("diff", Cli.EXAMPLE, next, "--sample", "10").code()).isZero();
  }

  @Test
  void diff_invalidNewDocument_printsItsProblemsAndExits1() throws IOException {
    String bad = write("bad.json", """
        {"schema": 1, "version": "v3", "flags": {"a": {"variants": {"on": true},
          "offVariant": "of", "fallthrough": {"variant": "on"}}}}
        """);
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, bad);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("""
        old  ../examples/flags.json, version 2026-11-22.1 (6 flags)
        new  %s is rejected
        INVALID: version v3, 1 problem
        flags.a.offVariant: 'of' is not a declared variant (declared: on)
        """.formatted(bad));
    Cli.Result both = Cli.run("diff", bad, bad, "--fail-on-change");
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.out()).startsWith("old  " + bad + " is rejected\nINVALID: ");
  }

  @Test
  void diff_invalidDocumentJson_listsTheProblems() throws IOException {
    String bad = write("bad.json", "{\"schema\": 1, \"version\": \"v3\", \"flags\": {\"a\": 1}}");
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, bad, "--json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo("{\"old\":{\"name\":\"../examples/flags.json\",\"valid\":true,"
            + "\"version\":\"2026-11-22.1\",\"flags\":6},\"new\":{\"name\":\"" + bad + "\","
            + "\"valid\":false,\"version\":\"v3\",\"problems\":[{\"path\":\"flags.a\","
            + "\"message\":\"flag must be an object, not the number 1\"}]}}\n");
  }

  @Test
  void diff_json_hasTheSameFacts() throws Exception {
    Cli.Result r = Cli.run("diff", Cli.EXAMPLE, next, "--contexts", contexts(), "--json");
    assertThat(r.code()).isZero();
    JsonNode root = Json.MAPPER.readTree(r.out());
    assertThat(root.get("flags").toString())
        .isEqualTo("{\"added\":[\"dark-mode\"],\"removed\":[\"legacy-export\"],\"changed\":["
            + "{\"flag\":\"new-checkout\",\"parts\":[\"targets\",\"rules\"],\"details\":["
            + "\"targets: on +carol -bob\",\"rules: oceania (rollout weights)\","
            + "\"rollout weights, rule oceania: on 50% -> 60%, off 50% -> 40%\"]},"
            + "{\"flag\":\"payments-kill-switch\",\"parts\":[\"enabled\"],\"details\":["
            + "\"enabled: true -> false: killed, every context gets the off-variant off\"]}]}");
    assertThat(root.get("segments").toString())
        .isEqualTo("{\"added\":[],\"removed\":[],\"changed\":[{\"segment\":\"beta-testers\","
            + "\"details\":[\"included: +user-4\"]}]}");
    JsonNode search = root.get("blastRadius").get("flags").get(4);
    assertThat(search.toString())
        .isEqualTo("{\"flag\":\"search-ranking\",\"changed\":2,\"transitions\":["
            + "{\"old\":\"bm25\",\"new\":null,\"contexts\":1},"
            + "{\"old\":null,\"new\":\"bm25\",\"contexts\":1}],\"examples\":["
            + "{\"key\":\"bob\",\"attributes\":{},\"old\":null,\"new\":\"bm25\"},"
            + "{\"key\":\"user-4\",\"attributes\":{\"email\":\"u4@else.org\"},\"old\":\"bm25\","
            + "\"new\":null}]}");
    assertThat(root.get("blastRadius").get("contexts").asInt()).isEqualTo(5);
    assertThat(root.get("blastRadius").get("unchanged").toString())
        .isEqualTo("[\"banner\",\"checkout-retry-limit\"]");
    assertThat(root.get("anyChange").asBoolean()).isTrue();
  }

  @Test
  void diff_badContextsFile_namesTheLine() throws IOException {
    String[][] cases = {
      {
        "{\"key\": \"a\"}\n[1]\n",
        ":2: a context is a JSON object: {\"key\": ..., \"attributes\": {...}}"
      },
      {"{\"key\": 1}\n", ":1: key must be a string"},
      {"{\"id\": \"a\"}\n", ":1: unknown field 'id' (expected key, attributes)"},
      {"{\"attributes\": []}\n", ":1: attributes must be an object"},
      {
        "{\"attributes\": {\"key\": \"x\"}}\n",
        ":1: attributes.key: the context key is the" + " top-level \"key\""
      },
      {"{\"attributes\": {\"g\": [1]}}\n", ":1: attributes.g: a list holds strings only"},
      {
        "{\"attributes\": {\"o\": {}}}\n",
        ":1: attributes.o: a value is a string, a number, a" + " boolean or a list of strings"
      },
      {"{\"key\": \"a\"} {\"key\": \"b\"}\n", ":1: invalid JSON: "},
      {"{\"key\": \"a\"\n", ":1: invalid JSON: "},
    };
    for (String[] c : cases) {
      String file = write("bad.jsonl", c[0]);
      Cli.Result r = Cli.run("diff", Cli.EXAMPLE, Cli.EXAMPLE, "--contexts", file);
      assertThat(r.code()).as(c[0]).isEqualTo(2);
      assertThat(r.err()).as(c[0]).startsWith("flags-cli diff: " + file + c[1]);
    }
    String empty = write("empty.jsonl", "\n\n");
    assertThat(Cli.run("diff", Cli.EXAMPLE, Cli.EXAMPLE, "--contexts", empty).err())
        .isEqualTo("flags-cli diff: '" + empty + "' has no contexts\n");
  }

  @Test
  void diff_contextsFromStandardInput() {
    Cli.Result r = Cli.withInput(
        "{\"key\": \"bob\"}\n", "diff", Cli.EXAMPLE, next, "--contexts", "-", "--examples=0");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "blast radius over 1 context from (standard input)\n",
            "  new-checkout: 1 of 1 context (100.00%) sees a different value\n"
                + "      1  true -> false\n  payments");
  }
}
