package dev.flags.spring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flag document server on loopback (the JDK's HttpServer): serves {@code /flags.json} with the
 * status and body set last, and remembers the headers of the latest request.
 */
final class TestFlagServer implements AutoCloseable {
  private final HttpServer server;
  private volatile int status = 200;
  private volatile String body = "";
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, List<String>> lastHeaders = new ConcurrentHashMap<>();

  TestFlagServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/flags.json", exchange -> {
      lastHeaders.clear();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> lastHeaders.put(k.toLowerCase(java.util.Locale.ROOT), v));
      requests.incrementAndGet();
      int s = status;
      byte[] bytes = (s == 200 ? body : "unavailable").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(s, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  /** Serves this document with 200. */
  TestFlagServer serve(String document) {
    this.body = document;
    this.status = 200;
    return this;
  }

  /** Answers every request with this status (e.g. 503). */
  TestFlagServer fail(int status) {
    this.status = status;
    return this;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/flags.json");
  }

  int requests() {
    return requests.get();
  }

  /** A header of the latest request, or null. */
  String lastHeader(String name) {
    List<String> v = lastHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null ? null : v.get(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
