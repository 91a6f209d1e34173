package dev.flags;

import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A source the test drives by hand: it delivers nothing by itself (unless given an initial
 * document) and reports what the test tells it to. Owns no thread.
 */
public final class TestSource implements FlagSource {
  private final String name;
  private final @Nullable String initial;
  private volatile @Nullable SourceContext context;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestSource(String name, @Nullable String initial) {
    this.name = name;
    this.initial = initial;
  }

  /** A source that never delivers until told to. */
  public static TestSource silent(String name) {
    return new TestSource(name, null);
  }

  /** A source that delivers {@code json} when started. */
  public static TestSource startingWith(String name, String json) {
    return new TestSource(name, json);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(SourceContext context) {
    this.context = context;
    if (initial != null) {
      context.update(initial.getBytes(StandardCharsets.UTF_8));
    }
  }

  public SourceContext context() {
    return Objects.requireNonNull(context, "not started");
  }

  public LoadResult deliver(String json) {
    return context().update(json.getBytes(StandardCharsets.UTF_8));
  }

  public LoadResult deliverStale(String json, String note) {
    return context().updateStale(json.getBytes(StandardCharsets.UTF_8), note);
  }

  public void fail(ErrorInfo.Kind kind, String message) {
    SourceContext c = context();
    c.failed(ErrorInfo.of(kind, message, c.clock().instant()));
  }

  public void unchanged() {
    context().unchanged();
  }

  public void clear() {
    context().clear();
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
