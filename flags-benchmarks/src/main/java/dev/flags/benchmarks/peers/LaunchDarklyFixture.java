package dev.flags.benchmarks.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;
import dev.flags.benchmarks.Expect;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One LaunchDarkly server-side client per JVM, serving the scenario flags in LaunchDarkly's own
 * flag and segment data model.
 *
 * <p>The data comes from the SDK's {@code FileData} source reading a temporary local JSON file
 * (full flag and segment representations, exactly what the SDK would otherwise receive from its
 * service), because {@code TestData} can only express targets, {@code in}/{@code notIn} clauses
 * and fixed variations: no rollouts, segments, regex, semver or prerequisites. Both sources feed
 * the same in-memory store and evaluator, so the evaluation path measured is the same. Events
 * are off ({@code Components.noEvents()}), so are logging and diagnostics; nothing touches the
 * network.
 */
final class LaunchDarklyFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LDClient client;

  private LaunchDarklyFixture() {}

  /** The shared client, created and checked on first use. */
  static synchronized LDClient client() {
    if (client == null) {
      try {
        Path file = Files.createTempFile("flags-bench-launchdarkly-", ".json");
        file.toFile().deleteOnExit();
        Files.write(file, document().getBytes(StandardCharsets.UTF_8));
        LDConfig config = new LDConfig.Builder()
            .dataSource(FileData.dataSource().filePaths(file).autoUpdate(false))
            .events(Components.noEvents())
            .logging(Components.noLogging())
            .diagnosticOptOut(true)
            .startWait(Duration.ofSeconds(60))
            .build();
        LDClient c = new LDClient("sdk-key-unused-offline", config);
        if (!c.isInitialized()) {
          throw new IllegalStateException("LaunchDarkly client did not initialize from " + file);
        }
        check(c);
        client = c;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return client;
  }

  /** The person as a LaunchDarkly context: user kind, same key, same five attributes. */
  static LDContext context(Person p) {
    return LDContext.builder(p.key())
        .set("country", p.country())
        .set("plan", p.plan())
        .set("email", p.email())
        .set("appVersion", p.appVersion())
        .set("age", p.age())
        .build();
  }

  static LDContext[] contexts(Person[] people) {
    LDContext[] contexts = new LDContext[people.length];
    for (int i = 0; i < people.length; i++) {
      contexts[i] = context(people[i]);
    }
    return contexts;
  }

  private static void check(LDClient c) {
    String lib = "LaunchDarkly";
    LDContext user = context(Fixture.USER);
    LDContext member = context(Fixture.MEMBER);
    LDContext visitor = context(Fixture.VISITOR);
    Expect.equal(lib, Fixture.SIMPLE, c.boolVariation(Fixture.SIMPLE, user, false), true);
    Expect.equal(lib, Fixture.KILLED, c.boolVariation(Fixture.KILLED, user, true), false);
    Expect.equal(lib, "target hit", c.boolVariation(Fixture.TARGETS, user, false), true);
    Expect.equal(lib, "target miss", c.boolVariation(Fixture.TARGETS, visitor, true), false);
    Expect.equal(lib, "segment member", c.boolVariation(Fixture.SEGMENT_FLAG, member, false), true);
    Expect.equal(
        lib, "segment non-member", c.boolVariation(Fixture.SEGMENT_FLAG, visitor, true), false);
    Expect.equal(lib, "rule match", c.boolVariation(Fixture.SINGLE_RULE, user, false), true);
    Expect.equal(
        lib, "rule fallthrough", c.boolVariation(Fixture.SINGLE_RULE, visitor, true), false);
    Expect.equal(lib, Fixture.TEN_RULES, c.boolVariation(Fixture.TEN_RULES, user, false), true);
    Expect.equal(
        lib,
        "ten rules, last matched",
        c.boolVariationDetail(Fixture.TEN_RULES, user, false).getReason().getRuleIndex(),
        Fixture.RULES - 1);
    Expect.equal(lib, Fixture.REGEX, c.boolVariation(Fixture.REGEX, user, false), true);
    Expect.equal(lib, "regex miss", c.boolVariation(Fixture.REGEX, visitor, true), false);
    Expect.equal(lib, Fixture.SEMVER, c.boolVariation(Fixture.SEMVER, user, false), true);
    Expect.equal(lib, "semver miss", c.boolVariation(Fixture.SEMVER, visitor, true), false);
    Expect.equal(lib, Fixture.PREREQ_A, c.boolVariation(Fixture.PREREQ_A, user, false), true);
    Expect.equal(lib, Fixture.UNKNOWN, c.boolVariation(Fixture.UNKNOWN, user, false), false);
    Person[] people = Fixture.rotatingUsers();
    Expect.halfRollout(lib, people, p -> c.boolVariation(Fixture.ROLLOUT, context(p), false), true);
    Expect.fourVariants(
        lib, people, p -> c.stringVariation(Fixture.MULTIVARIATE, context(p), "default"));
  }

  /** The scenario flags in LaunchDarkly's flag data model (variation 0 is "on", 1 is "off"). */
  static String document() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode flags = root.putObject("flags");
    ObjectNode segments = root.putObject("segments");

    ObjectNode seg = segments.putObject(Fixture.SEGMENT);
    seg.put("key", Fixture.SEGMENT);
    seg.put("version", 1);
    seg.put("salt", Fixture.SEGMENT);
    strings(seg.putArray("included"), Fixture.segmentKeys());
    seg.putArray("excluded");
    seg.putArray("rules");

    fallthrough(bool(flags, Fixture.SIMPLE), 0);
    ObjectNode killed = bool(flags, Fixture.KILLED);
    killed.put("on", false);
    fallthrough(killed, 0);

    ObjectNode targets = bool(flags, Fixture.TARGETS);
    ObjectNode target = targets.putArray("targets").addObject();
    target.put("variation", 0);
    strings(target.putArray("values"), Fixture.targetKeys());
    fallthrough(targets, 1);

    ObjectNode segment = bool(flags, Fixture.SEGMENT_FLAG);
    clause(rule(segment, "members", 0), "", "segmentMatch", List.of(Fixture.SEGMENT));
    fallthrough(segment, 1);

    ObjectNode single = bool(flags, Fixture.SINGLE_RULE);
    clause(rule(single, "oceania-and-germany", 0), "country", "in", Fixture.COUNTRIES);
    fallthrough(single, 1);

    ObjectNode ten = bool(flags, Fixture.TEN_RULES);
    for (int i = 0; i < Fixture.RULES; i++) {
      ObjectNode r = rule(ten, "rule-" + i, 0);
      clause(r, "country", "in", Fixture.COUNTRIES);
      clause(r, "plan", "in", List.of(Fixture.plan(i)));
    }
    fallthrough(ten, 1);

    ObjectNode regex = bool(flags, Fixture.REGEX);
    clause(rule(regex, "staff-email", 0), "email", "matches", List.of(Fixture.EMAIL_REGEX));
    fallthrough(regex, 1);

    ObjectNode semver = bool(flags, Fixture.SEMVER);
    clause(
        rule(semver, "recent-app", 0),
        "appVersion",
        "semVerGreaterThan",
        List.of(Fixture.MIN_VERSION));
    fallthrough(semver, 1);

    ObjectNode rollout = bool(flags, Fixture.ROLLOUT);
    ArrayNode half = rollout.putObject("fallthrough").putObject("rollout").putArray("variations");
    weighted(half, 0, 50_000);
    weighted(half, 1, 50_000);

    ObjectNode multi = flag(flags, Fixture.MULTIVARIATE);
    ArrayNode variations = multi.putArray("variations");
    Fixture.VARIANTS.forEach(variations::add);
    multi.put("offVariation", 0);
    ArrayNode quarters = multi.putObject("fallthrough").putObject("rollout").putArray("variations");
    for (int v = 0; v < Fixture.VARIANTS.size(); v++) {
      weighted(quarters, v, 25_000);
    }

    prerequisite(flags, Fixture.PREREQ_A, Fixture.PREREQ_B);
    prerequisite(flags, Fixture.PREREQ_B, Fixture.PREREQ_C);
    fallthrough(bool(flags, Fixture.PREREQ_C), 0);
    return root.toString();
  }

  private static ObjectNode flag(ObjectNode flags, String key) {
    ObjectNode flag = flags.putObject(key);
    flag.put("key", key);
    flag.put("version", 1);
    flag.put("on", true);
    flag.put("salt", key);
    flag.putArray("targets");
    flag.putArray("rules");
    flag.putArray("prerequisites");
    return flag;
  }

  private static ObjectNode bool(ObjectNode flags, String key) {
    ObjectNode flag = flag(flags, key);
    flag.putArray("variations").add(true).add(false);
    flag.put("offVariation", 1);
    return flag;
  }

  private static void fallthrough(ObjectNode flag, int variation) {
    flag.putObject("fallthrough").put("variation", variation);
  }

  private static ObjectNode rule(ObjectNode flag, String id, int variation) {
    ObjectNode rule = ((ArrayNode) flag.get("rules")).addObject();
    rule.put("id", id);
    rule.put("variation", variation);
    rule.putArray("clauses");
    return rule;
  }

  private static void clause(ObjectNode rule, String attribute, String op, List<String> values) {
    ObjectNode c = ((ArrayNode) rule.get("clauses")).addObject();
    c.put("contextKind", "user");
    c.put("attribute", attribute);
    c.put("op", op);
    strings(c.putArray("values"), values);
    c.put("negate", false);
  }

  private static void weighted(ArrayNode variations, int variation, int weight) {
    ObjectNode w = variations.addObject();
    w.put("variation", variation);
    w.put("weight", weight);
  }

  private static void prerequisite(ObjectNode flags, String key, String requires) {
    ObjectNode flag = bool(flags, key);
    ObjectNode p = ((ArrayNode) flag.get("prerequisites")).addObject();
    p.put("key", requires);
    p.put("variation", 0);
    fallthrough(flag, 0);
  }

  private static void strings(ArrayNode array, List<String> values) {
    for (String v : values) {
      array.add(v);
    }
  }
}
