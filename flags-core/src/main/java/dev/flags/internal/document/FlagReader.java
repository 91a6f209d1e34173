package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.Guardrail;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Prerequisite;
import dev.flags.internal.snapshot.FlagDocument.Rule;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Target;
import dev.flags.internal.snapshot.FlagDocument.ValueType;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import dev.flags.internal.snapshot.FlagDocument.Window;
import dev.flags.internal.snapshot.PartEquality;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one flag on its own: metadata, variants (all of one type), the off variant, the shape of
 * its prerequisites, targets, rules (through {@link RuleReader}), fallthrough, schedule and
 * guardrail (through {@link GuardrailReader}). Every
 * variant reference is resolved to an index. References to other flags are checked afterwards,
 * across flags, by {@link ReferenceChecker}.
 */
final class FlagReader {
  private static final List<String> PREREQUISITE_FIELDS = List.of("flag", "variant");
  private static final List<String> TARGET_FIELDS = List.of("variant", "keys");
  private static final List<String> SERVE_FIELDS = List.of("variant", "rollout");

  /** A flag's variants as read: the valid ones, every declared name, and their common type. */
  private record Variants(
      List<Variant> values,
      DeclaredVariants declared,
      @Nullable ValueType type) {
    static final Variants NONE = new Variants(List.of(), DeclaredVariants.NONE, null);
  }

  private final Problems problems;
  private final RuleReader rules;
  private final GuardrailReader guardrails;
  private final ListGatherer<Variant> variantList = new ListGatherer<>();
  private final ListGatherer<Target> targetList = new ListGatherer<>();
  /** The document's lists of tags and of variants, each held once where its flags repeat it. */
  private final PartTable<List<String>> sharedTags =
      new PartTable<>(PartEquality::hashStrings, PartEquality::sameStrings);

  private final PartTable<List<Variant>> sharedVariants =
      new PartTable<>(PartEquality::hashVariants, PartEquality::sameVariants);
  /** Where the flag being read is: the paths below it are made once per document. */
  private final Path.Anchor flagPaths = Path.anchor();

  FlagReader(Problems problems, RuleReader rules) {
    this.problems = problems;
    this.rules = rules;
    this.guardrails = new GuardrailReader(problems);
  }

  /**
   * Reads the flag {@code flags.<key>}.
   *
   * @return the flag, or null if it has a problem
   */
  @Nullable
  Flag read(String name, JsonNode node) {
    // Interned: the parser hands out field names as read (see DocumentReader), and the compiled
    // flag, whose key is interned, then holds the same string as this one (and so does the salt
    // that defaults to the key).
    String key = name.intern();
    int mark = problems.count();
    problems.name(key, "flag key", Path.FLAGS, key);
    Path path = flagPaths.at(Path.FLAGS.key(key));
    if (!problems.object(node, path, "flag must be an object")) {
      return null;
    }
    problems.unknownFields(node, path, FlagDocument.FLAG_FIELDS);
    String description = problems.optionalString(node, path, "description");
    String owner = problems.optionalString(node, path, "owner");
    List<String> tags = problems.stringList(node, path, "tags", false);
    Map<String, Object> metadata = metadata(node, path);
    boolean enabled = problems.bool(node, path, "enabled", true);
    String salt = salt(node, path, key);
    // Variants first: everything else refers to them.
    Variants variants = variants(node, path);
    DeclaredVariants declared = variants.declared();
    int offVariant = offVariant(node, path, declared);
    List<Prerequisite> prerequisites = prerequisites(node, path);
    List<Target> targets = targets(node, path, declared);
    List<Rule> flagRules = rules.flagRules(node, path, declared);
    Serve fallthrough = fallthrough(node, path, declared);
    List<Window> schedule = rules.schedule(node, path);
    Guardrail guardrail = guardrails.read(node, path);
    ValueType type = variants.type();
    if (problems.addedSince(mark) || type == null || fallthrough == null) {
      return null;
    }
    return new Flag(
        key,
        description,
        owner,
        sharedTags.share(tags),
        metadata,
        enabled,
        type,
        sharedVariants.share(variants.values()),
        offVariant,
        salt,
        prerequisites,
        targets,
        flagRules,
        fallthrough,
        schedule,
        guardrail);
  }

  /**
   * The flag's metadata: names to strings, numbers ({@code Long} when integral, else {@code
   * Double}) or booleans, in document order; empty when absent.
   */
  private Map<String, Object> metadata(JsonNode flag, Path flagPath) {
    JsonNode node = flag.get("metadata");
    if (node == null) {
      return Map.of();
    }
    Path path = flagPath.key("metadata");
    if (!problems.object(
        node, path, "must be an object of names to strings, numbers or booleans")) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ObjectFields fields = ObjectFields.of(node);
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.name(i);
      JsonNode v = fields.value(i);
      Path at = path.key(name);
      if (name.isEmpty()) {
        problems.add(at, "a metadata name must not be empty");
      } else if (v.isTextual()) {
        out.put(name, v.asText());
      } else if (v.isBoolean()) {
        out.put(name, v.booleanValue());
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        out.put(name, v.longValue());
      } else if (v.isNumber() && problems.finite(v, at)) {
        out.put(name, v.doubleValue());
      } else if (!v.isNumber()) {
        problems.add(at, "must be a string, number or boolean, not " + JsonValues.describe(v));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The bucketing salt: the flag key unless given. */
  private String salt(JsonNode flag, Path path, String key) {
    JsonNode node = flag.get("salt");
    if (node == null) {
      return key;
    }
    String salt = problems.nonEmptyString(node, path.key("salt"));
    return salt == null ? key : salt;
  }

  private Variants variants(JsonNode flag, Path flagPath) {
    JsonNode node = problems.required(flag, flagPath, "variants");
    if (node == null) {
      return Variants.NONE;
    }
    Path path = flagPath.key("variants");
    if (!problems.expect(
        node.isObject() && !node.isEmpty(),
        node,
        path,
        "must be a non-empty object of variant name to value")) {
      return Variants.NONE;
    }
    ListGatherer<Variant> values = variantList.start();
    ObjectFields fields = ObjectFields.of(node);
    int[] positions = new int[fields.size()];
    ValueType type = null;
    String first = "";
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.name(i);
      JsonNode value = fields.value(i);
      problems.name(name, "variant name", path, name);
      ValueType t = variantType(value, path, name);
      if (t == null) {
        positions[i] = -1; // still declared: references to it are not also unknown variants
        continue;
      }
      if (type == null) {
        type = t;
        first = name;
      } else if (t != type) {
        problems.add(
            path.key(name),
            "all variants of a flag must have the same type: '" + first + "' is " + lower(type)
                + ", this one is " + lower(t));
      }
      positions[i] = values.size();
      values.add(JsonValues.variant(name, value));
    }
    return new Variants(values.finish(), new DeclaredVariants(fields, positions), type);
  }

  /** The type of the variant {@code path.name}, or null after reporting a value it cannot serve. */
  private @Nullable ValueType variantType(JsonNode value, Path path, String name) {
    ValueType t = JsonValues.valueType(value);
    if (t == null) {
      problems.add(
          path.key(name),
          "variant value must be a boolean, string, number or JSON object/array, not "
              + JsonValues.describe(value));
      return null;
    }
    if (t == ValueType.JSON && !JsonValues.allFinite(value)) {
      problems.add(
          path.key(name),
          "a number in this JSON value is out of range (at most about 1.8E308 in magnitude)");
      return null;
    }
    if (t == ValueType.NUMBER && !problems.finite(value, path.key(name))) {
      return null;
    }
    return t;
  }

  private static String lower(ValueType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  private int offVariant(JsonNode flag, Path path, DeclaredVariants declared) {
    JsonNode node =
        problems.required(flag, path, "offVariant", "the variant served when the flag is disabled");
    return node != null && declared.any() ? declared.ref(node, path, "offVariant", problems) : -1;
  }

  /** The prerequisites' shape; what they refer to is checked by {@link ReferenceChecker}. */
  private List<Prerequisite> prerequisites(JsonNode flag, Path flagPath) {
    JsonNode list = flag.get("prerequisites");
    if (list == null) {
      return List.of();
    }
    Path path = flagPath.key("prerequisites");
    if (!problems.array(list, path, "must be an array")) {
      return List.of();
    }
    List<Prerequisite> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Path p = path.index(i);
      JsonNode item = list.get(i);
      if (!problems.object(item, p, "must be an object {\"flag\": ..., \"variant\": ...}")) {
        continue;
      }
      problems.unknownFields(item, p, PREREQUISITE_FIELDS);
      String f = problems.requiredString(item, p, "flag");
      String v = problems.requiredString(item, p, "variant");
      if (f != null && v != null) {
        out.add(new Prerequisite(f, v));
      }
    }
    return List.copyOf(out);
  }

  /** Individual targets; a context key may be targeted once per flag. */
  private List<Target> targets(JsonNode flag, Path flagPath, DeclaredVariants declared) {
    JsonNode list = flag.get("targets");
    if (list == null) {
      return List.of();
    }
    Path path = flagPath.key("targets");
    if (!problems.array(list, path, "must be an array")) {
      return List.of();
    }
    ListGatherer<Target> out = targetList.start();
    // Key to the index of its target. A key repeated within one target is not a problem, so a
    // flag with one target (the common case) needs no map.
    @Nullable Map<String, Integer> targeted = list.size() > 1 ? new HashMap<>() : null;
    for (int i = 0; i < list.size(); i++) {
      Target t = target(list.get(i), path.index(i), i, declared, targeted);
      if (t != null) {
        out.add(t);
      }
    }
    return out.finish();
  }

  private @Nullable Target target(
      JsonNode item,
      Path path,
      int index,
      DeclaredVariants declared,
      @Nullable Map<String, Integer> targeted) {
    if (!problems.object(item, path, "must be an object {\"variant\": ..., \"keys\": [...]}")) {
      return null;
    }
    problems.unknownFields(item, path, TARGET_FIELDS);
    JsonNode variantNode = problems.required(item, path, "variant");
    int variant = variantNode != null && declared.any()
        ? declared.ref(variantNode, path, "variant", problems)
        : -1;
    List<String> keys = List.of();
    if (problems.required(item, path, "keys") != null) {
      keys = problems.stringList(item, path, "keys", true);
      for (int k = 0; targeted != null && k < keys.size(); k++) {
        Integer other = targeted.putIfAbsent(keys.get(k), index);
        if (other != null && other != index) {
          problems.add(
              path.key("keys").index(k),
              "key '" + keys.get(k) + "' is already targeted by targets[" + other + "]");
        }
      }
    }
    // The list the compiled flag looks keys up in too.
    return variant < 0 ? null : new Target(variant, FlagDocument.keys(keys));
  }

  private @Nullable Serve fallthrough(JsonNode flag, Path flagPath, DeclaredVariants declared) {
    JsonNode node = problems.required(
        flag,
        flagPath,
        "fallthrough",
        "the variant or rollout served when no target or rule matches");
    if (node == null) {
      return null;
    }
    Path path = flagPath.key("fallthrough");
    if (!problems.object(
        node, path, "must be an object {\"variant\": ...} or {\"rollout\": {...}}")) {
      return null;
    }
    problems.unknownFields(node, path, SERVE_FIELDS);
    return rules.serve(node, path, declared);
  }
}
