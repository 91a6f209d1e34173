package dev.flags.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare TCP server for transport faults the JDK HTTP server cannot produce: every connection
 * gets its request head read, then the scripted bytes, then the scripted end (FIN or reset).
 */
final class RawServer implements AutoCloseable {
  /** What to do with one connection after the request head was read. */
  @FunctionalInterface
  interface Script {
    void run(Socket socket, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Script script;

  RawServer(Script script) {
    this.script = script;
    try {
      this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.acceptor = new Thread(this::acceptLoop, "test-raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/flags.json");
  }

  int connections() {
    return connections.get();
  }

  void script(Script next) {
    this.script = next;
  }

  /** A response head with Content-Length, followed by the first {@code sent} body bytes. */
  static byte[] partial(byte[] body, int sent) {
    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body, 0, sent);
    return out.toByteArray();
  }

  /** Ends the connection with a TCP reset instead of a FIN. */
  static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException closed) {
        return;
      }
      connections.incrementAndGet();
      Thread t = new Thread(() -> serve(s), "test-raw-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      readHead(s.getInputStream());
      script.run(s, s.getOutputStream());
    } catch (SocketException | InterruptedException ignored) {
      // the client went away, or the test ended
    } catch (IOException e) {
      // not the behaviour under test
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
    acceptor.interrupt();
  }
}
