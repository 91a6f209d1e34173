package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the complete example of {@code docs/document-format.md} true: writes each document marked
 * {@code <!-- file: NAME -->}, runs each {@code $ java -jar flags-cli/target/flags-cli.jar ...}
 * command of the example section in-process, and compares stdout with the lines that follow it.
 */
final class DocumentFormatExampleTest {
  private static final Path DOC = Path.of("../docs/document-format.md");
  private static final String SECTION = "## 17. Complete example";
  private static final String PROMPT = "$ java -jar flags-cli/target/flags-cli.jar ";
  private static final String FILE_MARKER = "<!-- file: ";

  @TempDir
  Path dir;

  @Test
  void completeExample_commandsPrintWhatTheDocumentSays() throws IOException {
    String text = Files.readString(DOC, StandardCharsets.UTF_8);
    List<String> lines = text.substring(text.indexOf(SECTION)).lines().toList();

    Map<String, Path> files = new HashMap<>();
    List<String[]> commands = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith(FILE_MARKER)) {
        String name = line.substring(FILE_MARKER.length(), line.indexOf(" -->"));
        assertThat(lines.get(i + 1)).isEqualTo("```json");
        StringBuilder json = new StringBuilder();
        for (i += 2; !lines.get(i).equals("```"); i++) {
          json.append(lines.get(i)).append('\n');
        }
        files.put(name, Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8));
      } else if (line.equals("```console")) {
        for (i++; !lines.get(i).equals("```"); i++) {
          if (lines.get(i).startsWith(PROMPT)) {
            commands.add(lines.get(i).substring(PROMPT.length()).split(" "));
            expected.add("");
          } else {
            int last = expected.size() - 1;
            expected.set(last, expected.get(last) + lines.get(i) + "\n");
          }
        }
      }
    }
    assertThat(files).containsOnlyKeys("small.json", "broken.json");
    assertThat(commands).hasSizeGreaterThan(10);

    for (int c = 0; c < commands.size(); c++) {
      String[] args = commands.get(c).clone();
      for (int a = 0; a < args.length; a++) {
        Path file = files.get(args[a]);
        if (file != null) {
          args[a] = file.toString();
        }
      }
      Cli.Result r = Cli.run(args);
      assertThat(r.out()).as(String.join(" ", commands.get(c))).isEqualTo(expected.get(c));
      assertThat(r.code())
          .as(String.join(" ", commands.get(c)))
          .isEqualTo(r.out().startsWith("INVALID") || r.out().contains("reason=ERROR") ? 1 : 0);
    }
  }
}
