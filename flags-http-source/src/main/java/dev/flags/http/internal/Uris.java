package dev.flags.http.internal;

import java.net.URI;
import java.util.Locale;

/** URLs as they may be shown: in names, logs, status and exception messages. */
public final class Uris {
  private Uris() {}

  /**
   * Checks that a URL can be polled.
   *
   * @param uri the URL
   * @return the URL
   * @throws IllegalArgumentException if it is not {@code http} or {@code https}, or names no host
   */
  public static URI requireHttp(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL must be http or https but was " + redact(uri));
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URL must name a host but was " + redact(uri));
    }
    return uri;
  }

  /**
   * Returns the URL without user info or query, which may carry credentials.
   *
   * @param uri the URL
   * @return e.g. {@code https://cdn.example.com/flags.json?...}
   */
  public static String redact(URI uri) {
    StringBuilder s = new StringBuilder();
    if (uri.getScheme() != null) {
      s.append(uri.getScheme()).append(':');
    }
    if (uri.isOpaque()) {
      return s.append("...").toString();
    }
    if (uri.getHost() != null) {
      s.append("//").append(uri.getHost());
      if (uri.getPort() >= 0) {
        s.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      s.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      s.append("?...");
    }
    return s.toString();
  }
}
