package dev.flags.sources;

import dev.flags.ErrorInfo;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A document shipped as a class path resource, read once at start: bootstrap defaults in the
 * application jar, usually the lowest layer under a remote source.
 *
 * <pre>{@code
 * Flags flags = Flags.newBuilder()
 *     .source(ClasspathSource.of("flags/defaults.json"))   // lowest precedence
 *     .source(httpSource)                                  // overrides the defaults flag by flag
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ClasspathSource implements FlagSource {
  private final String resource;
  private final @Nullable ClassLoader classLoader;

  private ClasspathSource(String resource, @Nullable ClassLoader classLoader) {
    this.resource = resource.startsWith("/") ? resource.substring(1) : resource;
    this.classLoader = classLoader;
  }

  /**
   * A source for a resource on the thread context class loader (or this library's loader).
   *
   * @param resource the resource name, e.g. {@code "flags/defaults.json"}
   * @return the source
   */
  public static ClasspathSource of(String resource) {
    return new ClasspathSource(Objects.requireNonNull(resource, "resource"), null);
  }

  /**
   * A source for a resource on a given class loader.
   *
   * @param resource the resource name
   * @param classLoader where to look
   * @return the source
   */
  public static ClasspathSource of(String resource, ClassLoader classLoader) {
    return new ClasspathSource(
        Objects.requireNonNull(resource, "resource"),
        Objects.requireNonNull(classLoader, "classLoader"));
  }

  @Override
  public String name() {
    return "classpath:" + resource;
  }

  @Override
  public void start(SourceContext context) {
    ClassLoader cl = classLoader;
    if (cl == null) {
      cl = Thread.currentThread().getContextClassLoader();
    }
    if (cl == null) {
      cl = ClasspathSource.class.getClassLoader();
    }
    try (InputStream in = cl.getResourceAsStream(resource)) {
      if (in == null) {
        context.failed(ErrorInfo.of(
            ErrorInfo.Kind.NOT_FOUND,
            "no class path resource '" + resource + "'",
            context.clock().instant()));
        return;
      }
      context.update(in.readAllBytes());
    } catch (IOException e) {
      context.failed(ErrorInfo.of(
          ErrorInfo.Kind.IO,
          "cannot read class path resource '" + resource + "': " + e.getMessage(),
          context.clock().instant()));
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ClasspathSource{" + resource + "}";
  }
}
