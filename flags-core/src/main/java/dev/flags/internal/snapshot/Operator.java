package dev.flags.internal.snapshot;

import com.google.re2j.Pattern;
import dev.flags.internal.snapshot.Conditions.Condition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The rule condition operators, one row each: the name in the document, the values it takes (read
 * and checked by the document side) and how a condition with it is compiled. Adding an operator
 * means adding a row here and, if it needs one, a {@link Conditions} class; the reader, the error
 * messages and the compiler follow from the row.
 */
public enum Operator {
  IN("in", ValueKind.STRING_OR_NUMBER, (c, segments) -> in(c, false)),
  NOT_IN("notIn", ValueKind.STRING_OR_NUMBER, (c, segments) -> in(c, true)),
  EQUALS(
      "equals",
      ValueKind.SCALAR,
      (c, segments) -> new Conditions.Equals(
          attribute(c), c.negate(), canonical(c.values().get(0)), c.ignoreCase())),
  STARTS_WITH("startsWith", ValueKind.STRING, (c, s) -> match(c, Conditions.StringMatch.STARTS)),
  ENDS_WITH("endsWith", ValueKind.STRING, (c, s) -> match(c, Conditions.StringMatch.ENDS)),
  CONTAINS("contains", ValueKind.STRING, (c, s) -> match(c, Conditions.StringMatch.CONTAINS)),
  MATCHES(
      "matches",
      ValueKind.REGEX,
      (c, segments) -> new Conditions.Matches(
          attribute(c), c.negate(), c.values().toArray(new Pattern[0]), c.ignoreCase())),
  LT("lt", ValueKind.NUMBER, (c, s) -> compare(c, Conditions.Compare.LT)),
  LTE("lte", ValueKind.NUMBER, (c, s) -> compare(c, Conditions.Compare.LTE)),
  GT("gt", ValueKind.NUMBER, (c, s) -> compare(c, Conditions.Compare.GT)),
  GTE("gte", ValueKind.NUMBER, (c, s) -> compare(c, Conditions.Compare.GTE)),
  SEMVER_LT("semverLt", ValueKind.SEMVER, (c, s) -> semver(c, Conditions.SemVerCompare.LT)),
  SEMVER_LTE("semverLte", ValueKind.SEMVER, (c, s) -> semver(c, Conditions.SemVerCompare.LTE)),
  SEMVER_EQ("semverEq", ValueKind.SEMVER, (c, s) -> semver(c, Conditions.SemVerCompare.EQ)),
  SEMVER_GTE("semverGte", ValueKind.SEMVER, (c, s) -> semver(c, Conditions.SemVerCompare.GTE)),
  SEMVER_GT("semverGt", ValueKind.SEMVER, (c, s) -> semver(c, Conditions.SemVerCompare.GT)),
  BEFORE("before", ValueKind.TIME, (c, s) -> time(c, true)),
  AFTER("after", ValueKind.TIME, (c, s) -> time(c, false)),
  EXISTS("exists", ValueKind.NONE, (c, s) -> new Conditions.Exists(attribute(c), c.negate())),
  IN_SEGMENT("inSegment", ValueKind.SEGMENT, (c, segments) -> segment(c, segments, false)),
  NOT_IN_SEGMENT("notInSegment", ValueKind.SEGMENT, (c, segments) -> segment(c, segments, true));

  /**
   * What a condition with an operator takes as its value(s), in the document and after parsing:
   * the document side reads each value by this kind, the compiler receives the parsed values.
   */
  public enum ValueKind {
    /** Strings or finite numbers (parsed: String, Double). */
    STRING_OR_NUMBER(false, true),
    /** One string, finite number or boolean (parsed: String, Double, Boolean). */
    SCALAR(true, true),
    /** Strings (parsed: String). */
    STRING(false, true),
    /** Regular expression strings (parsed: RE2/J {@link Pattern}). */
    REGEX(false, true),
    /** One finite number (parsed: Double). */
    NUMBER(true, false),
    /** One semantic version string (parsed: {@link SemVer}). */
    SEMVER(true, false),
    /** One ISO-8601 date-time with offset, or epoch milliseconds (parsed: Long epoch millis). */
    TIME(true, false),
    /** No value. */
    NONE(false, false),
    /** Segment keys; no attribute (parsed: String). */
    SEGMENT(false, false);

    private final boolean singleValued;
    private final boolean textual;

    ValueKind(boolean singleValued, boolean textual) {
      this.singleValued = singleValued;
      this.textual = textual;
    }

    /**
     * Whether the operator takes exactly one value.
     *
     * @return true for one value
     */
    public boolean singleValued() {
      return singleValued;
    }

    /**
     * Whether the operator compares strings, so that {@code ignoreCase} applies.
     *
     * @return true for string operators
     */
    public boolean textual() {
      return textual;
    }
  }

  /** Compiles one validated condition of this operator. */
  @FunctionalInterface
  private interface CompileStep {
    Condition compile(FlagDocument.Condition condition, Map<String, CompiledSegment> segments);
  }

  /** Every operator, in table order: {@code values()} copies its array on every call. */
  private static final Operator[] ALL = values();

  private static final String NAMES =
      Arrays.stream(values()).map(o -> o.jsonName).collect(Collectors.joining(", "));

  private final String jsonName;
  private final ValueKind valueKind;
  // The compile steps are stateless lambdas over their arguments.
  @SuppressWarnings("ImmutableEnumChecker")
  private final CompileStep compileStep;

  Operator(String jsonName, ValueKind valueKind, CompileStep compileStep) {
    this.jsonName = jsonName;
    this.valueKind = valueKind;
    this.compileStep = compileStep;
  }

  /**
   * The operator with this name in the document.
   *
   * @param name the name, e.g. {@code semverGte}
   * @return the operator, or null if there is none
   */
  public static @Nullable Operator byName(String name) {
    for (Operator op : ALL) {
      if (op.jsonName.equals(name)) {
        return op;
      }
    }
    return null;
  }

  /**
   * Every operator's name, for messages.
   *
   * @return the names, comma separated, in table order
   */
  public static String names() {
    return NAMES;
  }

  /**
   * What the operator takes as values.
   *
   * @return the value kind
   */
  public ValueKind valueKind() {
    return valueKind;
  }

  /**
   * Whether the operator tests segment membership (and so takes no attribute).
   *
   * @return true for {@code inSegment} and {@code notInSegment}
   */
  public boolean testsSegments() {
    return valueKind == ValueKind.SEGMENT;
  }

  Condition compile(FlagDocument.Condition condition, Map<String, CompiledSegment> segments) {
    return compileStep.compile(condition, segments);
  }

  @Override
  public String toString() {
    return jsonName;
  }

  /**
   * The condition's attribute name, interned: application code passes attribute names as
   * literals, which are interned, so the context lookup usually matches on identity.
   */
  private static String attribute(FlagDocument.Condition c) {
    String a = c.attribute();
    if (a == null) {
      throw new IllegalStateException("operator " + c.op() + " needs an attribute");
    }
    return a.intern();
  }

  /**
   * Conditions with at most this many values intern their strings: a context whose value is a
   * literal or an enum's name (the same interned instance) then matches by reference, without
   * comparing contents. Longer lists are usually keys from elsewhere, not worth the JVM's table.
   */
  private static final int CANONICAL_LIMIT = 16;

  /** The interned instance of a string value; other values as they are. */
  private static Object canonical(Object value) {
    return value instanceof String s ? s.intern() : value;
  }

  /**
   * The strings of a condition (or a group of them), interned when there are at most {@link
   * #CANONICAL_LIMIT}, else as they are.
   */
  static List<String> canonical(List<String> values) {
    if (values.size() > CANONICAL_LIMIT) {
      return values;
    }
    List<String> interned = new ArrayList<>(values.size());
    for (String v : values) {
      interned.add(v.intern());
    }
    return interned;
  }

  private static Condition in(FlagDocument.Condition c, boolean notIn) {
    List<String> strings = new ArrayList<>();
    List<Double> numbers = new ArrayList<>();
    for (Object o : c.values()) {
      if (o instanceof String s) {
        strings.add(s);
      } else {
        numbers.add((Double) o);
      }
    }
    double[] nums = new double[numbers.size()];
    for (int i = 0; i < nums.length; i++) {
      nums[i] = numbers.get(i);
    }
    return new Conditions.In(
        attribute(c), c.negate() ^ notIn, StringSet.of(canonical(strings), c.ignoreCase()), nums);
  }

  private static Condition match(FlagDocument.Condition c, int mode) {
    String[] values = new String[c.values().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (String) c.values().get(i);
    }
    return new Conditions.StringMatch(attribute(c), c.negate(), mode, values, c.ignoreCase());
  }

  private static Condition compare(FlagDocument.Condition c, int mode) {
    return new Conditions.Compare(
        attribute(c), c.negate(), mode, (Double) c.values().get(0));
  }

  private static Condition semver(FlagDocument.Condition c, int mode) {
    return new Conditions.SemVerCompare(
        attribute(c), c.negate(), mode, (SemVer) c.values().get(0));
  }

  private static Condition time(FlagDocument.Condition c, boolean before) {
    return new Conditions.TimeCompare(
        attribute(c), c.negate(), before, (Long) c.values().get(0));
  }

  private static Condition segment(
      FlagDocument.Condition c, Map<String, CompiledSegment> segments, boolean notIn) {
    CompiledSegment[] out = new CompiledSegment[c.values().size()];
    for (int i = 0; i < out.length; i++) {
      CompiledSegment s = segments.get((String) c.values().get(i));
      if (s == null) {
        throw new IllegalStateException("unresolved segment " + c.values().get(i));
      }
      out[i] = s;
    }
    return new Conditions.InSegment(out, c.negate() ^ notIn);
  }
}
