package dev.flags.internal.runtime;

import dev.flags.ErrorInfo;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** What one source is given: its deliveries and reports go to its layer in the controller. */
final class LayerContext implements SourceContext {
  private final Controller controller;
  private final SourceLayer layer;
  /** This source's own scheduler, created when it first asks for one. */
  private @Nullable ScheduledExecutorService scheduler;

  LayerContext(Controller controller, SourceLayer layer) {
    this.controller = controller;
    this.layer = layer;
  }

  @Override
  public LoadResult update(byte[] document) {
    // No copy: the layer keeps a compressed copy, made before this call returns.
    return controller.update(layer, Objects.requireNonNull(document, "document"), null, false);
  }

  @Override
  public LoadResult updateStale(byte[] document, String note) {
    return controller.update(
        layer,
        Objects.requireNonNull(document, "document"),
        Objects.requireNonNull(note, "note"),
        false);
  }

  @Override
  public void unchanged() {
    controller.unchanged(layer);
  }

  @Override
  public void clear() {
    controller.clear(layer);
  }

  @Override
  public void failed(ErrorInfo error) {
    controller.failed(layer, Objects.requireNonNull(error, "error"));
  }

  @Override
  public void note(@Nullable String note) {
    controller.note(layer, note);
  }

  @Override
  public Clock clock() {
    return controller.clock();
  }

  @Override
  public synchronized ScheduledExecutorService scheduler() {
    ScheduledExecutorService s = scheduler;
    if (s == null) {
      s = controller.sourceScheduler();
      scheduler = s;
    }
    return s;
  }

  @Override
  public int maxDocumentBytes() {
    return controller.maxDocumentBytes();
  }

  @Override
  public String toString() {
    return "SourceContext{" + layer.name + "}";
  }
}
