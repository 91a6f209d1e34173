package dev.flags.internal.document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * What compiling a regular expression with RE2/J would cost, read from its text before compiling
 * it: the product of its nested counted repetitions, and an estimate of its program size in
 * instructions. RE2/J expands {@code x{n,m}} into copies of {@code x}, so nested counts multiply
 * and {@code ((a{1000}){1000}){1000}} would need a billion instructions: this is how such a regex
 * is refused before it can exhaust the heap.
 *
 * <p>The estimate follows how RE2/J simplifies and compiles: a literal character, a character
 * class, {@code .}, an assertion ({@code ^}, {@code \b}...) and an empty expression cost 1; {@code
 * x+} and {@code x?} cost x + 1, {@code x*} x + 2; {@code x{n,m}} n copies of x and m - n optional
 * ones, n*x + (m - n)*(x + 1); {@code x{n,}} n*x + 1; a capturing group x + 2; an alternation of k
 * branches their sum + k - 1; and the program 2 more (its failure and match instructions). RE2/J
 * may compile to less (it merges alternatives with a common prefix, and single characters into a
 * class), never to more. Text RE2/J would refuse is estimated without complaint: compiling it
 * reports the error.
 *
 * <p>One pass over the text, without recursion: linear in its length, whatever its nesting.
 */
final class RegexCost {
  /** Sums and products stop here, far above any limit an {@code int} can set. */
  private static final long CAP = 1L << 40;
  /** Counts stop here; RE2 refuses any above 1,000. */
  private static final int MAX_COUNT = 100_000_000;

  /**
   * The cost of one regular expression.
   *
   * @param repetition the largest product of nested counted repetitions ({@code x{n}}, {@code
   *     x{n,m}} by m, {@code x{n,}} by n), 1 if there are none
   * @param programSize the estimated number of instructions of the compiled program
   */
  record Cost(long repetition, long programSize) {}

  private final String text;
  private final List<Group> open = new ArrayList<>();
  private Group group = new Group(false);
  private final Finder colonBracket;
  private final Finder closeAngle;
  private final Finder closeBrace;
  private int i;

  private RegexCost(String text) {
    this.text = text;
    this.colonBracket = new Finder(text, ":]");
    this.closeAngle = new Finder(text, ">");
    this.closeBrace = new Finder(text, "}");
  }

  /** The cost of a regular expression in RE2 syntax. */
  static Cost of(String regex) {
    return new RegexCost(regex).scan();
  }

  private Cost scan() {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> escape();
        case '[' -> characterClass();
        case '(' -> openGroup();
        case ')' -> {
          i++;
          closeGroup();
        }
        case '|' -> {
          i++;
          group.alternative();
        }
        case '*' -> repeat(2);
        case '+', '?' -> repeat(1);
        case '{' -> counted();
        default -> {
          i += Character.charCount(text.codePointAt(i));
          group.piece(1, 1);
        }
      }
    }
    while (!open.isEmpty()) {
      closeGroup(); // unclosed: RE2/J will refuse it
    }
    return new Cost(group.repetition(), add(group.size(), 2));
  }

  /** An escape: one instruction, or one per character of {@code \Q...\E}. */
  private void escape() {
    int n = text.length();
    if (i + 1 >= n) {
      i++;
      group.piece(1, 1);
      return;
    }
    char c = text.charAt(i + 1);
    if (c == 'Q') {
      int end = text.indexOf("\\E", i + 2);
      int stop = end < 0 ? n : end;
      for (int j = i + 2; j < stop; j += Character.charCount(text.codePointAt(j))) {
        group.piece(1, 1);
      }
      i = end < 0 ? n : end + 2;
      return;
    }
    i += 1 + Character.charCount(text.codePointAt(i + 1));
    if ((c == 'p' || c == 'P' || c == 'x') && i < n) {
      int close = text.charAt(i) == '{' ? closeBrace.after(i) : -1;
      if (close >= 0) {
        i = close + 1; // \p{Greek}, \x{10FFFF}
      } else if (c == 'x') {
        i = Math.min(i + 2, n); // \x41
      } else {
        i += Character.charCount(text.codePointAt(i)); // \pL
      }
    }
    group.piece(1, 1);
  }

  /** A character class, {@code [...]}: one instruction, whatever it holds. */
  private void characterClass() {
    int n = text.length();
    int j = i + 1;
    if (j < n && text.charAt(j) == '^') {
      j++;
    }
    if (j < n && text.charAt(j) == ']') {
      j++; // a ']' first is a literal
    }
    while (j < n && text.charAt(j) != ']') {
      char c = text.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == '[' && j + 1 < n && text.charAt(j + 1) == ':') {
        int close = colonBracket.after(j + 2);
        j = close >= 0 ? close + 2 : j + 1; // [:alpha:]
      } else {
        j++;
      }
    }
    i = Math.min(j + 1, n);
    group.piece(1, 1);
  }

  private void openGroup() {
    int n = text.length();
    if (i + 1 >= n || text.charAt(i + 1) != '?') {
      i++;
      push(true);
      return;
    }
    if (text.startsWith("P<", i + 2) || startsNamedGroup(i + 2)) {
      int close = closeAngle.after(i + 3);
      i = close >= 0 ? close + 1 : i + 3;
      push(true);
      return;
    }
    int j = i + 2;
    while (j < n && "imsU-".indexOf(text.charAt(j)) >= 0) {
      j++;
    }
    if (j < n && text.charAt(j) == ')') {
      i = j + 1; // (?i): flags for the rest of the group, no group of its own
      return;
    }
    i = j < n && text.charAt(j) == ':' ? j + 1 : j;
    push(false);
  }

  /** {@code (?<name>...)}, not a lookbehind (which RE2 refuses anyway). */
  private boolean startsNamedGroup(int at) {
    return at + 1 < text.length()
        && text.charAt(at) == '<'
        && text.charAt(at + 1) != '='
        && text.charAt(at + 1) != '!';
  }

  private void push(boolean capturing) {
    open.add(group);
    group = new Group(capturing);
  }

  private void closeGroup() {
    if (open.isEmpty()) {
      return; // unmatched: RE2/J will refuse it
    }
    Group inner = group;
    group = open.remove(open.size() - 1);
    group.piece(add(inner.size(), inner.capturing ? 2 : 0), inner.repetition());
  }

  /** Applies {@code *}, {@code +} or {@code ?}, adding {@code extra} instructions. */
  private void repeat(long extra) {
    i++;
    group.repeatLast(size -> add(size, extra), 1);
    lazy();
  }

  private void lazy() {
    if (i < text.length() && text.charAt(i) == '?') {
      i++;
    }
  }

  /** {@code {n}}, {@code {n,}} or {@code {n,m}}; anything else is a literal brace, as in RE2. */
  private void counted() {
    int n = text.length();
    int j = i + 1;
    int min = number(j);
    if (min < 0) {
      literalBrace();
      return;
    }
    j = skipDigits(j);
    int max = min;
    if (j < n && text.charAt(j) == ',') {
      j++;
      if (j < n && text.charAt(j) == '}') {
        max = -1;
      } else {
        max = number(j);
        if (max < 0) {
          literalBrace();
          return;
        }
        j = skipDigits(j);
      }
    }
    if (j >= n || text.charAt(j) != '}') {
      literalBrace();
      return;
    }
    i = j + 1;
    long lo = min;
    if (max < 0) {
      // x{n,}: n - 1 copies then x+ (x{0,} is x*).
      long extra = lo == 0 ? 2 : 1;
      group.repeatLast(size -> add(mul(size, Math.max(lo, 1)), extra), Math.max(lo, 1));
    } else {
      long hi = Math.max(max, min);
      // x{n,m}: n copies then m - n nested optional ones; x{0} is an empty match.
      group.repeatLast(
          size -> Math.max(1, add(mul(size, lo), mul(add(size, 1), hi - lo))), Math.max(hi, 1));
    }
    lazy();
  }

  private void literalBrace() {
    i++;
    group.piece(1, 1);
  }

  /** The decimal number at {@code at} (at most {@link #MAX_COUNT}), or -1 if none (or 0-led). */
  private int number(int at) {
    int n = text.length();
    if (at >= n || !isDigit(text.charAt(at))) {
      return -1;
    }
    if (text.charAt(at) == '0' && at + 1 < n && isDigit(text.charAt(at + 1))) {
      return -1; // RE2 reads {01} as text
    }
    long value = 0;
    for (int j = at; j < n && isDigit(text.charAt(j)); j++) {
      value = Math.min(value * 10 + (text.charAt(j) - '0'), MAX_COUNT);
    }
    return (int) value;
  }

  private int skipDigits(int at) {
    int j = at;
    while (j < text.length() && isDigit(text.charAt(j))) {
      j++;
    }
    return j;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static long add(long a, long b) {
    return Math.min(a + b, CAP);
  }

  private static long mul(long a, long b) {
    return b != 0 && a > CAP / b ? CAP : Math.min(a * b, CAP);
  }

  /**
   * Finds a text at or after positions that only grow, as a scan asks: each search starts after
   * the last one found, so all of them together read the pattern once.
   */
  private static final class Finder {
    private final String text;
    private final String needle;
    /** Where the needle was last found; -1 once none is left; -2 before the first search. */
    private int found = -2;

    Finder(String text, String needle) {
      this.text = text;
      this.needle = needle;
    }

    /** The first occurrence at or after {@code from}, or -1. */
    int after(int from) {
      if (found != -1 && found < from) {
        found = text.indexOf(needle, from);
      }
      return found;
    }
  }

  /** A group being read (the whole expression is the outermost): its branches so far. */
  private static final class Group {
    final boolean capturing;
    /** The sizes of the finished branches, summed, and their number. */
    private long branches;

    private int finished;
    /** The size of the branch being read, and of its last piece (-1: none to repeat). */
    private long sequence;

    private long last = -1;
    /** The largest repetition product of the pieces before the last, and of the last. */
    private long repetition = 1;

    private long lastRepetition = 1;

    Group(boolean capturing) {
      this.capturing = capturing;
    }

    /** Appends a piece of {@code size} instructions whose repetitions multiply to {@code rep}. */
    void piece(long size, long rep) {
      repetition = Math.max(repetition, lastRepetition);
      sequence = add(sequence, size);
      last = size;
      lastRepetition = rep;
    }

    /** Repeats the last piece; with none (RE2/J refuses that) the operator counts as a piece. */
    void repeatLast(LongUnaryOperator size, long rep) {
      if (last < 0) {
        piece(1, 1);
        return;
      }
      long repeated = size.applyAsLong(last);
      sequence = add(sequence - last, repeated);
      last = repeated;
      lastRepetition = mul(lastRepetition, rep);
    }

    /** Ends a branch at {@code |}. */
    void alternative() {
      branches = add(branches, Math.max(sequence, 1));
      finished++;
      repetition = Math.max(repetition, lastRepetition);
      sequence = 0;
      last = -1;
      lastRepetition = 1;
    }

    /** Every branch (an empty one is 1) and the instructions that choose between them. */
    long size() {
      return add(add(branches, Math.max(sequence, 1)), finished);
    }

    long repetition() {
      return Math.max(repetition, lastRepetition);
    }
  }
}
