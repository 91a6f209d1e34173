package dev.flags.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Code that docs quote verbatim, for every module's tests: a test holds the code between {@code
 * // snippet: NAME} and {@code // end snippet} (which Spotless leaves in its hand layout), and
 * {@link #assertQuoted} checks that a page shows exactly that code in a {@code ```java} block.
 */
public final class Snippets {
  private Snippets() {}

  /**
   * The snippet regions of a source file, by name, in order: each line without the indentation of
   * its {@code // snippet:} marker.
   */
  public static Map<String, String> regions(Path source) {
    List<String> lines;
    try {
      lines = Files.readAllLines(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> regions = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.strip().startsWith("// snippet: ")) {
        continue;
      }
      String name = line.strip().substring("// snippet: ".length()).strip();
      int indent = line.indexOf('/');
      StringBuilder region = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().equals("// end snippet"); i++) {
        String code = lines.get(i);
        region
            .append(code.length() > indent ? code.substring(indent) : code.strip())
            .append('\n');
      }
      regions.put(name, region.toString());
    }
    return regions;
  }

  /**
   * Fails unless the page shows each named snippet of the source as a {@code ```java} block.
   *
   * @param page the Markdown page, relative to the module directory (as tests run)
   * @param source the test source holding the snippets, relative to the module directory
   * @param names the snippets the page quotes
   */
  public static void assertQuoted(Path page, Path source, String... names) {
    Map<String, String> regions = regions(source);
    String text;
    try {
      text = Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      String code = regions.get(name);
      assertThat(code).as("snippet '%s' in %s", name, source).isNotNull();
      if (!text.contains("```java\n" + code + "```")) {
        missing.add(name);
      }
    }
    assertThat(missing)
        .as("snippets of %s that %s does not show verbatim", source, page)
        .isEmpty();
  }
}
