package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/cli.md} true: in a directory holding {@code examples/flags.json} and every
 * file the page marks {@code <!-- file: NAME -->}, runs each {@code $ java -jar
 * flags-cli/target/flags-cli.jar ...} line of its {@code console} blocks with the packaged jar
 * (a trailing {@code < FILE} is standard input) and compares what it prints, stdout then stderr,
 * with the lines that follow; {@code $ echo $?} is followed by the previous exit code.
 */
final class CliDocumentationIT {
  private static final Path DOC = Path.of("../docs/cli.md");
  private static final String PROMPT = "$ java -jar flags-cli/target/flags-cli.jar ";
  private static final String FILE_MARKER = "<!-- file: ";

  @TempDir
  Path dir;

  /** One command of the page and what it prints. */
  private record Step(String command, List<String> args, String stdin, StringBuilder expected) {}

  @Test
  void cliPage_everyCommandPrintsWhatThePageSays() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("examples"));
    Files.copy(Jar.ROOT.resolve("examples/flags.json"), dir.resolve("examples/flags.json"));
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith(FILE_MARKER)) {
        String name = line.substring(FILE_MARKER.length(), line.indexOf(" -->"));
        assertThat(lines.get(i + 1)).startsWith("```");
        StringBuilder text = new StringBuilder();
        for (i += 2; !lines.get(i).equals("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
      } else if (line.equals("```console")) {
        for (i++; !lines.get(i).equals("```"); i++) {
          String l = lines.get(i);
          if (l.equals("$ echo $?")) {
            steps.add(new Step(l, List.of(), "", new StringBuilder()));
          } else if (l.startsWith(PROMPT)) {
            List<String> args = words(l.substring(PROMPT.length()));
            String stdin = "";
            if (args.size() >= 2 && args.get(args.size() - 2).equals("<")) {
              stdin = args.get(args.size() - 1);
              args = args.subList(0, args.size() - 2);
            }
            steps.add(new Step(l, args, stdin, new StringBuilder()));
          } else {
            assertThat(l)
                .as("a console line that is neither a command nor output")
                .doesNotStartWith("$");
            steps.get(steps.size() - 1).expected().append(l).append('\n');
          }
        }
      }
    }
    assertThat(steps).hasSizeGreaterThan(15);

    int lastCode = -1;
    for (Step s : steps) {
      if (s.command().equals("$ echo $?")) {
        assertThat(lastCode + "\n")
            .as("exit code before " + s)
            .isEqualTo(s.expected().toString());
        continue;
      }
      byte[] stdin = s.stdin().isEmpty() ? new byte[0] : Files.readAllBytes(dir.resolve(s.stdin()));
      Jar.Result r = Jar.run(dir, stdin, List.of(), s.args().toArray(new String[0]));
      assertThat(r.out() + r.err()).as(s.command()).isEqualTo(s.expected().toString());
      lastCode = r.code();
    }
  }

  /** Splits a command line into words, with single quotes around words holding spaces. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
