package dev.flags.benchmarks.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.benchmarks.Expect;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One Unleash client per JVM ({@code DefaultUnleash}, the real SDK: its strategies and
 * constraints run in the SDK's embedded Yggdrasil engine), serving the scenario toggles in
 * Unleash's {@code /api/client/features} format through a {@code ToggleBootstrapProvider}.
 *
 * <p>No network: the API URL points at {@code http://127.0.0.1:1/api/}, polling is disabled (so
 * no fetch is ever scheduled), the initial fetch is not synchronous, metrics are disabled, and
 * the backup file is a fresh temporary path so that no earlier state is read.
 */
final class UnleashFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Unleash unleash;

  private UnleashFixture() {}

  /** The shared client, created and checked on first use. */
  static synchronized Unleash client() {
    if (unleash == null) {
      try {
        Path dir = Files.createTempDirectory("flags-bench-unleash-");
        dir.toFile().deleteOnExit();
        String document = document();
        UnleashConfig config = UnleashConfig.builder()
            .appName("flags-benchmarks")
            .instanceId("flags-benchmarks-" + ProcessHandle.current().pid())
            .unleashAPI("http://127.0.0.1:1/api/")
            .disablePolling()
            .disableMetrics()
            .synchronousFetchOnInitialisation(false)
            .backupFile(dir.resolve("unleash-backup.json").toString())
            .toggleBootstrapProvider(() -> Optional.of(document))
            .build();
        Unleash u = new DefaultUnleash(config);
        check(u);
        unleash = u;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return unleash;
  }

  /** The person as an Unleash context: userId plus the five attributes as properties. */
  static UnleashContext context(Person p) {
    return UnleashContext.builder()
        .userId(p.key())
        .addProperty("country", p.country())
        .addProperty("plan", p.plan())
        .addProperty("email", p.email())
        .addProperty("appVersion", p.appVersion())
        .addProperty("age", Integer.toString(p.age()))
        .build();
  }

  static UnleashContext[] contexts(Person[] people) {
    UnleashContext[] contexts = new UnleashContext[people.length];
    for (int i = 0; i < people.length; i++) {
      contexts[i] = context(people[i]);
    }
    return contexts;
  }

  private static void check(Unleash u) {
    String lib = "Unleash";
    UnleashContext user = context(Fixture.USER);
    UnleashContext member = context(Fixture.MEMBER);
    UnleashContext visitor = context(Fixture.VISITOR);
    Expect.equal(lib, Fixture.SIMPLE, u.isEnabled(Fixture.SIMPLE, user), true);
    Expect.equal(lib, Fixture.KILLED, u.isEnabled(Fixture.KILLED, user), false);
    Expect.equal(lib, "target hit", u.isEnabled(Fixture.TARGETS, user), true);
    Expect.equal(lib, "target miss", u.isEnabled(Fixture.TARGETS, visitor), false);
    Expect.equal(lib, "segment member", u.isEnabled(Fixture.SEGMENT_FLAG, member), true);
    Expect.equal(lib, "segment non-member", u.isEnabled(Fixture.SEGMENT_FLAG, visitor), false);
    Expect.equal(lib, "rule match", u.isEnabled(Fixture.SINGLE_RULE, user), true);
    Expect.equal(lib, "rule fallthrough", u.isEnabled(Fixture.SINGLE_RULE, visitor), false);
    Expect.equal(lib, Fixture.TEN_RULES, u.isEnabled(Fixture.TEN_RULES, user), true);
    Expect.equal(lib, Fixture.REGEX, u.isEnabled(Fixture.REGEX, user), true);
    Expect.equal(lib, "regex miss", u.isEnabled(Fixture.REGEX, visitor), false);
    Expect.equal(lib, Fixture.SEMVER, u.isEnabled(Fixture.SEMVER, user), true);
    Expect.equal(lib, "semver miss", u.isEnabled(Fixture.SEMVER, visitor), false);
    Expect.equal(lib, Fixture.UNKNOWN, u.isEnabled(Fixture.UNKNOWN, user), false);
    Person[] people = Fixture.rotatingUsers();
    Expect.halfRollout(lib, people, p -> u.isEnabled(Fixture.ROLLOUT, context(p)), true);
    Expect.fourVariants(
        lib, people, p -> u.getVariant(Fixture.MULTIVARIATE, context(p)).getName());
  }

  /** The scenario toggles, in the format of Unleash's client features API. */
  static String document() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 2);
    ArrayNode features = root.putArray("features");
    ObjectNode segment = root.putArray("segments").addObject();
    segment.put("id", 1);
    segment.put("name", Fixture.SEGMENT);
    constraint(segment.putArray("constraints"), "userId", "IN", Fixture.segmentKeys());

    strategy(feature(features, Fixture.SIMPLE), "default");
    ObjectNode killed = feature(features, Fixture.KILLED);
    killed.put("enabled", false);
    strategy(killed, "default");

    ObjectNode targets = strategy(feature(features, Fixture.TARGETS), "userWithId");
    targets.withObjectProperty("parameters").put("userIds", String.join(",", Fixture.targetKeys()));

    strategy(feature(features, Fixture.SEGMENT_FLAG), "default")
        .putArray("segments")
        .add(1);

    ObjectNode single = strategy(feature(features, Fixture.SINGLE_RULE), "default");
    constraint(single.putArray("constraints"), "country", "IN", Fixture.COUNTRIES);

    ObjectNode ten = feature(features, Fixture.TEN_RULES);
    for (int i = 0; i < Fixture.RULES; i++) {
      ArrayNode constraints = strategy(ten, "default").putArray("constraints");
      constraint(constraints, "country", "IN", Fixture.COUNTRIES);
      constraint(constraints, "plan", "IN", List.of(Fixture.plan(i)));
    }

    single(
        strategy(feature(features, Fixture.REGEX), "default"),
        "email",
        "REGEX",
        Fixture.EMAIL_REGEX);
    single(
        strategy(feature(features, Fixture.SEMVER), "default"),
        "appVersion",
        "SEMVER_GT",
        Fixture.MIN_VERSION);

    ObjectNode rollout = strategy(feature(features, Fixture.ROLLOUT), "flexibleRollout");
    rollout
        .withObjectProperty("parameters")
        .put("rollout", "50")
        .put("stickiness", "userId")
        .put("groupId", Fixture.ROLLOUT);

    ObjectNode multi = strategy(feature(features, Fixture.MULTIVARIATE), "flexibleRollout");
    multi
        .withObjectProperty("parameters")
        .put("rollout", "100")
        .put("stickiness", "userId")
        .put("groupId", Fixture.MULTIVARIATE);
    ArrayNode variants = multi.putArray("variants");
    for (String v : Fixture.VARIANTS) {
      ObjectNode variant = variants.addObject();
      variant.put("name", v);
      variant.put("weight", 1000 / Fixture.VARIANTS.size());
      variant.put("weightType", "variable");
      variant.put("stickiness", "userId");
      variant.putObject("payload").put("type", "string").put("value", v);
    }
    return root.toString();
  }

  private static ObjectNode feature(ArrayNode features, String name) {
    ObjectNode f = features.addObject();
    f.put("name", name);
    f.put("type", "release");
    f.put("enabled", true);
    f.put("project", "default");
    f.put("stale", false);
    f.put("impressionData", false);
    f.putArray("strategies");
    f.putArray("variants");
    return f;
  }

  private static ObjectNode strategy(ObjectNode feature, String name) {
    ObjectNode s = ((ArrayNode) feature.get("strategies")).addObject();
    s.put("name", name);
    s.putObject("parameters");
    return s;
  }

  private static void single(
      ObjectNode strategy, String contextName, String operator, String value) {
    ObjectNode c = strategy.putArray("constraints").addObject();
    c.put("contextName", contextName);
    c.put("operator", operator);
    c.put("value", value);
    c.put("caseInsensitive", false);
    c.put("inverted", false);
  }

  private static void constraint(
      ArrayNode constraints, String contextName, String operator, List<String> values) {
    ObjectNode c = constraints.addObject();
    c.put("contextName", contextName);
    c.put("operator", operator);
    ArrayNode vs = c.putArray("values");
    values.forEach(vs::add);
    c.put("caseInsensitive", false);
    c.put("inverted", false);
  }
}
