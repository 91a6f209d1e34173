package dev.flags.openfeature;

import dev.flags.ErrorInfo;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A source the test drives: silent until told to deliver a document, serve one as stale, or fail
 * (a remote origin that is down, then comes back).
 */
final class ControlledSource implements FlagSource {
  private volatile SourceContext context;

  @Override
  public String name() {
    return "remote";
  }

  @Override
  public void start(SourceContext context) {
    this.context = context;
  }

  LoadResult deliver(String json) {
    return context.update(json.getBytes(StandardCharsets.UTF_8));
  }

  LoadResult deliverStale(String json) {
    return context.updateStale(
        json.getBytes(StandardCharsets.UTF_8), "origin down; serving the cached copy");
  }

  void fail() {
    context.failed(ErrorInfo.of(ErrorInfo.Kind.NETWORK, "connection refused", Instant.now()));
  }

  @Override
  public void close() {}
}
