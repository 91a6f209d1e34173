package dev.flags.http.internal;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads one connection's event stream (the WHATWG HTML "server-sent events" format) into what the
 * source needs: that an event arrived, its type and the last event ID, the server's reconnection
 * time and heartbeats. An event's data is never kept: the source fetches the document instead.
 *
 * <ul>
 *   <li>A blank line dispatches the event being built, if it has a {@code data} field (an event
 *       without data is dropped, as the format says).
 *   <li>{@code event} sets its type ({@code message} when none); {@code id} sets the last event ID
 *       when the event ends (at its blank line, data or not), which lasts across events and,
 *       through {@link #lastEventId()}, across connections; an ID with a NUL is ignored. {@code
 *       retry} with only digits sets the reconnection time; other values are ignored.
 *   <li>A line starting with a colon is a comment: servers send them as heartbeats.
 *   <li>Other field names are ignored if they are tokens (letters, digits, {@code -} and {@code
 *       _}), left for extensions. Anything else (an HTML or JSON body sent as an event stream) is
 *       not an event stream: {@link SseException}, like a line over the limit or not UTF-8.
 * </ul>
 *
 * <p>Pure: no threads, no I/O; not thread-safe.
 */
public final class SseParser {
  /** Receives what the stream says. */
  public interface Listener {
    /**
     * An event was dispatched.
     *
     * @param type its type, {@code message} by default
     * @param lastEventId the last event ID, empty when none
     */
    void event(String type, String lastEventId);

    /**
     * The server set the reconnection time.
     *
     * @param millis the time in milliseconds ({@link Long#MAX_VALUE} when too large to hold)
     */
    void retry(long millis);

    /** A comment line: a heartbeat. */
    void comment();
  }

  private static final int SHOWN = 40;

  private final SseLines lines;
  private String lastEventId;
  /** The ID of the event being built: it becomes the last event ID when the event ends. */
  private String idBuffer;

  private String type = "";
  private boolean hasData;

  /**
   * A parser for one connection.
   *
   * @param maxLineBytes the longest line accepted, in bytes
   * @param lastEventId the last event ID from an earlier connection, or null
   */
  public SseParser(int maxLineBytes, @Nullable String lastEventId) {
    this.lines = new SseLines(maxLineBytes);
    this.lastEventId = lastEventId == null ? "" : lastEventId;
    this.idBuffer = this.lastEventId;
  }

  /**
   * Feeds the next bytes of the stream; what they complete goes to the listener.
   *
   * @param bytes the bytes, read to their end
   * @param listener where events go
   * @throws SseException if the bytes are not an event stream
   */
  public void feed(ByteBuffer bytes, Listener listener) throws SseException {
    lines.feed(bytes, (line, number) -> line(line, number, listener));
  }

  /**
   * Returns the last event ID: the value of the last {@code id} field, empty if none.
   *
   * @return the ID, to send as {@code Last-Event-ID} when not empty
   */
  public String lastEventId() {
    return lastEventId;
  }

  private void line(String line, long number, Listener listener) throws SseException {
    if (line.isEmpty()) {
      dispatch(listener);
      return;
    }
    if (line.charAt(0) == ':') {
      listener.comment();
      return;
    }
    int colon = line.indexOf(':');
    String name = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (name) {
      case "event" -> type = value;
      case "data" -> hasData = true;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          idBuffer = value;
        }
      }
      case "retry" -> {
        if (isDigits(value)) {
          listener.retry(millis(value));
        }
      }
      default -> {
        if (!isToken(name)) {
          throw new SseException(
              "line " + number + " is not an event stream field: '" + shown(line) + "'");
        }
      }
    }
  }

  private void dispatch(Listener listener) {
    lastEventId = idBuffer; // even without data, as the format says
    if (hasData) {
      listener.event(type.isEmpty() ? "message" : type, lastEventId);
    }
    type = "";
    hasData = false;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static long millis(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooLarge) {
      return Long.MAX_VALUE;
    }
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The start of a line, with control characters escaped, for a message. */
  private static String shown(String line) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < line.length() && i < SHOWN; i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return line.length() > SHOWN ? s + "..." : s.toString();
  }
}
