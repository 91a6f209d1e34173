package dev.flags.sources;

import dev.flags.ErrorInfo;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
  private final @Nullable Class<?> anchor;
  private final MethodHandles.@Nullable Lookup lookup;

  private ClasspathSource(
      String resource,
      @Nullable ClassLoader classLoader,
      @Nullable Class<?> anchor,
      MethodHandles.@Nullable Lookup lookup) {
    this.resource = resource.startsWith("/") ? resource.substring(1) : resource;
    this.classLoader = classLoader;
    this.anchor = anchor;
    this.lookup = lookup;
  }

  /**
   * A source for a resource on the thread context class loader (or this library's loader).
   *
   * @param resource the resource name, e.g. {@code "flags/defaults.json"}
   * @return the source
   */
  public static ClasspathSource of(String resource) {
    return new ClasspathSource(Objects.requireNonNull(resource, "resource"), null, null, null);
  }

  /**
   * A source for a resource of the application that {@code anchor} belongs to. On the class path
   * it is read from the anchor's class loader. In a named module (JPMS) it is read from the
   * anchor's module, which JPMS allows for resources outside the module's packages (for example
   * under {@code META-INF/}) and for packages the module {@code opens} to {@code dev.flags}; a
   * resource in an encapsulated package ({@code flags/defaults.json} makes {@code flags} a
   * package of the module) is not found, and the source's status says which {@code opens} line
   * would allow it. {@link #of(MethodHandles.Lookup, String)} needs no {@code opens}.
   *
   * <pre>{@code
   * ClasspathSource.of(MyApp.class, "META-INF/flags/defaults.json")
   * }</pre>
   *
   * @param anchor a class of the application, e.g. its main class
   * @param resource the resource name
   * @return the source
   */
  public static ClasspathSource of(Class<?> anchor, String resource) {
    return new ClasspathSource(
        Objects.requireNonNull(resource, "resource"),
        null,
        Objects.requireNonNull(anchor, "anchor"),
        null);
  }

  /**
   * A source for a resource of the application module that {@code lookup} belongs to, read with
   * that module's own access: in a named module (JPMS) it finds resources in the module's
   * encapsulated packages without any {@code opens}. Pass {@link MethodHandles#lookup()} from a
   * class of the application.
   *
   * <pre>{@code
   * ClasspathSource.of(MethodHandles.lookup(), "flags/defaults.json")
   * }</pre>
   *
   * @param lookup a lookup with full privilege, from a class of the application
   * @param resource the resource name, e.g. {@code "flags/defaults.json"}
   * @return the source
   * @throws IllegalArgumentException if the lookup does not have full privilege
   */
  public static ClasspathSource of(MethodHandles.Lookup lookup, String resource) {
    Objects.requireNonNull(lookup, "lookup");
    if (!lookup.hasFullPrivilegeAccess()) {
      throw new IllegalArgumentException("the lookup must have full privilege (use"
          + " MethodHandles.lookup() in a class of the application) but was " + lookup);
    }
    return new ClasspathSource(
        Objects.requireNonNull(resource, "resource"), null, lookup.lookupClass(), lookup);
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
        Objects.requireNonNull(classLoader, "classLoader"),
        null,
        null);
  }

  @Override
  public String name() {
    return "classpath:" + resource;
  }

  @Override
  public void start(SourceContext context) {
    try (InputStream in = open()) {
      if (in == null) {
        context.failed(
            ErrorInfo.of(ErrorInfo.Kind.NOT_FOUND, notFound(), context.clock().instant())
                .terminal()); // read once: nothing will change until the application is rebuilt
        return;
      }
      context.update(in.readAllBytes());
    } catch (IOException e) {
      context.failed(ErrorInfo.of(
              ErrorInfo.Kind.IO,
              "cannot read class path resource '" + resource + "': " + e.getMessage(),
              context.clock().instant())
          .terminal());
    }
  }

  private @Nullable InputStream open() throws IOException {
    Class<?> a = anchor;
    if (a != null) {
      Module m = a.getModule();
      MethodHandles.Lookup own = lookup;
      if (m.isNamed() && own != null) {
        return readAs(own, m);
      }
      if (m.isNamed()) {
        return m.getResourceAsStream(resource);
      }
      ClassLoader loader = a.getClassLoader();
      return loader != null
          ? loader.getResourceAsStream(resource)
          : ClassLoader.getSystemResourceAsStream(resource);
    }
    ClassLoader cl = classLoader;
    if (cl == null) {
      cl = Thread.currentThread().getContextClassLoader();
    }
    if (cl == null) {
      cl = ClasspathSource.class.getClassLoader();
    }
    return cl.getResourceAsStream(resource);
  }

  /**
   * Reads the resource with the application's access: {@code Module.getResourceAsStream} is
   * caller-sensitive, and a method handle found through the application's lookup calls it as the
   * application, which may read its own packages.
   */
  private @Nullable InputStream readAs(MethodHandles.Lookup l, Module m) throws IOException {
    try {
      MethodHandle get = l.findVirtual(
          Module.class,
          "getResourceAsStream",
          MethodType.methodType(InputStream.class, String.class));
      return (InputStream) get.invokeExact(m, resource);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) { // invokeExact declares Throwable; the method throws IOException only
      throw new IOException(t);
    }
  }

  /** Why the resource was not found, with what to do about it under JPMS. */
  String notFound() {
    Class<?> a = anchor;
    if (a != null && a.getModule().isNamed() && lookup == null) {
      Module m = a.getModule();
      int slash = resource.lastIndexOf('/');
      String pkg = slash < 0 ? "" : resource.substring(0, slash).replace('/', '.');
      if (m.getPackages().contains(pkg)) {
        return "no class path resource '" + resource + "' readable in module " + m.getName()
            + ": its package " + pkg + " is encapsulated; add 'opens " + pkg
            + " to dev.flags;' to the module's module-info, move the file under META-INF/, or"
            + " use ClasspathSource.of(MethodHandles.lookup(), \"" + resource + "\")";
      }
      return "no class path resource '" + resource + "' in module " + m.getName();
    }
    if (ClasspathSource.class.getModule().isNamed()) {
      return "no class path resource '" + resource + "'; in a named module, use"
          + " ClasspathSource.of(MethodHandles.lookup(), \"" + resource + "\") from a class of"
          + " the application, or open the resource's package to dev.flags";
    }
    return "no class path resource '" + resource + "'";
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ClasspathSource{" + resource + "}";
  }
}
