package dev.flags.test.internal;

import dev.flags.FlagInfo;
import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import dev.flags.sources.MemorySource;
import dev.flags.spi.LoadResult;
import dev.flags.test.FlagsDocument;
import dev.flags.test.SetBooleanFlag;
import dev.flags.test.SetNumberFlag;
import dev.flags.test.SetStringFlag;
import dev.flags.test.SetVariant;
import dev.flags.test.TestFlag;
import dev.flags.test.TestFlags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Builds the client of one test from the annotations that apply to it: the {@link FlagsDocument}
 * resources as the lower layers, the typed value annotations as the top layer (the one {@code
 * Flags.load} replaces), then the {@link SetVariant} overrides.
 */
public final class TestSetup {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private TestSetup() {}

  /**
   * Builds the client for a test.
   *
   * @param testClass the test class
   * @param testMethod the test method
   * @return a ready client; the caller closes it
   * @throws InvalidDocumentException if a document has problems, listing every one
   * @throws ExtensionConfigurationException if an annotation names a missing resource, or a flag
   *     or variant the documents lack
   */
  public static Flags client(Class<?> testClass, Method testMethod) {
    Flags.Builder builder = Flags.newBuilder().name("flags-test-" + CLIENTS.incrementAndGet());
    Map<String, MemorySource> resources = new LinkedHashMap<>();
    for (FlagsDocument d : Annotations.forTest(testClass, testMethod, FlagsDocument.class)) {
      for (String resource : d.value()) {
        MemorySource layer = MemorySource.of("classpath:" + resource, read(testClass, resource));
        resources.put(resource, layer);
        builder.source(layer);
      }
    }
    Flags flags;
    try {
      flags = builder.document(valueFlags(testClass, testMethod)).build();
    } catch (InvalidDocumentException e) {
      throw new ExtensionConfigurationException(
          "@SetBooleanFlag, @SetStringFlag, @SetNumberFlag: " + e.getMessage(), e);
    }
    try {
      for (Map.Entry<String, MemorySource> e : resources.entrySet()) {
        LoadResult r = e.getValue().lastResult();
        if (r != null && !r.isAccepted()) {
          throw new ExtensionConfigurationException(
              "@FlagsDocument(\"" + e.getKey() + "\") " + r.report(),
              new InvalidDocumentException(r.version(), r.problems()));
        }
      }
      for (SetVariant v : Annotations.forTest(testClass, testMethod, SetVariant.class)) {
        serve(flags, v.flag(), v.variant(), "@SetVariant");
      }
      return flags;
    } catch (RuntimeException e) {
      flags.close();
      throw e;
    }
  }

  /**
   * Serves a variant to every context, as an operator's override.
   *
   * @param flags the client
   * @param flag the flag key
   * @param variant the variant
   * @param what the annotation, for the message
   * @throws ExtensionConfigurationException if the flag or the variant is unknown
   */
  public static void serve(Flags flags, String flag, String variant, String what) {
    try {
      flags.override(flag, variant);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          what + "(flag = \"" + flag + "\", variant = \"" + variant + "\"): " + e.getMessage()
              + " (flags served: " + flags.flagKeys() + ")",
          e);
    }
  }

  /**
   * The variants a test template runs with: those the flag declares, or the ones asked for.
   *
   * @param testClass the test class
   * @param testMethod the test method
   * @param flag the flag key
   * @param only the variants asked for, or empty for all
   * @return the variant names, in order
   */
  public static List<String> variants(
      Class<?> testClass, Method testMethod, String flag, String[] only) {
    try (Flags flags = client(testClass, testMethod)) {
      FlagInfo info = flags.flagInfo(flag);
      if (info == null) {
        throw new ExtensionConfigurationException("@EachVariant(flag = \"" + flag
            + "\"): the test's documents have no such flag (flags: " + flags.flagKeys() + ")");
      }
      if (only.length == 0) {
        return info.variants();
      }
      List<String> out = new ArrayList<>();
      for (String v : only) {
        if (!info.variants().contains(v)) {
          throw new ExtensionConfigurationException("@EachVariant(flag = \"" + flag + "\"): '" + v
              + "' is not a declared variant (declared: " + info.variants() + ")");
        }
        out.add(v);
      }
      return out;
    }
  }

  /** The top layer: every typed value annotation, the nearest winning for each flag. */
  private static String valueFlags(Class<?> testClass, Method testMethod) {
    Map<String, TestFlag> flags = new LinkedHashMap<>();
    for (AnnotatedElement element : Annotations.elements(testClass, testMethod)) {
      for (SetBooleanFlag b : Annotations.declared(element, SetBooleanFlag.class)) {
        put(
            flags,
            b.value() ? TestFlags.flag(b.flag()).on() : TestFlags.flag(b.flag()).off());
      }
      for (SetStringFlag s : Annotations.declared(element, SetStringFlag.class)) {
        put(flags, TestFlags.flag(s.flag()).value(s.value()));
      }
      for (SetNumberFlag n : Annotations.declared(element, SetNumberFlag.class)) {
        put(flags, TestFlags.flag(n.flag()).value(n.value()));
      }
    }
    return TestFlags.document(flags.values().toArray(new TestFlag[0]));
  }

  private static void put(Map<String, TestFlag> flags, TestFlag flag) {
    flags.remove(flag.key()); // re-inserted last: the nearest annotation wins
    flags.put(flag.key(), flag);
  }

  private static byte[] read(Class<?> testClass, String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = testClass.getClassLoader();
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new ExtensionConfigurationException("@FlagsDocument(\"" + resource
            + "\"): no such class path resource (looked up with the class loader of "
            + testClass.getName() + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("@FlagsDocument(\"" + resource + "\"): cannot read it", e);
    }
  }
}
