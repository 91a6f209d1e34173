package dev.flags.internal.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * A semantic version (semver.org 2.0.0) parsed from a rule, compared against context attributes
 * without allocating.
 *
 * <p>Accepted forms, for rule values and attributes alike: an optional leading {@code v}, then
 * {@code MAJOR}, {@code MAJOR.MINOR} or {@code MAJOR.MINOR.PATCH} (missing parts are 0), then an
 * optional {@code -prerelease} and an optional {@code +build} (ignored in comparisons). Numeric
 * parts are decimal without leading zeros, up to 18 digits; numeric prerelease identifiers have no
 * leading zeros either.
 */
public final class SemVer {
  /** Returned by {@link #compareTo(String)} when the attribute is not a version. */
  static final int INVALID = Integer.MIN_VALUE;

  private final String text;
  private final long major;
  private final long minor;
  private final long patch;
  /** The prerelease part without the dash, or null. */
  private final @Nullable String prerelease;

  private SemVer(String text, long major, long minor, long patch, @Nullable String prerelease) {
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.prerelease = prerelease;
  }

  /**
   * Equal when written the same way: the text decides every part. ({@code v1.0} and {@code 1.0.0}
   * order the same but are not equal.)
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SemVer other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Parses a version, or returns null when {@code s} is not one. */
  public static @Nullable SemVer parse(String s) {
    Cursor c = new Cursor();
    if (!scanCore(s, c)) {
      return null;
    }
    String pre = c.preStart < 0 ? null : s.substring(c.preStart, c.preEnd);
    return new SemVer(s, c.major, c.minor, c.patch, pre);
  }

  /**
   * Compares an attribute value with this version.
   *
   * @return negative, zero or positive as {@code attribute} is lower than, equal to or higher
   *     than this version; {@link #INVALID} when it is not a version
   */
  int compareTo(String attribute) {
    // Parsing state lives in locals: this runs on the evaluation path.
    int n = attribute.length();
    int i = 0;
    if (n > 0 && (attribute.charAt(0) == 'v' || attribute.charAt(0) == 'V')) {
      i = 1;
    }
    long a0;
    long a1 = 0;
    long a2 = 0;
    int end = numberEnd(attribute, i);
    if (end < 0) {
      return INVALID;
    }
    a0 = parseLong(attribute, i, end);
    i = end;
    if (i < n && attribute.charAt(i) == '.') {
      end = numberEnd(attribute, i + 1);
      if (end < 0) {
        return INVALID;
      }
      a1 = parseLong(attribute, i + 1, end);
      i = end;
      if (i < n && attribute.charAt(i) == '.') {
        end = numberEnd(attribute, i + 1);
        if (end < 0) {
          return INVALID;
        }
        a2 = parseLong(attribute, i + 1, end);
        i = end;
      }
    }
    int preStart = -1;
    int preEnd = -1;
    if (i < n && attribute.charAt(i) == '-') {
      preStart = i + 1;
      preEnd = identifiersEnd(attribute, preStart, true);
      if (preEnd < 0) {
        return INVALID;
      }
      i = preEnd;
    }
    if (i < n) {
      if (attribute.charAt(i) != '+' || identifiersEnd(attribute, i + 1, false) != n) {
        return INVALID;
      }
    }
    int c = Long.compare(a0, major);
    if (c == 0) {
      c = Long.compare(a1, minor);
    }
    if (c == 0) {
      c = Long.compare(a2, patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    return comparePrerelease(attribute, preStart, preEnd, prerelease);
  }

  /** Precedence of prereleases: none is higher than any; then identifier by identifier. */
  private static int comparePrerelease(String a, int aStart, int aEnd, @Nullable String b) {
    if (aStart < 0) {
      return b == null ? 0 : 1;
    }
    if (b == null) {
      return -1;
    }
    int i = aStart;
    int j = 0;
    int bn = b.length();
    while (true) {
      boolean aDone = i >= aEnd;
      boolean bDone = j >= bn;
      if (aDone || bDone) {
        return aDone && bDone ? 0 : (aDone ? -1 : 1);
      }
      int ie = indexOfDot(a, i, aEnd);
      int je = indexOfDot(b, j, bn);
      boolean an = isDigits(a, i, ie);
      boolean bnum = isDigits(b, j, je);
      int c;
      if (an && bnum) {
        c = Integer.compare(ie - i, je - j); // no leading zeros: longer is larger
        if (c == 0) {
          c = compareChars(a, i, ie, b, j, je);
        }
      } else if (an) {
        c = -1;
      } else if (bnum) {
        c = 1;
      } else {
        c = compareChars(a, i, ie, b, j, je);
      }
      if (c != 0) {
        return Integer.signum(c);
      }
      i = ie + 1;
      j = je + 1;
      if (ie == aEnd && je == bn) {
        return 0;
      }
      if (ie == aEnd) {
        return -1;
      }
      if (je == bn) {
        return 1;
      }
    }
  }

  private static int compareChars(String a, int i, int ie, String b, int j, int je) {
    while (i < ie && j < je) {
      int c = a.charAt(i++) - b.charAt(j++);
      if (c != 0) {
        return c;
      }
    }
    return (ie - i) - (je - j);
  }

  private static int indexOfDot(String s, int from, int end) {
    for (int k = from; k < end; k++) {
      if (s.charAt(k) == '.') {
        return k;
      }
    }
    return end;
  }

  private static boolean isDigits(String s, int from, int end) {
    for (int k = from; k < end; k++) {
      char ch = s.charAt(k);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return end > from;
  }

  /** End of a decimal number starting at i (no leading zeros, 1..18 digits), or -1. */
  private static int numberEnd(String s, int i) {
    int k = i;
    while (k < s.length() && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
      k++;
    }
    int len = k - i;
    if (len == 0 || len > 18 || (len > 1 && s.charAt(i) == '0')) {
      return -1;
    }
    return k;
  }

  private static long parseLong(String s, int from, int end) {
    long v = 0;
    for (int k = from; k < end; k++) {
      v = v * 10 + (s.charAt(k) - '0');
    }
    return v;
  }

  /**
   * End of dot-separated non-empty [0-9A-Za-z-] identifiers starting at i, or -1. In a prerelease
   * a numeric identifier must not have leading zeros (semver.org item 9); build metadata may.
   */
  private static int identifiersEnd(String s, int i, boolean prerelease) {
    int k = i;
    int idStart = i;
    boolean numeric = true;
    while (k < s.length()) {
      char ch = s.charAt(k);
      if (ch == '.') {
        if (k == idStart || (prerelease && numeric && leadingZero(s, idStart, k))) {
          return -1;
        }
        idStart = k + 1;
        numeric = true;
      } else if (ch >= '0' && ch <= '9') {
        // numeric so far
      } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-') {
        numeric = false;
      } else {
        break;
      }
      k++;
    }
    if (k == idStart || (prerelease && numeric && leadingZero(s, idStart, k))) {
      return -1;
    }
    return k;
  }

  private static boolean leadingZero(String s, int from, int end) {
    return end - from > 1 && s.charAt(from) == '0';
  }

  private static final class Cursor {
    long major;
    long minor;
    long patch;
    int preStart = -1;
    int preEnd = -1;
  }

  private static boolean scanCore(String s, Cursor c) {
    int n = s.length();
    int i = 0;
    if (n > 0 && (s.charAt(0) == 'v' || s.charAt(0) == 'V')) {
      i = 1;
    }
    int end = numberEnd(s, i);
    if (end < 0) {
      return false;
    }
    c.major = parseLong(s, i, end);
    i = end;
    if (i < n && s.charAt(i) == '.') {
      end = numberEnd(s, i + 1);
      if (end < 0) {
        return false;
      }
      c.minor = parseLong(s, i + 1, end);
      i = end;
      if (i < n && s.charAt(i) == '.') {
        end = numberEnd(s, i + 1);
        if (end < 0) {
          return false;
        }
        c.patch = parseLong(s, i + 1, end);
        i = end;
      }
    }
    if (i < n && s.charAt(i) == '-') {
      c.preStart = i + 1;
      c.preEnd = identifiersEnd(s, c.preStart, true);
      if (c.preEnd < 0) {
        return false;
      }
      i = c.preEnd;
    }
    if (i < n) {
      return s.charAt(i) == '+' && identifiersEnd(s, i + 1, false) == n;
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
