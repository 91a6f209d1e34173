package dev.flags.internal.snapshot;

import com.google.re2j.Pattern;
import dev.flags.Context;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Compiled rule conditions. Each is a small immutable object whose {@link Condition#matches} reads
 * the context and allocates nothing. Semantics shared by every attribute operator:
 *
 * <ul>
 *   <li>a missing attribute makes the operator false (so its negation, e.g. {@code notIn}, true);
 *   <li>a list attribute matches when any element matches;
 *   <li>a value of the wrong type (a number for {@code startsWith}, say) does not match;
 *   <li>{@code negate} inverts the final result.
 * </ul>
 */
final class Conditions {
  private Conditions() {}

  // The kinds of condition: evaluation dispatches with a switch on them instead of a virtual call,
  // so that one call site does not become megamorphic across the many condition classes.
  static final int EXISTS = 0;
  static final int IN = 1;
  static final int EQUALS = 2;
  static final int STRING_MATCH = 3;
  static final int MATCHES = 4;
  static final int COMPARE = 5;
  static final int SEMVER = 6;
  static final int TIME = 7;
  static final int IN_SEGMENT = 8;

  /** A compiled condition: its kind says which final class it is. */
  abstract static sealed class Condition permits AttributeCondition, InSegment {
    final int kind;

    Condition(int kind) {
      this.kind = kind;
    }
  }

  /**
   * Whether a condition holds for a context. One static method with a switch: every call below
   * is to a final method of a known class, which the JIT inlines.
   */
  static boolean matches(Condition c, Context context) {
    if (c.kind == IN_SEGMENT) {
      return ((InSegment) c).matches(context);
    }
    AttributeCondition a = (AttributeCondition) c;
    return matches(a, context.get(a.attribute));
  }

  /**
   * Whether an attribute condition holds for a value the caller read from the context ({@code
   * context.get(a.attribute)}): for a flag whose rules read the same attribute several times, the
   * evaluator reads it once.
   */
  static boolean matches(AttributeCondition a, @Nullable Object value) {
    boolean result;
    if (value == null) {
      result = false;
    } else if (value instanceof String || value instanceof Double || value instanceof Boolean) {
      // Final classes first: instanceof against an interface (List) scans the class's
      // interfaces on a miss, which costs ~20 ns on every scalar attribute.
      result = test(a, value);
    } else if (value instanceof List<?> list) {
      result = false;
      for (int i = 0, n = list.size(); i < n; i++) {
        if (test(a, list.get(i))) {
          result = true;
          break;
        }
      }
    } else {
      result = false;
    }
    return result != a.negate;
  }

  /** Tests one non-null value (a String, Double or Boolean) against an attribute condition. */
  private static boolean test(AttributeCondition c, Object value) {
    return switch (c.kind) {
      case EXISTS -> true;
      case IN -> ((In) c).test(value);
      case EQUALS -> ((Equals) c).test(value);
      case STRING_MATCH -> ((StringMatch) c).test(value);
      case MATCHES -> ((Matches) c).test(value);
      case COMPARE -> ((Compare) c).test(value);
      case SEMVER -> ((SemVerCompare) c).test(value);
      case TIME -> ((TimeCompare) c).test(value);
      default -> false;
    };
  }

  /** Reads one attribute, applies list and missing-value semantics, then the kind's test. */
  abstract static sealed class AttributeCondition extends Condition
      permits Exists, In, Equals, StringMatch, Matches, Compare, SemVerCompare, TimeCompare {
    final String attribute;
    final boolean negate;

    AttributeCondition(int kind, String attribute, boolean negate) {
      super(kind);
      // Contexts name attributes with literals, which the JVM interns: an interned name makes
      // the context's lookup an identity comparison. Done once per condition, when compiled.
      this.attribute = attribute.intern();
      this.negate = negate;
    }
  }

  static final class Exists extends AttributeCondition {
    Exists(String attribute, boolean negate) {
      super(EXISTS, attribute, negate);
    }
  }

  /** {@code in} / {@code notIn}: a hash set for strings, an array for numbers. */
  static final class In extends AttributeCondition {
    private final StringSet strings;
    private final double[] numbers;

    In(String attribute, boolean negate, StringSet strings, double[] numbers) {
      super(IN, attribute, negate);
      this.strings = strings;
      this.numbers = numbers;
    }

    boolean test(Object value) {
      if (value instanceof String s) {
        return strings.contains(s);
      }
      if (value instanceof Double boxed) {
        double d = boxed;
        double[] n = numbers;
        for (int i = 0; i < n.length; i++) {
          if (n[i] == d) {
            return true;
          }
        }
      }
      return false;
    }
  }

  static final class Equals extends AttributeCondition {
    private final Object expected;
    /** The expected value when it is a string, else null. */
    private final @Nullable String expectedText;

    private final int expectedHash;
    private final boolean ignoreCase;

    Equals(String attribute, boolean negate, Object expected, boolean ignoreCase) {
      super(EQUALS, attribute, negate);
      this.expected = expected;
      this.expectedText = expected instanceof String text ? text : null;
      this.expectedHash = expected.hashCode();
      this.ignoreCase = ignoreCase;
    }

    // Reference equality first on purpose: it decides the common case without reading contents,
    // and equals() follows whenever the references differ.
    @SuppressWarnings("ReferenceEquality")
    boolean test(Object value) {
      String wanted = expectedText;
      if (wanted != null) {
        if (!(value instanceof String actual)) {
          return false;
        }
        if (ignoreCase) {
          return wanted.equalsIgnoreCase(actual);
        }
        // Same reference (a literal or an enum's name against an interned value), else the
        // cached hashes rule out most other strings before their contents are compared.
        return actual == wanted || (actual.hashCode() == expectedHash && actual.equals(wanted));
      }
      if (expected instanceof Double d && value instanceof Double actual) {
        return d.doubleValue() == actual.doubleValue(); // numeric, like in: -0.0 == 0.0
      }
      return expected.equals(value);
    }
  }

  /** {@code startsWith}, {@code endsWith}, {@code contains}: any of the values. */
  static final class StringMatch extends AttributeCondition {
    static final int STARTS = 0;
    static final int ENDS = 1;
    static final int CONTAINS = 2;

    private final int mode;
    private final String[] values;
    private final boolean ignoreCase;

    StringMatch(String attribute, boolean negate, int mode, String[] values, boolean ignoreCase) {
      super(STRING_MATCH, attribute, negate);
      this.mode = mode;
      this.values = values;
      this.ignoreCase = ignoreCase;
    }

    boolean test(Object value) {
      if (!(value instanceof String s)) {
        return false;
      }
      String[] v = values;
      for (int i = 0; i < v.length; i++) {
        String x = v[i];
        int len = x.length();
        if (len > s.length()) {
          continue;
        }
        boolean hit;
        if (mode == STARTS) {
          hit = s.regionMatches(ignoreCase, 0, x, 0, len);
        } else if (mode == ENDS) {
          hit = s.regionMatches(ignoreCase, s.length() - len, x, 0, len);
        } else {
          hit = ignoreCase ? containsIgnoreCase(s, x) : s.contains(x);
        }
        if (hit) {
          return true;
        }
      }
      return false;
    }

    private static boolean containsIgnoreCase(String s, String x) {
      int last = s.length() - x.length();
      for (int i = 0; i <= last; i++) {
        if (s.regionMatches(true, i, x, 0, x.length())) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code matches}: RE2 semantics through RE2/J (linear time, no backtracking). Unanchored: the
   * pattern may match anywhere; anchor with {@code ^...$}.
   *
   * <p>RE2/J allocates and takes microseconds per match, far beyond the evaluation budget, so:
   * patterns that are plain literals with optional anchors ({@code ^abc}, {@code abc$}, {@code
   * ^abc$}, {@code abc}) run as string comparisons, and other patterns' results are memoized per
   * condition in a small direct-mapped table of the most recent distinct values. The table is
   * written without locks on a miss only (entries are immutable, so a racing reader sees a whole
   * entry or none); a hit allocates nothing.
   */
  static final class Matches extends AttributeCondition {
    static final int MEMO_SIZE = 512;
    /** Longer values are matched but not memoized, bounding the memory a table holds. */
    static final int MEMO_MAX_LENGTH = 256;

    private final Pattern[] patterns;
    /** Per pattern: a literal fast path, or null. */
    private final @Nullable Literal[] literals;

    private final boolean allLiteral;
    private final Memo[] memo;

    Matches(String attribute, boolean negate, Pattern[] patterns, boolean ignoreCase) {
      super(MATCHES, attribute, negate);
      this.patterns = patterns;
      this.literals = new Literal[patterns.length];
      boolean all = true;
      for (int i = 0; i < patterns.length; i++) {
        literals[i] = Literal.of(patterns[i].pattern(), ignoreCase);
        all &= literals[i] != null;
      }
      this.allLiteral = all;
      this.memo = all ? new Memo[0] : new Memo[MEMO_SIZE];
    }

    boolean test(Object value) {
      if (!(value instanceof String s)) {
        return false;
      }
      if (allLiteral) {
        return matchLiterals(s);
      }
      int slot = (s.hashCode() * 0x9E3779B9) >>> (32 - 9); // top 9 bits: 512 slots
      Memo m = memo[slot];
      if (m != null && m.input.equals(s)) {
        return m.result;
      }
      boolean result = matchSlow(s);
      if (s.length() <= MEMO_MAX_LENGTH) {
        memo[slot] = new Memo(s, result);
      }
      return result;
    }

    private boolean matchLiterals(String s) {
      Literal[] l = literals;
      for (int i = 0; i < l.length; i++) {
        if (l[i].matches(s)) {
          return true;
        }
      }
      return false;
    }

    private boolean matchSlow(String s) {
      for (int i = 0; i < patterns.length; i++) {
        Literal l = literals[i];
        if (l != null ? l.matches(s) : patterns[i].matcher(s).find()) {
          return true;
        }
      }
      return false;
    }

    private static final class Memo {
      final String input;
      final boolean result;

      Memo(String input, boolean result) {
        this.input = input;
        this.result = result;
      }
    }
  }

  /** A regex that is a literal string with optional {@code ^} and {@code $} anchors. */
  static final class Literal {
    private final String text;
    private final boolean start;
    private final boolean end;
    private final boolean ignoreCase;

    private Literal(String text, boolean start, boolean end, boolean ignoreCase) {
      this.text = text;
      this.start = start;
      this.end = end;
      this.ignoreCase = ignoreCase;
    }

    /** The literal form of a pattern, or null when it uses any regex feature. */
    static @Nullable Literal of(String pattern, boolean ignoreCase) {
      int from = 0;
      int to = pattern.length();
      boolean start = to > 0 && pattern.charAt(0) == '^';
      if (start) {
        from = 1;
      }
      boolean end = false;
      if (to > from && pattern.charAt(to - 1) == '$') {
        int backslashes = 0;
        for (int i = to - 2; i >= from && pattern.charAt(i) == '\\'; i--) {
          backslashes++;
        }
        end = backslashes % 2 == 0; // an odd count escapes the '$' itself
      }
      if (end) {
        to--;
      }
      StringBuilder sb = new StringBuilder(to - from);
      for (int i = from; i < to; i++) {
        char c = pattern.charAt(i);
        if (c == '\\') {
          if (i + 1 >= to) {
            return null;
          }
          char n = pattern.charAt(++i);
          // Only escaped punctuation is a plain character; \d, \b, \Q and friends are not.
          if (n >= 128 || Character.isLetterOrDigit(n) || Character.isWhitespace(n)) {
            return null;
          }
          sb.append(n);
        } else if (".+*?()|[]{}^$".indexOf(c) >= 0) {
          return null;
        } else if (ignoreCase && c >= 128) {
          return null; // RE2's case folding and Java's differ outside ASCII: let RE2 decide
        } else {
          sb.append(c);
        }
      }
      return new Literal(sb.toString(), start, end, ignoreCase);
    }

    boolean matches(String s) {
      int n = text.length();
      if (n > s.length()) {
        return false;
      }
      if (start && end) {
        return n == s.length() && s.regionMatches(ignoreCase, 0, text, 0, n);
      }
      if (start) {
        return s.regionMatches(ignoreCase, 0, text, 0, n);
      }
      if (end) {
        return s.regionMatches(ignoreCase, s.length() - n, text, 0, n);
      }
      if (!ignoreCase) {
        return s.contains(text);
      }
      for (int i = 0, last = s.length() - n; i <= last; i++) {
        if (s.regionMatches(true, i, text, 0, n)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Numeric comparisons on number attributes. */
  static final class Compare extends AttributeCondition {
    static final int LT = 0;
    static final int LTE = 1;
    static final int GT = 2;
    static final int GTE = 3;

    private final int mode;
    private final double bound;

    Compare(String attribute, boolean negate, int mode, double bound) {
      super(COMPARE, attribute, negate);
      this.mode = mode;
      this.bound = bound;
    }

    boolean test(Object value) {
      return value instanceof Double d && compare(d, bound, mode);
    }
  }

  static boolean compare(double a, double b, int mode) {
    return switch (mode) {
      case Compare.LT -> a < b;
      case Compare.LTE -> a <= b;
      case Compare.GT -> a > b;
      default -> a >= b;
    };
  }

  /** Semantic-version comparisons on string attributes. */
  static final class SemVerCompare extends AttributeCondition {
    static final int LT = 0;
    static final int LTE = 1;
    static final int EQ = 2;
    static final int GTE = 3;
    static final int GT = 4;

    private final int mode;
    private final SemVer version;

    SemVerCompare(String attribute, boolean negate, int mode, SemVer version) {
      super(SEMVER, attribute, negate);
      this.mode = mode;
      this.version = version;
    }

    boolean test(Object value) {
      if (!(value instanceof String s)) {
        return false;
      }
      int c = version.compareTo(s);
      if (c == SemVer.INVALID) {
        return false;
      }
      return switch (mode) {
        case LT -> c < 0;
        case LTE -> c <= 0;
        case EQ -> c == 0;
        case GTE -> c >= 0;
        default -> c > 0;
      };
    }
  }

  /** {@code before}/{@code after}: epoch-millis numbers or ISO-8601 strings with an offset. */
  static final class TimeCompare extends AttributeCondition {
    private final boolean before;
    private final long bound;

    TimeCompare(String attribute, boolean negate, boolean before, long bound) {
      super(TIME, attribute, negate);
      this.before = before;
      this.bound = bound;
    }

    boolean test(Object value) {
      double t;
      if (value instanceof Double d) {
        t = d;
      } else if (value instanceof String s) {
        long millis = Times.parseEpochMillis(s);
        if (millis == Times.INVALID) {
          return false;
        }
        t = millis;
      } else {
        return false;
      }
      return before ? t < bound : t > bound;
    }
  }

  /** {@code inSegment} / {@code notInSegment}: member of any of the segments. */
  static final class InSegment extends Condition {
    private final CompiledSegment[] segments;
    private final boolean negate;

    InSegment(CompiledSegment[] segments, boolean negate) {
      super(IN_SEGMENT);
      this.segments = segments;
      this.negate = negate;
    }

    boolean matches(Context context) {
      CompiledSegment[] s = segments;
      boolean result = false;
      for (int i = 0; i < s.length; i++) {
        if (s[i].contains(context)) {
          result = true;
          break;
        }
      }
      return result != negate;
    }

    /**
     * The keys of this condition's one segment when membership is those keys alone: one segment,
     * not negated, without excluded keys or rules; else null.
     */
    @Nullable
    KeyList onlyKeys() {
      return segments.length == 1 && !negate ? segments[0].onlyIncluded() : null;
    }
  }

  /**
   * Whether the context's key is among {@code keys}: a segment's membership when it is a key list
   * alone ({@link InSegment#onlyKeys}). An empty key is never a member.
   */
  static boolean keyIn(KeyList keys, Context context) {
    String k = context.key();
    return !k.isEmpty() && keys.contains(k);
  }

  /** True when every condition matches. */
  static boolean all(Condition[] conditions, Context context) {
    for (int i = 0; i < conditions.length; i++) {
      if (!matches(conditions[i], context)) {
        return false;
      }
    }
    return true;
  }
}
