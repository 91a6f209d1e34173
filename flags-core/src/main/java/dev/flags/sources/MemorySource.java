package dev.flags.sources;

import dev.flags.Problem;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A source whose document is set in code: for tests, and for defaults defined by the application.
 * {@link #update(String)} delivers a new document to the client at once. Thread-safe.
 *
 * <pre>{@code
 * MemorySource flagsInTest = MemorySource.of(json);
 * Flags flags = Flags.newBuilder().source(flagsInTest).build();
 * flagsInTest.update(otherJson);   // swapped in before update returns
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MemorySource implements FlagSource {
  private final String name;
  private byte @Nullable [] pending;
  private @Nullable SourceContext context;
  private @Nullable LoadResult lastResult;
  private boolean closed;

  private MemorySource(String name, byte @Nullable [] document) {
    this.name = name;
    this.pending = document;
  }

  /**
   * A source that starts with this document.
   *
   * @param json the document
   * @return the source
   */
  public static MemorySource of(String json) {
    return new MemorySource(
        "memory", Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A source that starts with this document, under a name shown in status and audit lines.
   *
   * @param name the source name
   * @param json the document
   * @return the source
   */
  public static MemorySource of(String name, String json) {
    return new MemorySource(
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A source that starts with this document, given as UTF-8 bytes (copied).
   *
   * @param name the source name
   * @param document the document
   * @return the source
   */
  public static MemorySource of(String name, byte[] document) {
    return new MemorySource(
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(document, "document").clone());
  }

  /**
   * A source with no document until {@link #update} is called; its layer contributes nothing.
   *
   * @param name the source name
   * @return the source
   */
  public static MemorySource empty(String name) {
    return new MemorySource(Objects.requireNonNull(name, "name"), null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start(SourceContext context) {
    this.context = context;
    byte[] doc = pending;
    pending = null;
    if (doc != null) {
      lastResult = context.update(doc);
    } else {
      context.clear();
    }
  }

  /**
   * Delivers a new document. Before the client starts, it replaces the initial document and is
   * delivered when the client starts; the result then says so (not accepted, with one problem
   * {@code "not started: ..."}). After the client closed, the document is rejected.
   *
   * @param json the document
   * @return whether the client accepted it
   */
  public LoadResult update(String json) {
    return deliver(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * Delivers a new document as UTF-8 bytes. The array is read during this call only (before the
   * client starts, this source keeps a copy), so the caller may reuse it afterwards.
   *
   * @param document the document
   * @return whether the client accepted it
   */
  public LoadResult update(byte[] document) {
    return deliver(Objects.requireNonNull(document, "document"), true);
  }

  /** Delivers bytes; {@code callers} if the caller may change them once this returns. */
  private synchronized LoadResult deliver(byte[] document, boolean callers) {
    if (closed) {
      return LoadResult.rejected(
          null, List.of(Problem.of("$", "source " + name + " is closed: its client was closed")));
    }
    SourceContext c = context;
    if (c == null) {
      pending = callers ? document.clone() : document;
      return LoadResult.rejected(
          null,
          List.of(Problem.of(
              "$", "not started: the document will be delivered when the client" + " starts")));
    }
    LoadResult r = c.update(document);
    lastResult = r;
    return r;
  }

  /**
   * What the client did with the last document this source delivered.
   *
   * @return the result, or null if nothing was delivered yet
   */
  public synchronized @Nullable LoadResult lastResult() {
    return lastResult;
  }

  /** Removes this source's document: its layer contributes nothing until the next update. */
  public synchronized void clear() {
    SourceContext c = context;
    if (closed) {
      return;
    }
    if (c == null) {
      pending = null;
    } else {
      c.clear();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    context = null;
  }

  @Override
  public String toString() {
    return "MemorySource{" + name + "}";
  }
}
