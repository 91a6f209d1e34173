package dev.flags.http;

import dev.flags.testsupport.Await;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An event stream served through a {@link TestServer}: each connection gets a 200 {@code
 * text/event-stream} with what the test sends while it is the latest connection, until the test
 * ends it (or the server closes). A connection opened after {@link #heartbeats} sends a comment
 * line whenever it has sent nothing for that long, from its first byte on, as a relay does. Every
 * connection's request is kept, headers included.
 */
final class SseFeed {
  /** One connection: its request, and what the test still has to send on it. */
  record Connection(TestServer.Request request, BlockingQueue<byte[]> queue) {}

  /** Queued to end a connection: the handler returns and the server ends the response. */
  private static final byte[] END = new byte[0];

  private static final byte[] HEARTBEAT = ":\n".getBytes(StandardCharsets.UTF_8);

  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  /** The heartbeat interval of connections opened from now on, or null for none. */
  private volatile @Nullable Duration heartbeat;

  /**
   * Connections opened from now on send a heartbeat (a comment line) whenever they have sent
   * nothing for this long; those already open keep what they had.
   */
  void heartbeats(Duration every) {
    heartbeat = every;
  }

  /** Answers with the stream, sending {@code greeting} at once (a comment, say). */
  TestServer.Handler handler(String greeting) {
    return (ex, r) -> {
      Duration beat = heartbeat; // as it is when this connection opens
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, 0); // chunked: the stream has no length
      Connection c = new Connection(r, new LinkedBlockingQueue<>());
      OutputStream out = ex.getResponseBody();
      out.write(greeting.getBytes(StandardCharsets.UTF_8));
      out.flush();
      connections.add(c);
      while (true) {
        // The server's close() interrupts the wait.
        byte[] next =
            beat == null ? c.queue().take() : c.queue().poll(beat.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
          next = HEARTBEAT;
        } else if (next == END) {
          out.close();
          return;
        }
        out.write(next);
        out.flush();
      }
    };
  }

  /** Sends this text on the latest connection. */
  void send(String text) {
    latest().queue().add(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends these bytes on the latest connection. */
  void send(byte[] bytes) {
    latest().queue().add(bytes);
  }

  /** Ends the latest connection. */
  void end() {
    latest().queue().add(END);
  }

  int connections() {
    return connections.size();
  }

  Connection connection(int index) {
    return connections.get(index);
  }

  /** Waits until {@code n} connections have been opened, and returns the n-th. */
  Connection awaitConnection(int n) {
    Await.until("connection " + n + " to the event stream", () -> connections.size() >= n);
    return connections.get(n - 1);
  }

  private Connection latest() {
    return awaitConnection(Math.max(1, connections.size()));
  }
}
