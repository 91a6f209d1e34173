package dev.flags.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flags.testsupport.Docs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A scriptable HTTP server on 127.0.0.1 (the JDK's {@code com.sun.net.httpserver}): each request
 * is recorded (path, headers, arrival time) and answered by the next scripted handler, or by the
 * default handler once the script is used up.
 */
final class TestServer implements AutoCloseable {
  /** One recorded request. */
  record Request(int index, String method, String path, Headers headers, long nanos) {
    @Nullable
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, Request request) throws Exception;
  }

  /** A document as served: body, validators and content type. A class: it holds an array. */
  static final class Entity {
    private final byte[] body;
    private final @Nullable String etag;
    private final @Nullable String lastModified;
    private final String contentType;
    private final boolean gzip;

    Entity(
        byte[] body,
        @Nullable String etag,
        @Nullable String lastModified,
        String contentType,
        boolean gzip) {
      this.body = body;
      this.etag = etag;
      this.lastModified = lastModified;
      this.contentType = contentType;
      this.gzip = gzip;
    }

    static Entity json(String body, @Nullable String etag) {
      return new Entity(Docs.bytes(body), etag, null, "application/json", false);
    }

    byte[] body() {
      return body;
    }

    @Nullable
    String etag() {
      return etag;
    }

    @Nullable
    String lastModified() {
      return lastModified;
    }

    String contentType() {
      return contentType;
    }

    boolean gzip() {
      return gzip;
    }
  }

  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Exchange attribute: the counter of body bytes sent. */
  private static final String BYTES = "test-server-bytes";

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Handler> script = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Handler> fallback = new AtomicReference<>(status(500));
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

  private TestServer(HttpServer server) {
    this.server = server;
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-http-server-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  static TestServer start() {
    return start(0);
  }

  /** Starts on this port of 127.0.0.1 (0: any free port). */
  static TestServer start(int port) {
    try {
      return new TestServer(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port on 127.0.0.1 that was free a moment ago (for a server that starts later). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI uri() {
    return uri("/flags.json");
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  /** Answers the next requests, one handler each, in order. */
  TestServer then(Handler... handlers) {
    script.addAll(List.of(handlers));
    return this;
  }

  /** Answers every request once the script is used up. */
  TestServer otherwise(Handler handler) {
    fallback.set(Objects.requireNonNull(handler));
    return this;
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  int requestCount() {
    return requests.size();
  }

  Request request(int index) {
    return requests.get(index);
  }

  Request last() {
    return requests.get(requests.size() - 1);
  }

  long bytesSent() {
    return bytesSent.get();
  }

  long notModifiedSent() {
    return notModified.get();
  }

  long okSent() {
    return ok.get();
  }

  /** The status answered to this request, or -1 if none was sent. */
  int status(Request request) {
    return statuses.getOrDefault(request.index(), -1);
  }

  /** Requests whose handler has returned (normally or not). */
  long handled() {
    return handled.get();
  }

  /** Releases handlers blocked in {@link #hang()}. */
  void release() {
    released.countDown();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    Request r = new Request(
        requests.size(),
        exchange.getRequestMethod(),
        exchange.getRequestURI().toString(),
        copy(exchange.getRequestHeaders()),
        System.nanoTime());
    requests.add(r);
    exchange.setAttribute(BYTES, bytesSent);
    Handler h = script.poll();
    if (h == null) {
      h = fallback.get();
    }
    try {
      h.handle(exchange, r);
      int code = exchange.getResponseCode();
      statuses.put(r.index(), code);
      if (code == 304) {
        notModified.incrementAndGet();
      } else if (code == 200) {
        ok.incrementAndGet();
      }
    } catch (Exception e) {
      // A handler that breaks the exchange on purpose ends up here too.
    } finally {
      exchange.close();
      handled.incrementAndGet();
    }
  }

  private static Headers copy(Headers h) {
    Headers c = new Headers();
    h.forEach((k, v) -> c.put(k, new ArrayList<>(v)));
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers

  /** An empty answer with this status and these header name/value pairs. */
  static Handler status(int code, String... headerPairs) {
    return (ex, r) -> {
      headers(ex, headerPairs);
      ex.sendResponseHeaders(code, -1);
    };
  }

  /** A 200 with this body, content type and header pairs (Content-Length set). */
  static Handler body(String contentType, byte[] body, String... headerPairs) {
    return (ex, r) -> {
      ex.getResponseHeaders().set("Content-Type", contentType);
      headers(ex, headerPairs);
      sendFixed(ex, 200, body);
    };
  }

  static Handler json(String document, String... headerPairs) {
    return body("application/json", Docs.bytes(document), headerPairs);
  }

  /** A 200 with chunked transfer encoding (no Content-Length). */
  static Handler chunked(String contentType, byte[] body) {
    return (ex, r) -> {
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < body.length; i += 512) {
          out.write(body, i, Math.min(512, body.length - i));
          out.flush();
        }
      }
    };
  }

  /**
   * Serves the current entity with conditional GET semantics: 304 when If-None-Match matches
   * the ETag (weakly) or If-Modified-Since equals Last-Modified; gzip when asked and enabled.
   */
  Handler conditional(Supplier<Entity> current) {
    return (ex, r) -> {
      Entity e = current.get();
      if (e.etag() != null) {
        ex.getResponseHeaders().set("ETag", e.etag());
      }
      if (e.lastModified() != null) {
        ex.getResponseHeaders().set("Last-Modified", e.lastModified());
      }
      String inm = r.header("If-None-Match");
      String ims = r.header("If-Modified-Since");
      boolean unchanged = inm != null
          ? e.etag() != null && weak(inm).equals(weak(e.etag()))
          : ims != null && ims.equals(e.lastModified());
      if (unchanged) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", e.contentType());
      byte[] body = e.body();
      String ae = r.header("Accept-Encoding");
      if (e.gzip() && ae != null && ae.contains("gzip")) {
        body = Docs.gzip(body);
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      sendFixed(ex, 200, body);
    };
  }

  /** Blocks until the test releases the server (or closes it), then answers 500. */
  Handler hang() {
    return (ex, r) -> {
      released.await(60, TimeUnit.SECONDS);
      ex.sendResponseHeaders(500, -1);
    };
  }

  /** Waits (bounded by the release latch), then delegates. */
  Handler delayed(Duration delay, Handler then) {
    return (ex, r) -> {
      released.await(delay.toMillis(), TimeUnit.MILLISECONDS);
      then.handle(ex, r);
    };
  }

  private static String weak(String etag) {
    return etag.startsWith("W/") ? etag.substring(2) : etag;
  }

  private static void sendFixed(HttpExchange ex, int code, byte[] body) throws IOException {
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
    Object counter = ex.getAttribute(BYTES);
    if (counter instanceof AtomicLong a) {
      a.addAndGet(body.length);
    }
  }

  private static void headers(HttpExchange ex, String... pairs) {
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      ex.getResponseHeaders().add(pairs[i], pairs[i + 1]);
    }
  }
}
