package dev.flags.internal;

import com.google.re2j.Pattern;
import dev.flags.Context;
import java.util.List;

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

  /** A compiled condition. */
  abstract static class Condition {
    abstract boolean matches(Context context);
  }

  /** Reads one attribute, applies list and missing-value semantics, then {@link #test}. */
  abstract static class AttributeCondition extends Condition {
    private final String attribute;
    private final boolean negate;

    AttributeCondition(String attribute, boolean negate) {
      this.attribute = attribute;
      this.negate = negate;
    }

    @Override
    final boolean matches(Context context) {
      Object value = context.get(attribute);
      boolean result;
      if (value == null) {
        result = false;
      } else if (value instanceof List) {
        List<?> list = (List<?>) value;
        result = false;
        for (int i = 0, n = list.size(); i < n; i++) {
          if (test(list.get(i))) {
            result = true;
            break;
          }
        }
      } else {
        result = test(value);
      }
      return result != negate;
    }

    /** Tests one non-null value: a String, Double or Boolean. */
    abstract boolean test(Object value);
  }

  static final class Exists extends AttributeCondition {
    Exists(String attribute, boolean negate) {
      super(attribute, negate);
    }

    @Override
    boolean test(Object value) {
      return true;
    }
  }

  /** {@code in} / {@code notIn}: a hash set for strings, an array for numbers. */
  static final class In extends AttributeCondition {
    private final StringSet strings;
    private final double[] numbers;

    In(String attribute, boolean negate, StringSet strings, double[] numbers) {
      super(attribute, negate);
      this.strings = strings;
      this.numbers = numbers;
    }

    @Override
    boolean test(Object value) {
      if (value instanceof String) {
        return strings.contains((String) value);
      }
      if (value instanceof Double) {
        double d = (Double) value;
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
    private final boolean ignoreCase;

    Equals(String attribute, boolean negate, Object expected, boolean ignoreCase) {
      super(attribute, negate);
      this.expected = expected;
      this.ignoreCase = ignoreCase;
    }

    @Override
    boolean test(Object value) {
      if (ignoreCase && value instanceof String && expected instanceof String) {
        return ((String) expected).equalsIgnoreCase((String) value);
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
      super(attribute, negate);
      this.mode = mode;
      this.values = values;
      this.ignoreCase = ignoreCase;
    }

    @Override
    boolean test(Object value) {
      if (!(value instanceof String)) {
        return false;
      }
      String s = (String) value;
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
   */
  static final class Matches extends AttributeCondition {
    private final Pattern[] patterns;

    Matches(String attribute, boolean negate, Pattern[] patterns) {
      super(attribute, negate);
      this.patterns = patterns;
    }

    @Override
    boolean test(Object value) {
      if (!(value instanceof String)) {
        return false;
      }
      String s = (String) value;
      Pattern[] p = patterns;
      for (int i = 0; i < p.length; i++) {
        if (p[i].matcher(s).find()) {
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
      super(attribute, negate);
      this.mode = mode;
      this.bound = bound;
    }

    @Override
    boolean test(Object value) {
      if (!(value instanceof Double)) {
        return false;
      }
      return compare((Double) value, bound, mode);
    }
  }

  static boolean compare(double a, double b, int mode) {
    switch (mode) {
      case Compare.LT:
        return a < b;
      case Compare.LTE:
        return a <= b;
      case Compare.GT:
        return a > b;
      default:
        return a >= b;
    }
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
      super(attribute, negate);
      this.mode = mode;
      this.version = version;
    }

    @Override
    boolean test(Object value) {
      if (!(value instanceof String)) {
        return false;
      }
      int c = version.compareTo((String) value);
      if (c == SemVer.INVALID) {
        return false;
      }
      switch (mode) {
        case LT:
          return c < 0;
        case LTE:
          return c <= 0;
        case EQ:
          return c == 0;
        case GTE:
          return c >= 0;
        default:
          return c > 0;
      }
    }
  }

  /** {@code before}/{@code after}: epoch-millis numbers or ISO-8601 strings with an offset. */
  static final class TimeCompare extends AttributeCondition {
    private final boolean before;
    private final long bound;

    TimeCompare(String attribute, boolean negate, boolean before, long bound) {
      super(attribute, negate);
      this.before = before;
      this.bound = bound;
    }

    @Override
    boolean test(Object value) {
      double t;
      if (value instanceof Double) {
        t = (Double) value;
      } else if (value instanceof String) {
        long millis = Times.parseEpochMillis((String) value);
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
      this.segments = segments;
      this.negate = negate;
    }

    @Override
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
  }

  /** True when every condition matches. */
  static boolean all(Condition[] conditions, Context context) {
    for (int i = 0; i < conditions.length; i++) {
      if (!conditions[i].matches(context)) {
        return false;
      }
    }
    return true;
  }
}
