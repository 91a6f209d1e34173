package dev.flags.spring;

import dev.flags.Flags;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Attaches a {@link RequestFlags} to each request (attribute {@link RequestFlags#ATTRIBUTE}),
 * pinning the snapshot served when the request comes in. Costs two small objects per request (the
 * holder and the pinned snapshot's handle); the context is built only when the application uses
 * it, after security filters have set the principal. Registered by the starter after Spring
 * Security's filters.
 *
 * @since 0.1.0
 */
public final class FlagsRequestFilter extends OncePerRequestFilter {
  private final Flags flags;
  private final RequestContextFactory contexts;

  /**
   * A filter.
   *
   * @param flags the client
   * @param contexts how requests become contexts
   */
  public FlagsRequestFilter(Flags flags, RequestContextFactory contexts) {
    this.flags = Objects.requireNonNull(flags, "flags");
    this.contexts = Objects.requireNonNull(contexts, "contexts");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    request.setAttribute(RequestFlags.ATTRIBUTE, new RequestFlags(flags, contexts, request));
    // Left on the request for its async and error dispatches, which this filter skips.
    chain.doFilter(request, response);
  }
}
