package dev.flags.http.internal;

import java.net.http.HttpRequest;
import java.util.Locale;

/** Checks the headers a caller adds to every request, at build time rather than at each poll. */
public final class RequestHeaders {
  private RequestHeaders() {}

  /**
   * Checks a header. The value never appears in the exception's message.
   *
   * @param name the header name
   * @param value the value
   * @throws IllegalArgumentException if the source sets the header itself, java.net.http
   *     restricts it, or the name or value is invalid
   */
  public static void check(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("if-none-match")
        || lower.equals("if-modified-since")
        || lower.equals("accept-encoding")
        || lower.equals("last-event-id")) {
      throw new IllegalArgumentException("header " + name + " is set by the source itself");
    }
    // Refuse here what java.net.http would refuse at every poll. The value is never echoed.
    try {
      HttpRequest.newBuilder().header(name, "x");
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(
          why.contains("restricted")
              ? "header " + name + " cannot be set: restricted by java.net.http"
              : "invalid header '" + name + "': not a valid header name");
    }
    try {
      HttpRequest.newBuilder().header(name, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid header '" + name
          + "': its value has characters not allowed in a header (value not shown)");
    }
  }
}
