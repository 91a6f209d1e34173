package dev.flags.cli;

import dev.flags.DocumentLimits;
import dev.flags.ErrorInfo;
import dev.flags.Problem;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.document.DocumentResult;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A source that reports each rejected document with every problem, then delivers it as usual (so
 * the client's status says what it says for any rejection, and what is served does not change).
 * The client's status keeps only a summary of a rejection; this sees the bytes, validates them the
 * way the client will (one layer, default limits) and reports before delivering, so the rejection
 * is printed before the status change it causes.
 */
final class ReportingSource implements FlagSource {
  private final FlagSource delegate;
  private final BiConsumer<@Nullable String, List<Problem>> onRejected;
  private final DocumentLoader loader = new DocumentLoader(DocumentLimits.defaults());

  /**
   * Wraps a source.
   *
   * @param delegate the source
   * @param onRejected called with the version (if it could be read) and every problem
   */
  ReportingSource(FlagSource delegate, BiConsumer<@Nullable String, List<Problem>> onRejected) {
    this.delegate = delegate;
    this.onRejected = onRejected;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void start(SourceContext context) {
    delegate.start(new Reporting(context));
  }

  @Override
  public void refresh() {
    delegate.refresh();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Reports a rejection found before delivery, or one the client found anyway. */
  private LoadResult deliver(byte[] document, java.util.function.Function<byte[], LoadResult> to) {
    DocumentResult<ParsedDocument> read = loader.readAndValidate(document);
    DocumentResult<FlagDocument> checked = read instanceof DocumentResult.Ok<ParsedDocument> ok
        ? loader.validate(ok.value())
        : ((DocumentResult.Rejected<ParsedDocument>) read).cast();
    boolean reported = false;
    if (checked instanceof DocumentResult.Rejected<FlagDocument> r) {
      onRejected.accept(r.version(), r.problems());
      reported = true;
    }
    LoadResult result = to.apply(document);
    if (!result.isAccepted() && !reported) {
      onRejected.accept(result.version(), result.problems());
    }
    return result;
  }

  private final class Reporting implements SourceContext {
    private final SourceContext context;

    Reporting(SourceContext context) {
      this.context = context;
    }

    @Override
    public LoadResult update(byte[] document) {
      return deliver(document, context::update);
    }

    @Override
    public LoadResult updateStale(byte[] document, String note) {
      return deliver(document, d -> context.updateStale(d, note));
    }

    @Override
    public void unchanged() {
      context.unchanged();
    }

    @Override
    public void clear() {
      context.clear();
    }

    @Override
    public void failed(ErrorInfo error) {
      context.failed(error);
    }

    @Override
    public Clock clock() {
      return context.clock();
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return context.scheduler();
    }

    @Override
    public int maxDocumentBytes() {
      return context.maxDocumentBytes();
    }
  }
}
