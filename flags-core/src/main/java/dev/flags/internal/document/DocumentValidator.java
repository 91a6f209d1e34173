package dev.flags.internal.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.flags.DocumentLimits;
import dev.flags.InvalidDocumentException;
import dev.flags.Problem;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import dev.flags.internal.snapshot.FlagDocument.Prerequisite;
import dev.flags.internal.snapshot.FlagDocument.Rollout;
import dev.flags.internal.snapshot.FlagDocument.Rule;
import dev.flags.internal.snapshot.FlagDocument.Segment;
import dev.flags.internal.snapshot.FlagDocument.Serve;
import dev.flags.internal.snapshot.FlagDocument.Target;
import dev.flags.internal.snapshot.FlagDocument.ValueType;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import dev.flags.internal.snapshot.Operator;
import dev.flags.internal.snapshot.SemVer;
import dev.flags.internal.snapshot.Times;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a whole flag document and turns it into a {@link FlagDocument}. Every problem is
 * collected, each with its path; if there is any, the document is rejected whole with {@link
 * InvalidDocumentException}. The format is described in {@code docs/document-format.md}.
 */
public final class DocumentValidator {

  static final int MAX_NAME_LENGTH = 256;
  static final int TOTAL_WEIGHT = 100_000;

  /** {@code [A-Za-z0-9][A-Za-z0-9._:-]*}, checked by hand: it runs for every name in a document. */
  static boolean isName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' && c != '-'))) {
        return false;
      }
    }
    return true;
  }
  /** Writes variant values as compact JSON; decimals as written (100.0 stays a plain number). */
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private static final List<String> TOP_FIELDS =
      List.of("schema", "version", "description", "flags", "segments");
  private static final List<String> SEGMENT_FIELDS =
      List.of("description", "included", "excluded", "rules");
  private static final List<String> RULE_FIELDS =
      List.of("id", "description", "conditions", "variant", "rollout", "schedule");
  private static final List<String> SEGMENT_RULE_FIELDS =
      List.of("id", "description", "conditions");
  private static final List<String> CONDITION_FIELDS =
      List.of("attribute", "op", "value", "values", "negate", "ignoreCase");
  private static final List<String> ROLLOUT_FIELDS =
      List.of("bucketBy", "salt", "variants", "steps");
  private static final List<String> WINDOW_FIELDS = List.of("from", "until");
  private static final List<String> STEP_FIELDS = List.of("at", "weights");
  private static final List<String> WEIGHTED_FIELDS = List.of("variant", "weight");
  private static final List<String> SERVE_FIELDS = List.of("variant", "rollout");
  private static final List<String> TARGET_FIELDS = List.of("variant", "keys");
  private static final List<String> PREREQUISITE_FIELDS = List.of("flag", "variant");

  private final DocumentLimits limits;

  public DocumentValidator(DocumentLimits limits) {
    this.limits = limits;
  }

  /**
   * Validates a document tree.
   *
   * @throws InvalidDocumentException listing every problem
   */
  public DocumentResult<FlagDocument> validate(JsonNode root) {
    return run(new Run(true), root);
  }

  /**
   * Validates one layer of a layered client on its own: everything except references to segments
   * and flags, which may live in another layer. The merged document is then validated whole.
   *
   * @throws InvalidDocumentException listing every problem
   */
  public DocumentResult<FlagDocument> validateLayer(JsonNode root) {
    return run(new Run(false), root);
  }

  private static DocumentResult<FlagDocument> run(Run run, JsonNode root) {
    try {
      return new DocumentResult.Ok<>(run.document(root));
    } catch (InvalidDocumentException e) {
      return new DocumentResult.Rejected<>(e.version(), e.problems());
    }
  }

  /** One validation: collects problems while it walks the tree. */
  private final class Run {
    private final List<Problem> problems = new ArrayList<>();
    private final boolean resolveReferences;
    private Set<String> segmentKeys = Set.of();

    Run(boolean resolveReferences) {
      this.resolveReferences = resolveReferences;
    }

    private void problem(String path, String message) {
      problems.add(Problem.of(path, message));
    }

    FlagDocument document(JsonNode root) {
      if (!root.isObject()) {
        problem("$", "document must be a JSON object, not " + describe(root));
        throw new InvalidDocumentException(null, problems);
      }
      fields(root, "$", TOP_FIELDS);
      // Schema first, then version: the order of the fields in the format (document order).
      JsonNode schema = root.get("schema");
      if (schema == null) {
        problem(
            "schema",
            "required field is missing (this library reads schema " + FlagDocument.SCHEMA + ")");
      } else if (!schema.isIntegralNumber()) {
        problem(
            "schema", "must be the number " + FlagDocument.SCHEMA + ", not " + describe(schema));
      } else if (!schema.canConvertToLong() || schema.asLong() != FlagDocument.SCHEMA) {
        problem(
            "schema",
            "unsupported schema " + schema.asText() + " (this library reads schema "
                + FlagDocument.SCHEMA + ")");
      }
      String version = null;
      JsonNode v = root.get("version");
      if (v == null) {
        problem("version", "required field is missing");
      } else if (!v.isTextual() || v.asText().isBlank()) {
        problem("version", "must be a non-empty string, not " + describe(v));
      } else if (v.asText().length() > MAX_NAME_LENGTH) {
        problem("version", "must be at most " + MAX_NAME_LENGTH + " characters");
      } else {
        version = v.asText();
      }
      description(root, "$", "description");

      Map<String, Segment> segments = new LinkedHashMap<>();
      JsonNode segs = root.get("segments");
      if (segs != null) {
        if (!segs.isObject()) {
          problem("segments", "must be an object of segment key to segment, not " + describe(segs));
        } else {
          if (segs.size() > limits.maxSegments()) {
            problem(
                "segments",
                "document has " + segs.size()
                    + " segments, exceeds the maximum allowed (" + limits.maxSegments()
                    + ", from DocumentLimits.Builder.maxSegments(int))");
          }
          Set<String> keys = new HashSet<>();
          segs.fieldNames().forEachRemaining(keys::add);
          segmentKeys = keys;
          for (Iterator<Map.Entry<String, JsonNode>> it = segs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Segment s = segment(e.getKey(), e.getValue(), Paths.key("segments", e.getKey()));
            if (s != null) {
              segments.put(s.key(), s);
            }
          }
        }
      }

      Map<String, Flag> flags = new LinkedHashMap<>();
      JsonNode fl = root.get("flags");
      if (fl == null) {
        problem("flags", "required field is missing");
      } else if (!fl.isObject()) {
        problem("flags", "must be an object of flag key to flag, not " + describe(fl));
      } else {
        if (fl.size() > limits.maxFlags()) {
          problem(
              "flags",
              "document has " + fl.size() + " flags, exceeds the maximum allowed ("
                  + limits.maxFlags() + ", from DocumentLimits.Builder.maxFlags(int))");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fl.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          Flag f = flag(e.getKey(), e.getValue(), Paths.key("flags", e.getKey()));
          if (f != null) {
            flags.put(f.key(), f);
          }
        }
        if (resolveReferences) {
          prerequisites(fl, flags);
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidDocumentException(version, problems);
      }
      return new FlagDocument(
          FlagDocument.SCHEMA,
          version,
          Collections.unmodifiableMap(flags),
          Collections.unmodifiableMap(segments));
    }

    private @Nullable Flag flag(String key, JsonNode node, String path) {
      int before = problems.size();
      name(key, path, "flag key");
      if (!node.isObject()) {
        problem(path, "flag must be an object, not " + describe(node));
        return null;
      }
      fields(node, path, FlagDocument.FLAG_FIELDS);
      String description = description(node, path, "description");
      String owner = description(node, path, "owner");
      List<String> tags = stringList(node.get("tags"), Paths.key(path, "tags"), false);
      boolean enabled = true;
      JsonNode en = node.get("enabled");
      if (en != null) {
        if (en.isBoolean()) {
          enabled = en.booleanValue();
        } else {
          problem(Paths.key(path, "enabled"), "must be true or false, not " + describe(en));
        }
      }
      String salt = key;
      JsonNode saltNode = node.get("salt");
      if (saltNode != null) {
        String s = nonEmptyString(saltNode, Paths.key(path, "salt"));
        if (s != null) {
          salt = s;
        }
      }

      // Variants first: everything else refers to them.
      List<Variant> variants = new ArrayList<>();
      Map<String, Integer> variantIndex = new LinkedHashMap<>();
      ValueType type = null;
      String vpath = Paths.key(path, "variants");
      JsonNode vs = node.get("variants");
      if (vs == null) {
        problem(vpath, "required field is missing");
      } else if (!vs.isObject() || vs.isEmpty()) {
        problem(vpath, "must be a non-empty object of variant name to value, not " + describe(vs));
      } else {
        String firstName = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = vs.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String p = Paths.key(vpath, e.getKey());
          name(e.getKey(), p, "variant name");
          ValueType t = valueType(e.getValue());
          if (t == ValueType.JSON && !allFinite(e.getValue())) {
            problem(
                p,
                "a number in this JSON value is out of range (at most about 1.8E308 in"
                    + " magnitude)");
            variantIndex.put(e.getKey(), -1);
            continue;
          }
          if (t == null) {
            problem(
                p,
                "variant value must be a boolean, string, number or JSON object/array, not "
                    + describe(e.getValue()));
            // Still declared: references to it are not also reported as unknown variants.
            variantIndex.put(e.getKey(), -1);
            continue;
          }
          if (t == ValueType.NUMBER && !finite(e.getValue(), p)) {
            variantIndex.put(e.getKey(), -1);
            continue;
          }
          if (type == null) {
            type = t;
            firstName = e.getKey();
          } else if (t != type) {
            problem(
                p,
                "all variants of a flag must have the same type: '" + firstName + "' is "
                    + lower(type) + ", this one is " + lower(t));
          }
          variantIndex.put(e.getKey(), variants.size());
          variants.add(variant(e.getKey(), e.getValue()));
        }
      }
      boolean haveVariants = !variantIndex.isEmpty();

      int offVariant = -1;
      JsonNode off = node.get("offVariant");
      if (off == null) {
        problem(
            Paths.key(path, "offVariant"),
            "required field is missing (the variant served when the flag is disabled)");
      } else if (haveVariants) {
        offVariant = variantRef(off, Paths.key(path, "offVariant"), variantIndex);
      }

      List<Prerequisite> prereqs = new ArrayList<>();
      JsonNode pr = node.get("prerequisites");
      String ppath = Paths.key(path, "prerequisites");
      if (pr != null) {
        if (!pr.isArray()) {
          problem(ppath, "must be an array, not " + describe(pr));
        } else {
          for (int i = 0; i < pr.size(); i++) {
            String p = Paths.index(ppath, i);
            JsonNode item = pr.get(i);
            if (!item.isObject()) {
              problem(
                  p, "must be an object {\"flag\": ..., \"variant\": ...}, not " + describe(item));
              continue;
            }
            fields(item, p, PREREQUISITE_FIELDS);
            String f = requiredString(item, p, "flag");
            String v = requiredString(item, p, "variant");
            if (f != null && v != null) {
              prereqs.add(new Prerequisite(f, v));
            }
          }
        }
      }

      List<Target> targets = new ArrayList<>();
      JsonNode ts = node.get("targets");
      String tpath = Paths.key(path, "targets");
      if (ts != null) {
        if (!ts.isArray()) {
          problem(tpath, "must be an array, not " + describe(ts));
        } else {
          Map<String, Integer> seen = new HashMap<>();
          for (int i = 0; i < ts.size(); i++) {
            String p = Paths.index(tpath, i);
            JsonNode item = ts.get(i);
            if (!item.isObject()) {
              problem(
                  p,
                  "must be an object {\"variant\": ..., \"keys\": [...]}, not " + describe(item));
              continue;
            }
            fields(item, p, TARGET_FIELDS);
            int variant = -1;
            JsonNode vn = item.get("variant");
            if (vn == null) {
              problem(Paths.key(p, "variant"), "required field is missing");
            } else if (haveVariants) {
              variant = variantRef(vn, Paths.key(p, "variant"), variantIndex);
            }
            JsonNode kn = item.get("keys");
            List<String> keys = List.of();
            if (kn == null) {
              problem(Paths.key(p, "keys"), "required field is missing");
            } else {
              keys = stringList(kn, Paths.key(p, "keys"), true);
              for (int k = 0; k < keys.size(); k++) {
                Integer other = seen.putIfAbsent(keys.get(k), i);
                if (other != null && other != i) {
                  problem(
                      Paths.index(Paths.key(p, "keys"), k),
                      "key '" + keys.get(k) + "' is already targeted by targets[" + other + "]");
                }
              }
            }
            if (variant >= 0) {
              targets.add(new Target(variant, keys));
            }
          }
        }
      }

      List<Rule> rules = new ArrayList<>();
      JsonNode rs = node.get("rules");
      String rpath = Paths.key(path, "rules");
      if (rs != null) {
        if (!rs.isArray()) {
          problem(rpath, "must be an array, not " + describe(rs));
        } else {
          if (rs.size() > limits.maxRulesPerFlag()) {
            problem(
                rpath,
                "flag has " + rs.size() + " rules, exceeds the maximum allowed ("
                    + limits.maxRulesPerFlag()
                    + ", from DocumentLimits.Builder.maxRulesPerFlag(int))");
          }
          Map<String, Integer> ids = new HashMap<>();
          for (int i = 0; i < rs.size(); i++) {
            Rule r =
                rule(rs.get(i), Paths.index(rpath, i), variantIndex, haveVariants, true, ids, i);
            if (r != null) {
              rules.add(r);
            }
          }
        }
      }

      Serve fallthrough = null;
      JsonNode ft = node.get("fallthrough");
      String fpath = Paths.key(path, "fallthrough");
      if (ft == null) {
        problem(
            fpath,
            "required field is missing (the variant or rollout served when no target or"
                + " rule matches)");
      } else if (!ft.isObject()) {
        problem(
            fpath,
            "must be an object {\"variant\": ...} or {\"rollout\": {...}}, not " + describe(ft));
      } else {
        fields(ft, fpath, SERVE_FIELDS);
        fallthrough = serve(ft, fpath, variantIndex, haveVariants);
      }

      List<FlagDocument.Window> schedule = schedule(node, path);

      if (problems.size() > before || type == null || fallthrough == null) {
        return null;
      }
      return new Flag(
          key,
          description,
          owner,
          tags,
          enabled,
          type,
          List.copyOf(variants),
          offVariant,
          salt,
          List.copyOf(prereqs),
          List.copyOf(targets),
          List.copyOf(rules),
          fallthrough,
          schedule);
    }

    private @Nullable Segment segment(String key, JsonNode node, String path) {
      int before = problems.size();
      name(key, path, "segment key");
      if (!node.isObject()) {
        problem(path, "segment must be an object, not " + describe(node));
        return null;
      }
      fields(node, path, SEGMENT_FIELDS);
      String description = description(node, path, "description");
      List<String> included = stringList(node.get("included"), Paths.key(path, "included"), true);
      List<String> excluded = stringList(node.get("excluded"), Paths.key(path, "excluded"), true);
      List<Rule> rules = new ArrayList<>();
      JsonNode rs = node.get("rules");
      String rpath = Paths.key(path, "rules");
      if (rs != null) {
        if (!rs.isArray()) {
          problem(rpath, "must be an array, not " + describe(rs));
        } else {
          if (rs.size() > limits.maxRulesPerFlag()) {
            problem(
                rpath,
                "segment has " + rs.size() + " rules, exceeds the maximum allowed ("
                    + limits.maxRulesPerFlag()
                    + ", from DocumentLimits.Builder.maxRulesPerFlag(int),"
                    + " which also bounds segment rules)");
          }
          Map<String, Integer> ids = new HashMap<>();
          for (int i = 0; i < rs.size(); i++) {
            Rule r = rule(rs.get(i), Paths.index(rpath, i), Map.of(), false, false, ids, i);
            if (r != null) {
              rules.add(r);
            }
          }
        }
      }
      if (problems.size() > before) {
        return null;
      }
      return new Segment(key, description, included, excluded, List.copyOf(rules));
    }

    private @Nullable Rule rule(
        JsonNode node,
        String path,
        Map<String, Integer> variantIndex,
        boolean haveVariants,
        boolean flagRule,
        Map<String, Integer> ids,
        int index) {
      if (!node.isObject()) {
        problem(path, "rule must be an object, not " + describe(node));
        return null;
      }
      int before = problems.size();
      fields(node, path, flagRule ? RULE_FIELDS : SEGMENT_RULE_FIELDS);
      description(node, path, "description");
      String id = null;
      JsonNode idNode = node.get("id");
      String idPath = Paths.key(path, "id");
      if (idNode == null) {
        problem(idPath, "required field is missing (rules need an id so reasons can name them)");
      } else if (!idNode.isTextual()) {
        problem(idPath, "must be a string, not " + describe(idNode));
      } else {
        id = idNode.asText();
        name(id, idPath, "rule id");
        Integer other = ids.putIfAbsent(id, index);
        if (other != null) {
          problem(idPath, "duplicate rule id '" + id + "' (also rules[" + other + "])");
        }
      }
      List<Condition> conditions = new ArrayList<>();
      JsonNode cs = node.get("conditions");
      String cpath = Paths.key(path, "conditions");
      if (cs == null) {
        problem(cpath, "required field is missing");
      } else if (!cs.isArray() || cs.isEmpty()) {
        problem(cpath, "must be a non-empty array of conditions, not " + describe(cs));
      } else {
        for (int i = 0; i < cs.size(); i++) {
          Condition c = condition(cs.get(i), Paths.index(cpath, i), flagRule);
          if (c != null) {
            conditions.add(c);
          }
        }
      }
      Serve serve = null;
      List<FlagDocument.Window> schedule = List.of();
      if (flagRule) {
        serve = serve(node, path, variantIndex, haveVariants);
        schedule = schedule(node, path);
      }
      if (problems.size() > before || id == null) {
        return null;
      }
      return new Rule(id, List.copyOf(conditions), serve, schedule);
    }

    /** Reads {"variant": ...} or {"rollout": {...}} from fields of {@code node}. */
    private @Nullable Serve serve(
        JsonNode node, String path, Map<String, Integer> variantIndex, boolean haveVariants) {
      JsonNode v = node.get("variant");
      JsonNode r = node.get("rollout");
      if ((v == null) == (r == null)) {
        problem(
            path,
            v == null
                ? "must serve either \"variant\" or \"rollout\""
                : "must serve either \"variant\" or \"rollout\", not both");
        return null;
      }
      if (v != null) {
        if (!haveVariants) {
          return null;
        }
        int idx = variantRef(v, Paths.key(path, "variant"), variantIndex);
        return idx < 0 ? null : new Serve(idx, null);
      }
      Rollout rollout = rollout(r, Paths.key(path, "rollout"), variantIndex, haveVariants);
      return rollout == null ? null : new Serve(-1, rollout);
    }

    private @Nullable Rollout rollout(
        JsonNode node, String path, Map<String, Integer> variantIndex, boolean haveVariants) {
      if (!node.isObject()) {
        problem(path, "must be an object {\"variants\": [...]}, not " + describe(node));
        return null;
      }
      int before = problems.size();
      fields(node, path, ROLLOUT_FIELDS);
      String bucketBy = null;
      if (node.has("bucketBy")) {
        bucketBy = nonEmptyString(node.get("bucketBy"), Paths.key(path, "bucketBy"));
        if ("key".equals(bucketBy)) {
          bucketBy = null;
        }
      }
      String salt = null;
      if (node.has("salt")) {
        salt = nonEmptyString(node.get("salt"), Paths.key(path, "salt"));
      }
      JsonNode vs = node.get("variants");
      String vpath = Paths.key(path, "variants");
      if (vs == null) {
        problem(vpath, "required field is missing");
        return null;
      }
      if (!vs.isArray() || vs.isEmpty()) {
        problem(
            vpath,
            "must be a non-empty array of {\"variant\": ..., \"weight\": ...}, not "
                + describe(vs));
        return null;
      }
      int[] variants = new int[vs.size()];
      int[] weights = new int[vs.size()];
      long sum = 0;
      boolean weightsOk = true;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < vs.size(); i++) {
        String p = Paths.index(vpath, i);
        JsonNode item = vs.get(i);
        if (!item.isObject()) {
          problem(
              p, "must be an object {\"variant\": ..., \"weight\": ...}, not " + describe(item));
          weightsOk = false;
          continue;
        }
        fields(item, p, WEIGHTED_FIELDS);
        JsonNode vn = item.get("variant");
        if (vn == null) {
          problem(Paths.key(p, "variant"), "required field is missing");
        } else if (haveVariants) {
          variants[i] = variantRef(vn, Paths.key(p, "variant"), variantIndex);
          if (vn.isTextual() && !seen.add(vn.asText())) {
            problem(
                Paths.key(p, "variant"),
                "variant '" + vn.asText() + "' is listed twice in this rollout");
          }
        }
        JsonNode w = item.get("weight");
        String wpath = Paths.key(p, "weight");
        if (w == null) {
          problem(wpath, "required field is missing (thousandths of a percent, 100000 = 100%)");
          weightsOk = false;
        } else if (!w.isIntegralNumber()
            || !w.canConvertToLong()
            || w.asLong() < 0
            || w.asLong() > TOTAL_WEIGHT) {
          problem(
              wpath,
              "must be an integer from 0 to " + TOTAL_WEIGHT
                  + " (thousandths of a percent, 100000 = 100%), not " + describe(w));
          weightsOk = false;
        } else {
          weights[i] = w.intValue();
          sum += weights[i];
        }
      }
      if (weightsOk && sum != TOTAL_WEIGHT) {
        problem(path, "weights sum to " + percent(sum) + ", expected 100%");
      }
      List<FlagDocument.Step> steps = steps(
          node.get("steps"), Paths.key(path, "steps"), vs.size(), weightsOk ? weights[0] : -1);
      if (problems.size() > before) {
        return null;
      }
      return new Rollout(bucketBy, salt, ints(variants), ints(weights), steps);
    }

    /**
     * A progressive rollout: steps in ascending time, each with a full weights array in the order
     * of the rollout's variants. The first variant's weight may only grow, so users who got it
     * keep it.
     */
    private List<FlagDocument.Step> steps(
        @Nullable JsonNode node, String path, int variantCount, int baseFirstWeight) {
      if (node == null) {
        return List.of();
      }
      if (!node.isArray() || node.isEmpty()) {
        problem(
            path,
            "must be a non-empty array of {\"at\": ..., \"weights\": [...]}, not "
                + describe(node));
        return List.of();
      }
      List<FlagDocument.Step> steps = new ArrayList<>();
      long lastAt = Long.MIN_VALUE;
      int lastFirst = baseFirstWeight;
      for (int i = 0; i < node.size(); i++) {
        String p = Paths.index(path, i);
        JsonNode item = node.get(i);
        if (!item.isObject()) {
          problem(p, "must be an object {\"at\": ..., \"weights\": [...]}, not " + describe(item));
          continue;
        }
        fields(item, p, STEP_FIELDS);
        Long at = null;
        JsonNode atNode = item.get("at");
        if (atNode == null) {
          problem(Paths.key(p, "at"), "required field is missing");
        } else {
          at = time(atNode, Paths.key(p, "at"));
          if (at != null && at <= lastAt) {
            problem(Paths.key(p, "at"), "steps must be in ascending time order");
          }
        }
        JsonNode ws = item.get("weights");
        String wpath = Paths.key(p, "weights");
        int[] weights = new int[variantCount];
        boolean ok = true;
        if (ws == null) {
          problem(wpath, "required field is missing");
          ok = false;
        } else if (!ws.isArray() || ws.size() != variantCount) {
          problem(
              wpath,
              "must be an array of " + variantCount
                  + " weights, one per rollout variant in order, not " + describe(ws));
          ok = false;
        } else {
          long sum = 0;
          for (int k = 0; k < variantCount; k++) {
            JsonNode w = ws.get(k);
            if (!w.isIntegralNumber() || w.asLong() < 0 || w.asLong() > TOTAL_WEIGHT) {
              problem(
                  Paths.index(wpath, k),
                  "must be an integer from 0 to " + TOTAL_WEIGHT + ", not " + describe(w));
              ok = false;
            } else {
              weights[k] = w.intValue();
              sum += weights[k];
            }
          }
          if (ok && sum != TOTAL_WEIGHT) {
            problem(wpath, "weights sum to " + percent(sum) + ", expected 100%");
            ok = false;
          }
        }
        if (ok && lastFirst >= 0 && weights[0] < lastFirst) {
          problem(
              Paths.index(wpath, 0),
              "the first variant's weight must not decrease from one"
                  + " step to the next (" + percent(lastFirst) + " then " + percent(weights[0])
                  + "): a progressive rollout only adds users");
        }
        if (ok) {
          lastFirst = weights[0];
        }
        if (at != null) {
          lastAt = at;
          if (ok) {
            steps.add(new FlagDocument.Step(at, ints(weights)));
          }
        }
      }
      return List.copyOf(steps);
    }

    /** {"schedule": [{"from": time, "until": time}, ...]}: active within any window. */
    private List<FlagDocument.Window> schedule(JsonNode owner, String ownerPath) {
      JsonNode node = owner.get("schedule");
      if (node == null) {
        return List.of();
      }
      String path = Paths.key(ownerPath, "schedule");
      if (!node.isArray() || node.isEmpty()) {
        problem(
            path,
            "must be a non-empty array of {\"from\": ..., \"until\": ...} windows, not "
                + describe(node));
        return List.of();
      }
      List<FlagDocument.Window> windows = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        String p = Paths.index(path, i);
        JsonNode item = node.get(i);
        if (!item.isObject()) {
          problem(p, "must be an object {\"from\": ..., \"until\": ...}, not " + describe(item));
          continue;
        }
        fields(item, p, WINDOW_FIELDS);
        JsonNode f = item.get("from");
        JsonNode u = item.get("until");
        if (f == null && u == null) {
          problem(p, "a window needs \"from\", \"until\" or both");
          continue;
        }
        Long from = f == null ? Long.valueOf(Long.MIN_VALUE) : time(f, Paths.key(p, "from"));
        Long until = u == null ? Long.valueOf(Long.MAX_VALUE) : time(u, Paths.key(p, "until"));
        if (from == null || until == null) {
          continue;
        }
        if (from >= until) {
          problem(p, "\"from\" must be before \"until\"");
          continue;
        }
        windows.add(new FlagDocument.Window(from, until));
      }
      return List.copyOf(windows);
    }

    private @Nullable Condition condition(JsonNode node, String path, boolean flagRule) {
      if (!node.isObject()) {
        problem(path, "condition must be an object, not " + describe(node));
        return null;
      }
      int before = problems.size();
      fields(node, path, CONDITION_FIELDS);
      JsonNode opNode = node.get("op");
      String opPath = Paths.key(path, "op");
      Operator op = null;
      if (opNode == null) {
        problem(opPath, "required field is missing");
      } else if (!opNode.isTextual()) {
        problem(opPath, "must be a string, not " + describe(opNode));
      } else {
        op = Operator.byName(opNode.asText());
        if (op == null) {
          problem(
              opPath,
              "unknown operator '" + opNode.asText() + "' (expected one of " + Operator.names()
                  + ")");
        }
      }
      boolean negate = bool(node, path, "negate");
      boolean ignoreCase = bool(node, path, "ignoreCase");
      if (op == null) {
        return null;
      }
      boolean segmentOp = op.valueKind() == Operator.ValueKind.SEGMENT;
      String attribute = null;
      JsonNode an = node.get("attribute");
      String aPath = Paths.key(path, "attribute");
      if (segmentOp) {
        if (an != null) {
          problem(aPath, "not allowed with operator '" + op + "' (it tests segment membership)");
        }
        if (!flagRule) {
          problem(opPath, "segment rules cannot reference segments");
        }
      } else if (an == null) {
        problem(aPath, "required field is missing");
      } else {
        attribute = nonEmptyString(an, aPath);
      }
      if (ignoreCase && !op.valueKind().textual()) {
        problem(
            Paths.key(path, "ignoreCase"), "only applies to string operators, not '" + op + "'");
      }

      JsonNode value = node.get("value");
      JsonNode values = node.get("values");
      List<Object> parsed = new ArrayList<>();
      if (op.valueKind() == Operator.ValueKind.NONE) {
        if (value != null || values != null) {
          problem(path, "operator '" + op + "' takes no value");
        }
      } else if (value != null && values != null) {
        problem(path, "has both \"value\" and \"values\"; use one");
      } else if (value == null && values == null) {
        problem(path, "operator '" + op + "' needs \"value\" or \"values\"");
      } else if (value != null) {
        Object v = conditionValue(op, value, Paths.key(path, "value"), ignoreCase);
        if (v != null) {
          parsed.add(v);
        }
      } else {
        String vpath = Paths.key(path, "values");
        if (!values.isArray() || values.isEmpty()) {
          problem(vpath, "must be a non-empty array, not " + describe(values));
        } else if (values.size() > 1 && op.valueKind().singleValued()) {
          problem(vpath, "operator '" + op + "' takes exactly one value, not " + values.size());
        } else if (values.size() > limits.maxKeysPerList()) {
          problem(
              vpath,
              "has " + values.size() + " values, exceeds the maximum allowed ("
                  + limits.maxKeysPerList() + ", from DocumentLimits.Builder.maxKeysPerList(int))");
        } else {
          for (int i = 0; i < values.size(); i++) {
            Object v = conditionValue(op, values.get(i), Paths.index(vpath, i), ignoreCase);
            if (v != null) {
              parsed.add(v);
            }
          }
        }
      }
      if (problems.size() > before) {
        return null;
      }
      return new Condition(attribute, op, List.copyOf(parsed), negate, ignoreCase);
    }

    private @Nullable Object conditionValue(
        Operator op, JsonNode v, String path, boolean ignoreCase) {
      switch (op.valueKind()) {
        case STRING_OR_NUMBER:
          if (v.isTextual()) {
            return v.asText();
          }
          if (v.isNumber()) {
            return finite(v, path) ? v.doubleValue() : null;
          }
          problem(path, "must be a string or number, not " + describe(v));
          return null;
        case SCALAR:
          if (v.isTextual()) {
            return v.asText();
          }
          if (v.isNumber()) {
            return finite(v, path) ? v.doubleValue() : null;
          }
          if (v.isBoolean()) {
            return v.booleanValue();
          }
          problem(path, "must be a string, number or boolean, not " + describe(v));
          return null;
        case STRING:
          if (v.isTextual()) {
            return v.asText();
          }
          problem(path, "must be a string, not " + describe(v));
          return null;
        case REGEX:
          if (!v.isTextual()) {
            problem(path, "must be a regular expression string, not " + describe(v));
            return null;
          }
          try {
            return Pattern.compile(v.asText(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
          } catch (PatternSyntaxException e) {
            problem(path, "invalid regular expression: " + e.getMessage());
            return null;
          }
        case NUMBER:
          if (v.isNumber()) {
            return finite(v, path) ? v.doubleValue() : null;
          }
          problem(path, "must be a number, not " + describe(v));
          return null;
        case SEMVER:
          if (v.isTextual()) {
            SemVer s = SemVer.parse(v.asText());
            if (s != null) {
              return s;
            }
            problem(
                path,
                "'" + v.asText() + "' is not a semantic version (e.g. 2.1.0 or" + " 2.1.0-beta.1)");
            return null;
          }
          problem(path, "must be a semantic version string, not " + describe(v));
          return null;
        case TIME:
          return time(v, path);
        case SEGMENT:
          if (!v.isTextual()) {
            problem(path, "must be a segment key, not " + describe(v));
            return null;
          }
          if (resolveReferences && !segmentKeys.contains(v.asText())) {
            problem(path, "unknown segment '" + v.asText() + "'");
            return null;
          }
          return v.asText();
        default:
          throw new AssertionError(op);
      }
    }

    /** Numbers are served and compared as doubles; one beyond double's range would be infinite. */
    private boolean finite(JsonNode v, String path) {
      if (Double.isFinite(v.doubleValue())) {
        return true;
      }
      problem(
          path,
          "the number " + v.asText() + " is out of range (at most about 1.8E308 in"
              + " magnitude)");
      return false;
    }

    private @Nullable Long time(JsonNode v, String path) {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.longValue();
      }
      if (v.isTextual()) {
        // The same parser reads context attributes, so rule values and attributes agree.
        long millis = Times.parseEpochMillis(v.asText());
        if (millis != Times.INVALID) {
          return millis;
        }
        problem(
            path,
            "'" + v.asText() + "' is not an ISO-8601 date-time with offset"
                + " (e.g. 2026-11-22T09:00:00Z or 2026-11-22T10:00:00+01:00)");
        return null;
      }
      problem(
          path, "must be an ISO-8601 date-time string or epoch milliseconds, not " + describe(v));
      return null;
    }

    /** Checks references between flags: unknown flags and variants, self references, cycles. */
    private void prerequisites(JsonNode flagsNode, Map<String, Flag> flags) {
      Map<String, List<String>> edges = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = flagsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode pr = e.getValue().isObject() ? e.getValue().get("prerequisites") : null;
        if (pr == null || !pr.isArray()) {
          continue;
        }
        String ppath = Paths.key(Paths.key("flags", e.getKey()), "prerequisites");
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < pr.size(); i++) {
          JsonNode item = pr.get(i);
          if (!item.isObject() || !item.path("flag").isTextual()) {
            continue;
          }
          String p = Paths.index(ppath, i);
          String target = item.get("flag").asText();
          if (target.equals(e.getKey())) {
            problem(Paths.key(p, "flag"), "a flag cannot be its own prerequisite");
            continue;
          }
          JsonNode targetNode = flagsNode.get(target);
          if (targetNode == null) {
            problem(Paths.key(p, "flag"), "unknown flag '" + target + "'");
            continue;
          }
          targets.add(target);
          JsonNode variant = item.get("variant");
          JsonNode declared = targetNode.isObject() ? targetNode.get("variants") : null;
          if (variant != null
              && variant.isTextual()
              && declared != null
              && declared.isObject()
              && !declared.has(variant.asText())) {
            problem(
                Paths.key(p, "variant"),
                "'" + variant.asText()
                    + "' is not a declared variant of flag '" + target + "' (declared: "
                    + String.join(", ", iterable(declared.fieldNames())) + ")");
          }
        }
        edges.put(e.getKey(), targets);
      }
      // Depth-first search; each cycle is reported once, at the flag where it is first entered.
      Map<String, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
      Map<String, Integer> levels = new HashMap<>(); // prerequisite levels below each done flag
      Set<String> reported = new HashSet<>();
      for (String start : edges.keySet()) {
        if (!state.containsKey(start)) {
          findCycles(start, edges, state, levels, reported);
        }
      }
      if (!reported.isEmpty()) {
        return;
      }
      // Compiling and evaluating follow prerequisites recursively: bound how deep they nest.
      String deepest = null;
      int most = limits.maxPrerequisiteDepth();
      for (String key : edges.keySet()) {
        int l = levels.getOrDefault(key, 0);
        if (l > most) {
          deepest = key;
          most = l;
        }
      }
      if (deepest != null) {
        problem(
            Paths.key(Paths.key("flags", deepest), "prerequisites"),
            "prerequisites nest "
                + most + " levels deep, exceeds the maximum allowed ("
                + limits.maxPrerequisiteDepth()
                + ", from DocumentLimits.Builder.maxPrerequisiteDepth(int))");
      }
    }

    /** Iterative, so that a long prerequisite chain cannot overflow the thread stack. */
    private void findCycles(
        String start,
        Map<String, List<String>> edges,
        Map<String, Integer> state,
        Map<String, Integer> levels,
        Set<String> reported) {
      List<String> stack = new ArrayList<>();
      List<Integer> nextEdge = new ArrayList<>(); // per stack entry, the next edge to follow
      state.put(start, 1);
      stack.add(start);
      nextEdge.add(0);
      while (!stack.isEmpty()) {
        int top = stack.size() - 1;
        String node = stack.get(top);
        List<String> out = edges.getOrDefault(node, List.of());
        int i = nextEdge.get(top);
        if (i < out.size()) {
          nextEdge.set(top, i + 1);
          String next = out.get(i);
          Integer s = state.get(next);
          if (s == null) {
            state.put(next, 1);
            stack.add(next);
            nextEdge.add(0);
          } else if (s == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(next), stack.size()));
            cycle.add(next);
            String first = cycle.get(0);
            if (reported.add(String.join(">", canonical(cycle)))) {
              problem(
                  Paths.key(Paths.key("flags", first), "prerequisites"),
                  "prerequisite cycle " + String.join(" -> ", cycle));
            }
          }
          continue;
        }
        int l = 0;
        for (String target : out) {
          Integer below = levels.get(target);
          if (below != null) {
            l = Math.max(l, below + 1);
          }
        }
        levels.put(node, l);
        state.put(node, 2);
        stack.remove(top);
        nextEdge.remove(top);
      }
    }

    private List<String> canonical(List<String> cycle) {
      List<String> ring = new ArrayList<>(cycle.subList(0, cycle.size() - 1));
      int min = ring.indexOf(Collections.min(ring));
      Collections.rotate(ring, -min);
      return ring;
    }

    // ---- small readers ----

    private void fields(JsonNode node, String path, List<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!allowed.contains(f)) {
          problem(
              Paths.key(path, f),
              "unknown field (expected one of " + String.join(", ", allowed) + ")");
        }
      }
    }

    private void name(String name, String path, String what) {
      if (name.length() > MAX_NAME_LENGTH || !isName(name)) {
        problem(
            path,
            "invalid " + what + " '" + abbreviate(name) + "': use letters, digits, '.',"
                + " '_', ':' and '-', starting with a letter or digit, at most " + MAX_NAME_LENGTH
                + " characters");
      }
    }

    private String description(JsonNode node, String path, String field) {
      JsonNode d = node.get(field);
      if (d == null) {
        return "";
      }
      if (!d.isTextual()) {
        problem(Paths.key(path, field), "must be a string, not " + describe(d));
        return "";
      }
      return d.asText();
    }

    private boolean bool(JsonNode node, String path, String field) {
      JsonNode b = node.get(field);
      if (b == null) {
        return false;
      }
      if (!b.isBoolean()) {
        problem(Paths.key(path, field), "must be true or false, not " + describe(b));
        return false;
      }
      return b.booleanValue();
    }

    private @Nullable String nonEmptyString(JsonNode node, String path) {
      if (!node.isTextual() || node.asText().isEmpty()) {
        problem(path, "must be a non-empty string, not " + describe(node));
        return null;
      }
      return node.asText();
    }

    private @Nullable String requiredString(JsonNode node, String path, String field) {
      JsonNode v = node.get(field);
      if (v == null) {
        problem(Paths.key(path, field), "required field is missing");
        return null;
      }
      return nonEmptyString(v, Paths.key(path, field));
    }

    private List<String> stringList(@Nullable JsonNode node, String path, boolean keys) {
      if (node == null) {
        return List.of();
      }
      if (!node.isArray()) {
        problem(path, "must be an array of strings, not " + describe(node));
        return List.of();
      }
      if (keys && node.size() > limits.maxKeysPerList()) {
        problem(
            path,
            "has " + node.size() + " keys, exceeds the maximum allowed (" + limits.maxKeysPerList()
                + ", from DocumentLimits.Builder.maxKeysPerList(int))");
        return List.of();
      }
      List<String> out = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (!item.isTextual()) {
          problem(Paths.index(path, i), "must be a string, not " + describe(item));
        } else {
          out.add(item.asText());
        }
      }
      return Collections.unmodifiableList(out);
    }

    private int variantRef(JsonNode node, String path, Map<String, Integer> variantIndex) {
      if (!node.isTextual()) {
        problem(path, "must be a variant name, not " + describe(node));
        return -1;
      }
      Integer idx = variantIndex.get(node.asText());
      if (idx == null) {
        problem(
            path,
            "'" + node.asText() + "' is not a declared variant (declared: "
                + String.join(", ", variantIndex.keySet()) + ")");
        return -1;
      }
      return idx;
    }
  }

  private static List<Integer> ints(int[] a) {
    List<Integer> out = new ArrayList<>(a.length);
    for (int v : a) {
      out.add(v);
    }
    return out;
  }

  /** Whether every number in the value fits a double. */
  private static boolean allFinite(JsonNode v) {
    if (v.isNumber()) {
      return Double.isFinite(v.doubleValue());
    }
    for (JsonNode child : v) {
      if (!allFinite(child)) {
        return false;
      }
    }
    return true;
  }

  static @Nullable ValueType valueType(JsonNode v) {
    if (v.isBoolean()) {
      return ValueType.BOOLEAN;
    }
    if (v.isTextual()) {
      return ValueType.STRING;
    }
    if (v.isNumber()) {
      return ValueType.NUMBER;
    }
    if (v.isObject() || v.isArray()) {
      return ValueType.JSON;
    }
    return null;
  }

  private static Variant variant(String name, JsonNode v) {
    String json;
    try {
      json = JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new Variant(name, toJava(v), json);
  }

  /** Converts a JSON value to Boolean, String, Long, Double, or unmodifiable Map/List. */
  static @Nullable Object toJava(JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isNumber()) {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.longValue();
      }
      if (v.isBigDecimal()) {
        BigDecimal d = v.decimalValue();
        try {
          return d.longValueExact();
        } catch (ArithmeticException notIntegral) {
          return d.doubleValue();
        }
      }
      return v.doubleValue();
    }
    if (v.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), toJava(e.getValue()));
      }
      return Collections.unmodifiableMap(map);
    }
    if (v.isArray()) {
      List<Object> list = new ArrayList<>(v.size());
      for (JsonNode item : v) {
        list.add(toJava(item));
      }
      return Collections.unmodifiableList(list);
    }
    return null;
  }

  private static String percent(long thousandths) {
    BigDecimal p = BigDecimal.valueOf(thousandths, 3).stripTrailingZeros();
    return p.toPlainString() + "%";
  }

  private static String lower(ValueType t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }

  static String describe(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "the string \"" + abbreviate(v.asText()) + "\"";
    }
    if (v.isBoolean()) {
      return v.asText();
    }
    if (v.isNumber()) {
      return "the number " + v.asText();
    }
    if (v.isArray()) {
      return v.isEmpty() ? "an empty array" : "an array";
    }
    if (v.isObject()) {
      return v.isEmpty() ? "an empty object" : "an object";
    }
    return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static Iterable<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
