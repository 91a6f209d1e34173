package dev.flags.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The source's redirect policy (its HTTP client follows none): which redirects are followed, where
 * to, and which headers go along. At most {@link #MAX_REDIRECTS} per poll; relative {@code
 * Location}s resolve against the URL that answered; never from https to http, nor to a scheme
 * other than http(s). Credentials ({@code Authorization}, {@code Proxy-Authorization}, {@code
 * Cookie} and the headers marked sensitive) are sent only to the origin (scheme, host and port) of
 * the configured URL.
 */
public final class Redirects {
  /** The most redirects followed in one poll. */
  public static final int MAX_REDIRECTS = 5;

  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "proxy-authorization", "cookie");

  private Redirects() {}

  /** What to do with a redirect. */
  public sealed interface Decision {
    /**
     * Follow it.
     *
     * @param uri where to
     */
    record Follow(URI uri) implements Decision {}

    /**
     * Do not follow it: the poll fails.
     *
     * @param reason why, naming the URLs (redacted)
     */
    record Refuse(String reason) implements Decision {}
  }

  /**
   * Returns whether a status code is a redirect the source follows when it has a {@code
   * Location}.
   *
   * @param code the status code
   * @return true for 301, 302, 303, 307 and 308
   */
  public static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /**
   * Decides whether to follow a redirect.
   *
   * @param from the URL that answered with the redirect
   * @param location its {@code Location} header, absolute or relative
   * @param followed the redirects already followed in this poll
   * @return where to go, or why not
   */
  public static Decision next(URI from, String location, int followed) {
    if (followed >= MAX_REDIRECTS) {
      return new Decision.Refuse("too many redirects (more than " + MAX_REDIRECTS
          + "), the last from " + Uris.redact(from));
    }
    URI to;
    try {
      String resolved = from.resolve(new URI(location.trim())).toString();
      int fragment = resolved.indexOf('#'); // the fragment is the client's business, never sent
      to = new URI(fragment < 0 ? resolved : resolved.substring(0, fragment));
    } catch (URISyntaxException | IllegalArgumentException e) {
      // The Location is not shown: it may carry a signed query string.
      return new Decision.Refuse("redirect from " + Uris.redact(from) + " has an invalid Location");
    }
    String scheme = scheme(to);
    if ((!scheme.equals("http") && !scheme.equals("https")) || to.getHost() == null) {
      return new Decision.Refuse("redirect from " + Uris.redact(from)
          + " to a URL that is not http or https refused: " + Uris.redact(to));
    }
    if (scheme(from).equals("https") && scheme.equals("http")) {
      return new Decision.Refuse(
          "redirect from https to http refused: " + Uris.redact(from) + " -> " + Uris.redact(to));
    }
    return new Decision.Follow(to);
  }

  /**
   * Returns whether two URLs have the same origin: scheme, host and port (default ports count).
   *
   * @param a a URL
   * @param b another URL
   * @return true if the origin is the same
   */
  public static boolean sameOrigin(URI a, URI b) {
    String host = a.getHost();
    return scheme(a).equals(scheme(b))
        && host != null
        && host.equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  /**
   * Returns whether a header is a credential, never sent to another origin.
   *
   * @param name the header name
   * @param marked the lower-case names of the headers marked sensitive
   * @return true for {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and the
   *     marked headers
   */
  public static boolean isCredential(String name, Set<String> marked) {
    String lower = name.toLowerCase(Locale.ROOT);
    return CREDENTIALS.contains(lower) || marked.contains(lower);
  }

  /**
   * Returns the host and port a request to this URL connects to, e.g. {@code
   * cdn.example.com:443}.
   *
   * @param uri an http(s) URL
   * @return host and port
   */
  public static String hostAndPort(URI uri) {
    return uri.getHost() + ":" + port(uri);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return scheme(uri).equals("https") ? 443 : 80;
  }

  private static String scheme(URI uri) {
    String s = uri.getScheme();
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
