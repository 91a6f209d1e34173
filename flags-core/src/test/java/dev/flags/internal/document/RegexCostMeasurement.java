package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import dev.flags.Reason;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build (the name does not end in Test): measures what one evaluation of a {@code
 * matches} condition costs with the worst regexes {@link
 * DocumentLimits#DEFAULT_MAX_REGEX_PROGRAM_SIZE} accepts, on values of 100, 1,000 and 20,000
 * characters, through {@link Flags#evaluate}, in CPU time of the evaluating thread. Each regex is the largest of its family the default
 * accepts, and each family keeps every instruction busy at every character. Values are distinct
 * (random characters that keep the regex busy), so the per-condition memo does not hide the cost.
 * Writes a Markdown table to {@code target/regex-cost.md}. Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -o -q test -pl flags-core -Dtest=RegexCostMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * cat flags-core/target/regex-cost.md
 * </pre>
 */
final class RegexCostMeasurement {
  private static final int LIMIT = DocumentLimits.DEFAULT_MAX_REGEX_PROGRAM_SIZE;
  private static final int[] LENGTHS = {100, 1_000, 20_000};
  private static final long BUDGET_NANOS = 1_000_000_000L;

  /** A family: {@code K} is replaced by the largest count the limit accepts. */
  private record Family(String template, String alphabet) {}

  private static final List<Family> WORST = List.of(
      new Family("(?:.?){K}#", "abcdefghijklmnopqrstuvwxyz"),
      new Family("(?:[a-z]?){K}#", "abcdefghijklmnopqrstuvwxyz"),
      new Family("(?i)(?:\\\\pL?){K}#", "aäbcdeéfghijklmnoöpqrstuüvwxyzß"),
      new Family("(?:[\\\\pL\\\\pN]?){K}#", "abc123äöü"),
      new Family("(?:a*b*){K}#", "ab"),
      new Family("(?:(a|b)?){K}#", "ab"),
      new Family("(?:a|ab|b){K}#", "ab"),
      new Family("[a-z]{0,K}#", "abcdefghijklmnopqrstuvwxyz"));

  private static final Family TYPICAL = new Family(
      "^[a-z0-9._%+-]+@example\\\\.(?:com|org)$", "abcdefghijklmnopqrstuvwxyz0123456789.");

  @Test
  void measure_worstRegexesTheDefaultAccepts_writesTimings() throws IOException {
    StringBuilder table = new StringBuilder()
        .append(String.format(
            Locale.ROOT,
            "maxRegexProgramSize %d; CPU time per evaluation; %s %s, %d processors, load average"
                + " %.2f%n%n",
            LIMIT,
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append("| regex | estimated | 100 chars | 1,000 chars | 20,000 chars |\n")
        .append("| --- | ---: | ---: | ---: | ---: |\n");
    for (Family f : WORST) {
      row(table, largestAccepted(f), f.alphabet());
    }
    row(table, TYPICAL.template(), TYPICAL.alphabet());
    String text = table.toString();
    Files.writeString(Path.of("target/regex-cost.md"), text, StandardCharsets.UTF_8);
    System.out.print(text);
  }

  /** The family's regex with the largest count the default accepts; one more is rejected. */
  private static String largestAccepted(Family f) {
    int k = 1;
    while (estimate(f, k + 1) <= LIMIT) {
      k++;
    }
    String over = f.template().replace("K", Integer.toString(k + 1));
    assertThatThrownBy(() -> client(over)).isInstanceOf(InvalidDocumentException.class);
    return f.template().replace("K", Integer.toString(k));
  }

  private static long estimate(Family f, int k) {
    String regex = f.template().replace("K", Integer.toString(k)).replace("\\\\", "\\");
    return RegexCost.of(regex).programSize();
  }

  private static void row(StringBuilder table, String jsonRegex, String alphabet) {
    String regex = jsonRegex.replace("\\\\", "\\");
    Flags flags = client(jsonRegex);
    table.append("| `").append(regex).append("` | ").append(RegexCost.of(regex).programSize());
    for (int length : LENGTHS) {
      Context[] contexts = contexts(alphabet, length);
      assertThat(flags.evaluate("f", contexts[0]).reason()).isEqualTo(Reason.FALLTHROUGH);
      time(flags, contexts); // warm up
      table.append(String.format(Locale.ROOT, " | %,.1f µs", time(flags, contexts) / 1_000.0));
    }
    table.append(" |\n");
  }

  /**
   * Mean CPU nanoseconds of this thread per evaluation, cycling through the contexts for about a
   * second of CPU time: CPU time rather than wall time, so other processes on the machine do not
   * inflate it.
   */
  private static double time(Flags flags, Context[] contexts) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long elapsed;
    int n = 0;
    do {
      Reason r = flags.evaluate("f", contexts[n % contexts.length]).reason();
      if (r != Reason.FALLTHROUGH) {
        throw new AssertionError(r);
      }
      n++;
      elapsed = threads.getCurrentThreadCpuTime() - start;
    } while (elapsed < BUDGET_NANOS || n < 5);
    return (double) elapsed / n;
  }

  /** 1,024 distinct values (twice the memo's slots) of random characters from the alphabet. */
  private static Context[] contexts(String alphabet, int length) {
    Random random = new Random(length);
    Context[] contexts = new Context[1_024];
    for (int i = 0; i < contexts.length; i++) {
      StringBuilder value = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      contexts[i] = Context.newBuilder("u").set("a", value.toString()).build();
    }
    return contexts;
  }

  /** A client whose flag {@code f} serves on when attribute {@code a} matches. */
  private static Flags client(String jsonRegex) {
    return Flags.newBuilder()
        .document("{\"schema\": 1, \"version\": \"regex\", \"flags\": {\"f\": {"
            + "\"variants\": {\"on\": true, \"off\": false}, \"offVariant\": \"off\","
            + " \"rules\": [{\"id\": \"r\", \"conditions\": [{\"attribute\": \"a\","
            + " \"op\": \"matches\", \"value\": \"" + jsonRegex + "\"}], \"variant\": \"on\"}],"
            + " \"fallthrough\": {\"variant\": \"off\"}}}}")
        .build();
  }
}
