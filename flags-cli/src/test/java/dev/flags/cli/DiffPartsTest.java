package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code diff} describes each part of a flag and a segment that changed. */
final class DiffPartsTest {
  @TempDir
  Path dir;

  private static final String BEFORE = """
      {"schema": 1, "version": "b1",
       "segments": {
         "s": {"included": ["k1", "k2", "k3", "k4", "k5", "k6", "k7"], "excluded": ["x1"],
               "description": "old",
               "rules": [{"id": "r1", "conditions": [{"attribute": "a", "op": "exists"}]},
                         {"id": "r2", "conditions": [{"attribute": "b", "op": "exists"}]}]},
         "gone": {}
       },
       "flags": {
         "f": {"description": "d1", "owner": "team-a", "tags": ["t1", "t2"],
               "variants": {"x": "1", "y": "2", "z": "3"}, "offVariant": "x", "salt": "s1",
               "prerequisites": [{"flag": "g", "variant": "on"}],
               "targets": [{"variant": "y", "keys": ["a", "b"]}],
               "rules": [
                 {"id": "keep", "conditions": [{"attribute": "c", "op": "in", "values": ["NZ"]}],
                  "variant": "y"},
                 {"id": "edit", "conditions": [{"attribute": "c", "op": "in", "values": ["AU"]}],
                  "variant": "y"},
                 {"id": "drop", "conditions": [{"attribute": "c", "op": "exists"}], "variant": "z"},
                 {"id": "roll", "conditions": [{"attribute": "d", "op": "exists"}],
                  "rollout": {"variants": [{"variant": "x", "weight": 1},
                                           {"variant": "y", "weight": 99999}]}}
               ],
               "schedule": [{"from": "2000-01-01T00:00:00Z"}],
               "fallthrough": {"variant": "x"}},
         "g": {"variants": {"on": true, "off": false}, "offVariant": "off",
               "fallthrough": {"rollout": {"variants": [{"variant": "on", "weight": 50000},
                                                        {"variant": "off", "weight": 50000}]}}}
       }}
      """;

  private static final String AFTER = """
      {"schema": 1, "version": "b2",
       "segments": {
         "s": {"included": ["k2", "k3", "k4", "k5", "k6", "k7", "k8"], "excluded": ["x2"],
               "description": "new",
               "rules": [{"id": "r2", "conditions": [{"attribute": "b", "op": "exists",
                                                      "negate": true}]},
                         {"id": "r3", "conditions": [{"attribute": "c", "op": "exists"}]}]},
         "new": {}
       },
       "flags": {
         "f": {"description": "d2", "owner": "team-b", "tags": ["t2", "t3"],
               "variants": {"x": "1", "y": "22", "w": "4"}, "offVariant": "y", "salt": "s2",
               "prerequisites": [],
               "targets": [{"variant": "x", "keys": ["b"]}, {"variant": "y", "keys": ["c"]}],
               "rules": [
                 {"id": "roll", "conditions": [{"attribute": "d", "op": "exists"}],
                  "rollout": {"bucketBy": "org", "variants": [{"variant": "x", "weight": 2},
                                                               {"variant": "y", "weight": 99998}]}},
                 {"id": "edit", "conditions": [{"attribute": "c", "op": "in", "values": ["AU", "NZ"]}],
                  "variant": "x", "schedule": [{"until": "2999-01-01T00:00:00Z"}]},
                 {"id": "keep", "conditions": [{"attribute": "c", "op": "in", "values": ["NZ"]}],
                  "variant": "y"},
                 {"id": "add", "conditions": [{"attribute": "c", "op": "exists"}], "variant": "w"}
               ],
               "schedule": [{"from": "2001-01-01T00:00:00Z", "until": "2999-01-01T00:00:00Z"}],
               "fallthrough": {"rollout": {"salt": "z", "variants": [{"variant": "x", "weight": 100000}],
                               "steps": [{"at": "2001-01-01T00:00:00Z", "weights": [100000]}]}}},
         "g": {"variants": {"on": true, "off": false}, "offVariant": "off",
               "fallthrough": {"rollout": {"variants": [{"variant": "on", "weight": 75000},
                                                        {"variant": "off", "weight": 25000}]}}}
       }}
      """;

  @Test
  void diff_everyPart_saysHowItChanged() throws IOException {
    Path before = Files.writeString(dir.resolve("b1.json"), BEFORE, StandardCharsets.UTF_8);
    Path after = Files.writeString(dir.resolve("b2.json"), AFTER, StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("diff", before.toString(), after.toString(), "--sample", "10");
    assertThat(r.code()).as(r.err()).isZero();
    String out = r.out();
    assertThat(out.substring(out.indexOf("flags:"), out.indexOf("\n\nblast radius")))
        .isEqualTo("""
            flags: 0 added, 0 removed, 2 changed
              ~ f (description, owner, tags, variants, offVariant, fallthrough, salt, prerequisites, targets, rules, schedule)
                  description changed
                  owner: "team-a" -> "team-b"
                  tags: +t3 -t1
                  variants: y "2" -> "22", +w="4", -z
                  offVariant: x -> y
                  fallthrough: x -> rollout x 100%, salt "z", 1 step
                  salt: "s1" -> "s2" (reshuffles the rollouts that use it)
                  prerequisites: g=on -> none
                  targets: x +b; y +c -a -b
                  rules: roll (what it serves), edit (conditions, what it serves, schedule), +add, -drop, order keep, edit, roll -> roll, edit, keep
                  schedule: from 2000-01-01T00:00:00Z -> from 2001-01-01T00:00:00Z until 2999-01-01T00:00:00Z
                  rollout weights, rule roll: x 0.001% -> 0.002%, y 99.999% -> 99.998%
              ~ g (fallthrough)
                  fallthrough: rollout on 50%, off 50% -> rollout on 75%, off 25%
                  rollout weights, fallthrough: on 50% -> 75%, off 50% -> 25%
            segments: 1 added, 1 removed, 1 changed
              + new
              - gone
              ~ s
                  included: +k8 -k1
                  excluded: +x2 -x1
                  rules: r2 (conditions), +r3, -r1
                  description changed""");
  }

  @Test
  void keys_manyChanges_areCountedBeyondFive() {
    assertThat(DiffParts.keys(
            java.util.Set.of(),
            new java.util.TreeSet<>(java.util.List.of("a", "b", "c", "d", "e", "f", "g"))))
        .isEqualTo("+a +b +c +d +e (+2 more)");
  }
}
