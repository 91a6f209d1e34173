package dev.flags.spring;

import dev.flags.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a request's {@link Context}: the key is the authenticated principal's name, else the
 * value of {@code flags.request-context.key-header}, else {@code
 * flags.request-context.anonymous-key}; attributes come from the headers and request attributes
 * named in {@code flags.request-context.headers} and {@code .attributes}, then from the
 * application's {@link RequestContextCustomizer}s.
 *
 * @since 0.1.0
 */
public final class RequestContextFactory {
  private final FlagsProperties.RequestContext settings;
  private final List<RequestContextCustomizer> customizers;

  /**
   * A factory.
   *
   * @param settings the {@code flags.request-context} properties
   * @param customizers the application's customizers, in order
   */
  public RequestContextFactory(
      FlagsProperties.RequestContext settings, List<RequestContextCustomizer> customizers) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.customizers = List.copyOf(customizers);
  }

  /**
   * Builds the context of a request.
   *
   * @param request the request (as the application's code sees it, after security filters)
   * @return the context
   */
  public Context create(HttpServletRequest request) {
    Context.Builder b = Context.newBuilder(key(request));
    for (Map.Entry<String, String> h : settings.getHeaders().entrySet()) {
      String value = request.getHeader(h.getValue());
      if (value != null) {
        b.set(h.getKey(), value);
      }
    }
    for (Map.Entry<String, String> a : settings.getAttributes().entrySet()) {
      set(b, a.getKey(), request.getAttribute(a.getValue()));
    }
    for (RequestContextCustomizer c : customizers) {
      c.customize(request, b);
    }
    return b.build();
  }

  private String key(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal != null && principal.getName() != null && !principal.getName().isEmpty()) {
      return principal.getName();
    }
    String header = settings.getKeyHeader();
    if (header != null) {
      String value = request.getHeader(header);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return settings.getAnonymousKey();
  }

  /** Takes the value types a context holds; other types are left out. */
  private static void set(
      Context.Builder b, String name, @org.jspecify.annotations.Nullable Object value) {
    if (value instanceof String s) {
      b.set(name, s);
    } else if (value instanceof Boolean bool) {
      b.set(name, bool.booleanValue());
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      b.set(name, ((Number) value).longValue());
    } else if (value instanceof Number n) {
      b.set(name, n.doubleValue());
    } else if (value instanceof Collection<?> c) {
      List<String> values = new ArrayList<>(c.size());
      for (Object o : c) {
        values.add(String.valueOf(o));
      }
      b.set(name, values);
    } else if (value instanceof Enum<?> e) {
      b.set(name, e.name());
    }
  }
}
