package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies run one way, along the data's path: the document side (the only user
 * of Jackson) feeds the compiled snapshot and the hot path, which depends on nothing of the
 * library but the public value types; the runtime uses both and knows neither JSON nor HTTP.
 *
 * <p>Reads the compiled classes' constant pools, which name every class a class refers to (fully
 * qualified names and descriptors included), so no import style can hide a dependency.
 */
final class ArchitectureTest {
  private static final Path CLASSES = Path.of("target/classes");

  private static final String JACKSON = "com/fasterxml/jackson/";
  private static final String SLF4J = "org/slf4j/";
  private static final String HTTP = "java/net/http/";
  private static final String DOCUMENT = "dev/flags/internal/document/";
  private static final String SNAPSHOT = "dev/flags/internal/snapshot/";
  private static final String RUNTIME = "dev/flags/internal/runtime/";
  private static final String SPI = "dev/flags/spi/";
  private static final String SOURCES = "dev/flags/sources/";
  private static final String SAFETY = "dev/flags/internal/safety/";
  private static final String CAFFEINE = "com/github/benmanes/caffeine/";
  private static final String EXPOSURE_DEDUP = SAFETY + "ExposureDedup";

  @Test
  void snapshot_hotPath_usesNoJacksonNoLoggingAndNothingUpstream() throws IOException {
    assertThat(violations(SNAPSHOT, JACKSON, SLF4J, HTTP, DOCUMENT, RUNTIME, SPI, SOURCES, SAFETY))
        .isEmpty();
  }

  @Test
  void document_side_doesNotKnowTheRuntime() throws IOException {
    assertThat(violations(DOCUMENT, RUNTIME, SOURCES, HTTP, SAFETY)).isEmpty();
  }

  @Test
  void safety_dependsOnTheSnapshotOnly_neverOnTheRuntimeJsonOrSources() throws IOException {
    assertThat(violations(SAFETY, JACKSON, HTTP, DOCUMENT, RUNTIME, SPI, SOURCES))
        .isEmpty();
  }

  @Test
  void caffeine_isUsedByExposureDeduplicationOnly() throws IOException {
    Map<String, Set<String>> found = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : references().entrySet()) {
      if (!e.getKey().startsWith(EXPOSURE_DEDUP)) {
        collect(found, e.getKey(), e.getValue(), List.of(CAFFEINE));
      }
    }
    assertThat(found).isEmpty();
    assertThat(references().get(EXPOSURE_DEDUP)).anyMatch(r -> r.startsWith(CAFFEINE));
  }

  @Test
  void runtime_knowsNeitherJsonNorHttp() throws IOException {
    assertThat(violations(RUNTIME, JACKSON, HTTP)).isEmpty();
  }

  @Test
  void everythingButTheDocumentSide_usesNoJackson() throws IOException {
    Map<String, Set<String>> found = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : references().entrySet()) {
      if (!e.getKey().startsWith(DOCUMENT)) {
        collect(found, e.getKey(), e.getValue(), List.of(JACKSON));
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void scanner_seesReferencesItLooksFor() throws IOException {
    // Guards the rules above against passing vacuously: known references must be found.
    Map<String, Set<String>> refs = references();
    assertThat(refs.get("dev/flags/internal/document/DocumentReader"))
        .anyMatch(r -> r.startsWith(JACKSON));
    assertThat(refs.get("dev/flags/internal/runtime/Controller"))
        .anyMatch(r -> r.startsWith(SNAPSHOT))
        .anyMatch(r -> r.startsWith(DOCUMENT));
  }

  /** Classes in {@code from} that refer to any of {@code forbidden}, with what they refer to. */
  private static Map<String, Set<String>> violations(String from, String... forbidden)
      throws IOException {
    Map<String, Set<String>> found = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : references().entrySet()) {
      if (e.getKey().startsWith(from)) {
        collect(found, e.getKey(), e.getValue(), List.of(forbidden));
      }
    }
    return found;
  }

  private static void collect(
      Map<String, Set<String>> found, String cls, Set<String> refs, List<String> forbidden) {
    for (String r : refs) {
      for (String f : forbidden) {
        if (r.startsWith(f)) {
          found.computeIfAbsent(cls, k -> new TreeSet<>()).add(r);
        }
      }
    }
  }

  /** For every compiled class, the internal names of the classes its constant pool mentions. */
  private static Map<String, Set<String>> references() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(CLASSES)) {
      s.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
    }
    assertThat(files).as("compiled classes under " + CLASSES).isNotEmpty();
    for (Path p : files) {
      String name = CLASSES.relativize(p).toString().replace('\\', '/');
      name = name.substring(0, name.length() - ".class".length());
      try (InputStream in = Files.newInputStream(p)) {
        out.put(name, mentionedClasses(new DataInputStream(in)));
      }
    }
    return out;
  }

  /**
   * Reads a class file's constant pool (JVMS 4.4) and returns the class names in its UTF-8
   * entries: class references in internal form, and those inside descriptors ({@code Lx/y/Z;}).
   */
  private static Set<String> mentionedClasses(DataInputStream in) throws IOException {
    Set<String> out = new TreeSet<>();
    in.readInt(); // magic
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> addNames(in.readUTF(), out); // Utf8
        case 3, 4 -> in.readInt(); // Integer, Float
        case 5, 6 -> { // Long, Double take two slots
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.readUnsignedShort(); // Class, String, MethodType, Module...
        case 9, 10, 11, 12, 17, 18 -> in.readInt(); // refs, NameAndType, (Invoke)Dynamic
        case 15 -> { // MethodHandle
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return out;
  }

  private static void addNames(String utf8, Set<String> out) {
    // A bare internal name ("com/fasterxml/jackson/databind/JsonNode") or descriptors with
    // "Lcom/fasterxml/...;" inside; anything with a slash is kept as a candidate.
    if (utf8.indexOf('/') < 0) {
      return;
    }
    int i = 0;
    while (i < utf8.length()) {
      int l = utf8.indexOf('L', i);
      int semi = l < 0 ? -1 : utf8.indexOf(';', l);
      if (l < 0 || semi < 0) {
        break;
      }
      out.add(utf8.substring(l + 1, semi));
      i = semi + 1;
    }
    out.add(utf8);
  }
}
