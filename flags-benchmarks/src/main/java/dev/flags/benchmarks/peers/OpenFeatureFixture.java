package dev.flags.benchmarks.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.benchmarks.Expect;
import dev.flags.benchmarks.Fixture;
import dev.flags.benchmarks.Person;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenFeature client per JVM, backed by the flagd provider's in-process resolver reading a
 * local flagd flag-definition file (resolver type {@code FILE}): flags are evaluated in this JVM
 * by flagd's json-logic targeting with its {@code fractional}, {@code sem_ver} and string
 * operators; nothing connects anywhere. The file is polled for changes once a minute only.
 */
final class OpenFeatureFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "flags-benchmarks";
  private static Client client;

  private OpenFeatureFixture() {}

  /** The shared client, created and checked on first use. */
  static synchronized Client client() {
    if (client == null) {
      try {
        Path file = Files.createTempFile("flags-bench-flagd-", ".json");
        file.toFile().deleteOnExit();
        Files.write(file, document().getBytes(StandardCharsets.UTF_8));
        FlagdOptions options = FlagdOptions.builder()
            .resolverType(Config.Resolver.FILE)
            .offlineFlagSourcePath(file.toString())
            .offlinePollIntervalMs(60_000)
            .deadline(60_000)
            .build();
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait(DOMAIN, new FlagdProvider(options));
        Client c = api.getClient(DOMAIN);
        check(c);
        client = c;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return client;
  }

  /** The person as an OpenFeature context: targeting key plus the five attributes. */
  static EvaluationContext context(Person p) {
    Map<String, Value> attributes = new HashMap<>();
    attributes.put("country", new Value(p.country()));
    attributes.put("plan", new Value(p.plan()));
    attributes.put("email", new Value(p.email()));
    attributes.put("appVersion", new Value(p.appVersion()));
    attributes.put("age", new Value(p.age()));
    return new ImmutableContext(p.key(), attributes);
  }

  static EvaluationContext[] contexts(Person[] people) {
    EvaluationContext[] contexts = new EvaluationContext[people.length];
    for (int i = 0; i < people.length; i++) {
      contexts[i] = context(people[i]);
    }
    return contexts;
  }

  private static void check(Client c) {
    String lib = "OpenFeature+flagd";
    EvaluationContext user = context(Fixture.USER);
    EvaluationContext member = context(Fixture.MEMBER);
    EvaluationContext visitor = context(Fixture.VISITOR);
    Expect.equal(lib, Fixture.SIMPLE, c.getBooleanValue(Fixture.SIMPLE, false, user), true);
    Expect.equal(lib, Fixture.KILLED, c.getBooleanValue(Fixture.KILLED, false, user), false);
    Expect.equal(lib, "target hit", c.getBooleanValue(Fixture.TARGETS, false, user), true);
    Expect.equal(lib, "target miss", c.getBooleanValue(Fixture.TARGETS, true, visitor), false);
    Expect.equal(
        lib, "segment member", c.getBooleanValue(Fixture.SEGMENT_FLAG, false, member), true);
    Expect.equal(
        lib, "segment non-member", c.getBooleanValue(Fixture.SEGMENT_FLAG, true, visitor), false);
    Expect.equal(lib, "rule match", c.getBooleanValue(Fixture.SINGLE_RULE, false, user), true);
    Expect.equal(
        lib, "rule fallthrough", c.getBooleanValue(Fixture.SINGLE_RULE, true, visitor), false);
    Expect.equal(lib, Fixture.TEN_RULES, c.getBooleanValue(Fixture.TEN_RULES, false, user), true);
    Expect.equal(lib, Fixture.SEMVER, c.getBooleanValue(Fixture.SEMVER, false, user), true);
    Expect.equal(lib, "semver miss", c.getBooleanValue(Fixture.SEMVER, true, visitor), false);
    Expect.equal(lib, Fixture.UNKNOWN, c.getBooleanValue(Fixture.UNKNOWN, false, user), false);
    Expect.equal(
        lib,
        "details reason",
        c.getBooleanDetails(Fixture.SINGLE_RULE, false, user).getReason(),
        "TARGETING_MATCH");
    Person[] people = Fixture.rotatingUsers();
    Expect.halfRollout(
        lib, people, p -> c.getBooleanValue(Fixture.ROLLOUT, false, context(p)), true);
    Expect.fourVariants(
        lib, people, p -> c.getStringValue(Fixture.MULTIVARIATE, "default", context(p)));
  }

  /** The scenario flags as a flagd flag-definition document. */
  static String document() {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://flagd.dev/schema/v0/flags.json");
    ObjectNode flags = root.putObject("flags");
    ObjectNode evaluators = root.putObject("$evaluators");
    evaluators.set(Fixture.SEGMENT, in(var("targetingKey"), Fixture.segmentKeys()));

    bool(flags, Fixture.SIMPLE, "on");
    bool(flags, Fixture.KILLED, "on").put("state", "DISABLED");
    ifThen(bool(flags, Fixture.TARGETS, "off"), in(var("targetingKey"), Fixture.targetKeys()));
    ObjectNode ref = JSON.createObjectNode();
    ref.put("$ref", Fixture.SEGMENT);
    ifThen(bool(flags, Fixture.SEGMENT_FLAG, "off"), ref);
    ifThen(bool(flags, Fixture.SINGLE_RULE, "off"), in(var("country"), Fixture.COUNTRIES));

    ArrayNode tenIf =
        bool(flags, Fixture.TEN_RULES, "off").putObject("targeting").putArray("if");
    for (int i = 0; i < Fixture.RULES; i++) {
      ObjectNode and = JSON.createObjectNode();
      ArrayNode both = and.putArray("and");
      both.add(in(var("country"), Fixture.COUNTRIES));
      ArrayNode eq = both.addObject().putArray("==");
      eq.add(var("plan"));
      eq.add(Fixture.plan(i));
      tenIf.add(and);
      tenIf.add("on");
    }
    tenIf.add("off");

    ObjectNode semver = JSON.createObjectNode();
    semver.putArray("sem_ver").add(var("appVersion")).add(">").add(Fixture.MIN_VERSION);
    ifThen(bool(flags, Fixture.SEMVER, "off"), semver);

    ArrayNode half =
        bool(flags, Fixture.ROLLOUT, "off").putObject("targeting").putArray("fractional");
    half.addArray().add("on").add(50);
    half.addArray().add("off").add(50);

    ObjectNode multi = flags.putObject(Fixture.MULTIVARIATE);
    multi.put("state", "ENABLED");
    ObjectNode variants = multi.putObject("variants");
    Fixture.VARIANTS.forEach(v -> variants.put(v, v));
    multi.put("defaultVariant", Fixture.VARIANTS.get(0));
    ArrayNode quarters = multi.putObject("targeting").putArray("fractional");
    Fixture.VARIANTS.forEach(v -> quarters.addArray().add(v).add(25));
    return root.toString();
  }

  private static ObjectNode bool(ObjectNode flags, String key, String defaultVariant) {
    ObjectNode flag = flags.putObject(key);
    flag.put("state", "ENABLED");
    ObjectNode variants = flag.putObject("variants");
    variants.put("on", true);
    variants.put("off", false);
    flag.put("defaultVariant", defaultVariant);
    return flag;
  }

  private static void ifThen(ObjectNode flag, ObjectNode condition) {
    ArrayNode ifs = flag.putObject("targeting").putArray("if");
    ifs.add(condition);
    ifs.add("on");
    ifs.add("off");
  }

  private static ObjectNode var(String name) {
    ObjectNode v = JSON.createObjectNode();
    v.put("var", name);
    return v;
  }

  private static ObjectNode in(ObjectNode value, List<String> list) {
    ObjectNode in = JSON.createObjectNode();
    ArrayNode args = in.putArray("in");
    args.add(value);
    ArrayNode values = args.addArray();
    list.forEach(values::add);
    return in;
  }
}
