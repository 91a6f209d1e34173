package dev.flags.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.flags.internal.snapshot.FlagDocument.Condition;
import dev.flags.internal.snapshot.Operator;
import dev.flags.internal.snapshot.Operator.ValueKind;
import dev.flags.internal.snapshot.PartEquality;
import dev.flags.internal.snapshot.SemVer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one rule condition. What it accepts follows the operator's row in {@link Operator}: its
 * {@link ValueKind} decides whether an attribute is needed, whether {@code ignoreCase} applies,
 * how many values it takes and how each is parsed (regexes sized by {@link RegexCost} against the
 * regex limits, then compiled; semvers and times parsed), so a condition it returns is ready to
 * compile.
 */
final class ConditionReader {
  private static final List<String> FIELDS =
      List.of("attribute", "op", "value", "values", "negate", "ignoreCase");

  private final Problems problems;
  private final @Nullable JsonNode segments;
  private final ListGatherer<Object> parsedValues = new ListGatherer<>();
  /** The document's conditions, each held once where its flags repeat it. */
  private final PartTable<Condition> shared =
      new PartTable<>(PartEquality::hash, PartEquality::sameCondition);

  /**
   * @param segments the document's {@code segments} field (or a missing node) when references to
   *     segments are checked, null when they are not (a layer on its own)
   */
  ConditionReader(Problems problems, @Nullable JsonNode segments) {
    this.problems = problems;
    this.segments = segments;
  }

  /**
   * Reads a condition of a flag rule or, if not {@code flagRule}, of a segment rule (which cannot
   * reference segments).
   *
   * @return the condition, or null if it has a problem
   */
  @Nullable
  Condition read(JsonNode node, Path path, boolean flagRule) {
    if (!problems.object(node, path, "condition must be an object")) {
      return null;
    }
    int mark = problems.count();
    problems.unknownFields(node, path, FIELDS);
    Operator op = operator(node, path);
    boolean negate = problems.bool(node, path, "negate", false);
    boolean ignoreCase = problems.bool(node, path, "ignoreCase", false);
    if (op == null) {
      return null;
    }
    String attribute = attribute(node, path, op, flagRule);
    if (ignoreCase && !op.valueKind().textual()) {
      problems.add(path.key("ignoreCase"), "only applies to string operators, not '" + op + "'");
    }
    List<Object> values = values(node, path, op, ignoreCase);
    if (problems.addedSince(mark)) {
      return null;
    }
    return shared.share(new Condition(attribute, op, values, negate, ignoreCase));
  }

  private @Nullable Operator operator(JsonNode node, Path path) {
    JsonNode name = problems.required(node, path, "op");
    if (name == null) {
      return null;
    }
    if (!name.isTextual()) {
      problems.mismatch(name, opPath(path), "must be a string");
      return null;
    }
    Operator op = Operator.byName(name.asText());
    if (op == null) {
      problems.add(
          opPath(path),
          "unknown operator '" + name.asText() + "' (expected one of " + Operator.names() + ")");
    }
    return op;
  }

  private static Path opPath(Path path) {
    return path.key("op");
  }

  /** The attribute, or null: segment operators take none, and then it is an error to give one. */
  private @Nullable String attribute(JsonNode node, Path path, Operator op, boolean flagRule) {
    JsonNode attribute = node.get("attribute");
    if (op.testsSegments()) {
      if (attribute != null) {
        problems.add(
            path.key("attribute"),
            "not allowed with operator '" + op + "' (it tests segment membership)");
      }
      if (!flagRule) {
        problems.add(opPath(path), "segment rules cannot reference segments");
      }
      return null;
    }
    if (attribute == null) {
      problems.add(path.key("attribute"), "required field is missing");
      return null;
    }
    return problems.nonEmptyString(attribute, path.key("attribute"));
  }

  /** The parsed values from {@code value} or {@code values}; those with a problem are left out. */
  private List<Object> values(JsonNode node, Path path, Operator op, boolean ignoreCase) {
    JsonNode value = node.get("value");
    JsonNode values = node.get("values");
    ListGatherer<Object> parsed = parsedValues.start();
    if (op.valueKind() == ValueKind.NONE) {
      if (value != null || values != null) {
        problems.add(path, "operator '" + op + "' takes no value");
      }
    } else if (value != null && values != null) {
      problems.add(path, "has both \"value\" and \"values\"; use one");
    } else if (value != null) {
      Object plain = plain(op, value);
      addIfRead(parsed, plain != null ? plain : value(op, value, path.key("value"), ignoreCase));
    } else if (values != null) {
      valueList(op, values, path, ignoreCase, parsed);
    } else {
      problems.add(path, "operator '" + op + "' needs \"value\" or \"values\"");
    }
    return parsed.finish();
  }

  /** The list {@code values} of the condition at {@code conditionPath}. */
  private void valueList(
      Operator op,
      JsonNode values,
      Path conditionPath,
      boolean ignoreCase,
      ListGatherer<Object> parsed) {
    int n = values.size();
    if (!values.isArray() || n == 0) {
      problems.nonEmptyArray(values, conditionPath.key("values"), "must be a non-empty array");
    } else if (n > 1 && op.valueKind().singleValued()) {
      problems.add(
          conditionPath.key("values"), "operator '" + op + "' takes exactly one value, not " + n);
    } else if (problems.exceeds(n, Limit.KEYS_PER_LIST)) {
      problems.overLimit(conditionPath.key("values"), "has " + n + " values", Limit.KEYS_PER_LIST);
    } else {
      Path path = null; // made for the first value that needs reading with its place
      for (int i = 0; i < n; i++) {
        JsonNode v = values.get(i);
        Object plain = plain(op, v);
        if (plain != null) {
          parsed.add(plain);
          continue;
        }
        if (path == null) {
          path = conditionPath.key("values");
        }
        addIfRead(parsed, value(op, v, path.index(i), ignoreCase));
      }
    }
  }

  /**
   * A value that cannot have a problem, read without its place: a string where the operator takes
   * any string (or a string or number, or any scalar), or a boolean where it takes any scalar.
   * Most values of a document are such, and their paths would be made only to go unused.
   *
   * @return the value, or null when it must be read by {@link #value} with its path
   */
  private static @Nullable Object plain(Operator op, JsonNode v) {
    ValueKind kind = op.valueKind();
    if (v.isTextual()
        && (kind == ValueKind.STRING
            || kind == ValueKind.STRING_OR_NUMBER
            || kind == ValueKind.SCALAR)) {
      return v.asText();
    }
    return (kind == ValueKind.SCALAR && v.isBoolean()) ? v.booleanValue() : null;
  }

  private static void addIfRead(ListGatherer<Object> parsed, @Nullable Object value) {
    if (value != null) {
      parsed.add(value);
    }
  }

  /**
   * One value, parsed as the operator's value kind says.
   *
   * @return the parsed value, or null after reporting
   */
  @Nullable
  Object value(Operator op, JsonNode v, Path path, boolean ignoreCase) {
    Object plain = plain(op, v);
    if (plain != null) {
      return plain;
    }
    return switch (op.valueKind()) {
      // The strings (and a scalar's booleans) these kinds take are plain: what is left here is a
      // number, or a value of the wrong type.
      case STRING_OR_NUMBER ->
        v.isNumber() ? number(v, path) : wrong(v, path, "must be a string or number");
      case SCALAR ->
        v.isNumber() ? number(v, path) : wrong(v, path, "must be a string, number or boolean");
      case STRING -> wrong(v, path, "must be a string");
      case REGEX ->
        v.isTextual()
            ? regex(v.asText(), path, ignoreCase)
            : wrong(v, path, "must be a regular expression string");
      case NUMBER -> v.isNumber() ? number(v, path) : wrong(v, path, "must be a number");
      case SEMVER ->
        v.isTextual()
            ? semver(v.asText(), path)
            : wrong(v, path, "must be a semantic version string");
      case TIME -> problems.time(v, path);
      case SEGMENT ->
        v.isTextual() ? segment(v.asText(), path) : wrong(v, path, "must be a segment key");
      case NONE -> throw new IllegalArgumentException("operator '" + op + "' takes no value");
    };
  }

  /** Reports a value of the wrong JSON type. */
  private @Nullable Object wrong(JsonNode v, Path path, String expected) {
    problems.mismatch(v, path, expected);
    return null;
  }

  /** Numbers are compared as doubles; one beyond double's range would be infinite. */
  private @Nullable Double number(JsonNode v, Path path) {
    return problems.finite(v, path) ? v.doubleValue() : null;
  }

  private @Nullable Pattern regex(String regex, Path path, boolean ignoreCase) {
    // Before compiling: RE2/J expands counted repetitions, and a few bytes of regex can need
    // gigabytes to compile and seconds to match.
    RegexCost.Cost cost = RegexCost.of(regex);
    if (problems.exceeds(cost.repetition(), Limit.REGEX_REPETITION)) {
      problems.overLimit(
          path,
          "regular expression has nested counted repetitions that multiply to " + cost.repetition(),
          Limit.REGEX_REPETITION);
      return null;
    }
    if (problems.exceeds(cost.programSize(), Limit.REGEX_PROGRAM_SIZE)) {
      problems.overLimit(
          path,
          "regular expression would compile to about " + cost.programSize() + " instructions",
          Limit.REGEX_PROGRAM_SIZE);
      return null;
    }
    try {
      return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      // RE2/J has no non-throwing compile: its exception is how a regex is found invalid.
      problems.add(path, "invalid regular expression: " + e.getMessage());
      return null;
    }
  }

  private @Nullable SemVer semver(String text, Path path) {
    SemVer s = SemVer.parse(text);
    if (s == null) {
      problems.add(path, "'" + text + "' is not a semantic version (e.g. 2.1.0 or 2.1.0-beta.1)");
    }
    return s;
  }

  private @Nullable String segment(String key, Path path) {
    if (segments != null && !segments.has(key)) {
      problems.add(path, "unknown segment '" + key + "'");
      return null;
    }
    return key;
  }

  /** As {@link #read(JsonNode, Path, boolean)}, at a path given as text. */
  @Nullable
  Condition read(JsonNode node, String path, boolean flagRule) {
    return read(node, Path.of(path), flagRule);
  }
}
