package dev.flags.spring;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.FlagSnapshot;
import dev.flags.Flags;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * One request's flags: its {@link Context} and one pinned {@link FlagSnapshot}, so that every
 * evaluation in the request sees the same document and operator state, whatever changes meanwhile.
 * The snapshot is pinned when the request enters {@link FlagsRequestFilter}; the context is built
 * on first use (after security filters have set the principal) and kept. Evaluations through it
 * take no lock and, once the context is built, allocate nothing.
 *
 * <pre>{@code
 * @GetMapping("/checkout")
 * String checkout(RequestFlags flags) {                 // a controller parameter
 *   return flags.isEnabled("new-checkout") ? newCheckout() : oldCheckout();
 * }
 *
 * boolean fastShipping = RequestFlags.current().isEnabled("fast-shipping");   // deeper down
 * }</pre>
 *
 * <p>{@link FlagsRequestFilter} attaches one to each servlet request (the starter registers it
 * unless {@code flags.request-context.enabled=false}). Thread-safe.
 *
 * @since 0.1.0
 */
public final class RequestFlags {
  /** The request attribute that holds a request's {@code RequestFlags}. */
  public static final String ATTRIBUTE = RequestFlags.class.getName();

  private final FlagSnapshot snapshot;
  private final RequestContextFactory contexts;
  private final HttpServletRequest request;
  /** Built on first use; a race builds two equal contexts from the same request, keeps one. */
  private volatile @Nullable Context context;

  RequestFlags(Flags flags, RequestContextFactory contexts, HttpServletRequest request) {
    this.snapshot = flags.snapshot();
    this.contexts = contexts;
    this.request = request;
  }

  /**
   * The flags of the request the current thread is handling.
   *
   * @return the request's flags
   * @throws IllegalStateException outside a request, or if {@link FlagsRequestFilter} did not run
   */
  public static RequestFlags current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes == null) {
      throw new IllegalStateException(
          "RequestFlags.current() called outside a request (no request bound to this thread)");
    }
    Object found = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (found instanceof RequestFlags r) {
      return r;
    }
    throw notFiltered();
  }

  /**
   * The flags of a request.
   *
   * @param request the request
   * @return the request's flags
   * @throws IllegalStateException if {@link FlagsRequestFilter} did not run for the request
   */
  public static RequestFlags of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof RequestFlags r) {
      return r;
    }
    throw notFiltered();
  }

  private static IllegalStateException notFiltered() {
    return new IllegalStateException("no RequestFlags for this request: FlagsRequestFilter did not"
        + " run (flags.request-context.enabled=false, or not a servlet request)");
  }

  /**
   * The request's context, built on first use.
   *
   * @return the context
   */
  public Context context() {
    Context c = context;
    if (c == null) {
      c = contexts.create(request);
      context = c;
    }
    return c;
  }

  /**
   * The request's pinned snapshot.
   *
   * @return the snapshot
   */
  public FlagSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Whether a boolean flag is on for this request.
   *
   * @param flagKey the flag key
   * @return the flag's value; false if unknown, not boolean, or on any error
   */
  public boolean isEnabled(String flagKey) {
    return snapshot.isEnabled(Objects.requireNonNull(flagKey, "flagKey"), context());
  }

  /**
   * A string flag's value for this request.
   *
   * @param flagKey the flag key
   * @param defaultValue what to return on any error
   * @return the value
   */
  public String getString(String flagKey, String defaultValue) {
    return snapshot.getString(flagKey, context(), defaultValue);
  }

  /**
   * A flag's full evaluation for this request: value, variant, reason.
   *
   * @param flagKey the flag key
   * @return the evaluation
   */
  public Evaluation evaluate(String flagKey) {
    return snapshot.evaluate(flagKey, context());
  }

  /**
   * The version of the pinned snapshot.
   *
   * @return the version
   */
  public String version() {
    return snapshot.version();
  }

  @Override
  public String toString() {
    return "RequestFlags{" + snapshot.version() + "}";
  }
}
