package dev.flags.benchmarks;

import dev.flags.DocumentLimits;
import dev.flags.Flags;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.spi.FlagSource;
import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The load path, in milliseconds per document, for generated documents of 100, 1,000 and 10,000
 * flags (see {@link GeneratedDocument} for their shape):
 *
 * <ul>
 *   <li>{@code loadAndSwap}: {@code Flags.load(byte[])}, the public API: parse, validate, compile
 *       and publish. Two documents that differ only in their version alternate, so every call
 *       really replaces the snapshot;
 *   <li>{@code reloadFromSource}: the same delivered by a source as the file and HTTP sources
 *       deliver each new document ({@code SourceContext.update}), through a source's own
 *       layer. Neither path copies the array: a layer keeps its document deflated, a copy made
 *       when the document is accepted, so the two differ only in the layer (the programmatic one
 *       or a source's);
 *   <li>{@code parseValidateCompile}: the same without the swap, through the internal {@code
 *       DocumentLoader} (the difference to {@code loadAndSwap} is the publication);
 *   <li>{@code parseValidate}: reading and validating only (the rest of {@code
 *       parseValidateCompile} is the compiler).
 * </ul>
 *
 * <p>Retained memory per flag is measured separately by {@code tools.RetainedMemory}.
 *
 * <pre>java -jar flags-benchmarks/target/benchmarks.jar LoadBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class LoadBenchmark {

  @Param({"100", "1000", "10000"})
  public int flagCount;

  private byte[][] documents;
  private int next;
  private DocumentLoader loader;

  @Setup(Level.Trial)
  public void setUp() {
    documents = new byte[][] {
      GeneratedDocument.withFlags(flagCount, "generated-1"),
      GeneratedDocument.withFlags(flagCount, "generated-2")
    };
    loader = new DocumentLoader(DocumentLimits.defaults());
  }

  private byte[] nextDocument() {
    next ^= 1;
    return documents[next];
  }

  /**
   * A client that loaded the second document, for {@code loadAndSwap} alone: each benchmark holds
   * only its own client, so that none pays for another's retained snapshots in its collections.
   */
  @State(Scope.Benchmark)
  public static class Client {
    Flags flags;

    @Setup(Level.Trial)
    public void setUp(LoadBenchmark b) {
      flags = Flags.newBuilder().build();
      flags.load(b.documents[1]);
      Expect.equal("flags", "generated flag count", flags.flagKeys().size(), b.flagCount);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      flags.close();
    }
  }

  /** A client whose source delivered the second document, for {@code reloadFromSource} alone. */
  @State(Scope.Benchmark)
  public static class SourcedClient {
    Flags flags;
    SourceContext context;

    @Setup(Level.Trial)
    public void setUp(LoadBenchmark b) {
      Delivering source = new Delivering();
      flags = Flags.newBuilder().source(source).build();
      context = Objects.requireNonNull(source.context, "the client started its source");
      Expect.equal("flags", "source delivered", context.update(b.documents[1]).isAccepted(), true);
      Expect.equal("flags", "sourced flag count", flags.flagKeys().size(), b.flagCount);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      flags.close();
    }
  }

  /** A source that delivers what the benchmark gives it, as a file or HTTP source would. */
  private static final class Delivering implements FlagSource {
    private volatile @Nullable SourceContext context;

    @Override
    public String name() {
      return "benchmark";
    }

    @Override
    public void start(SourceContext c) {
      context = c;
      c.clear();
    }

    @Override
    public void close() {}
  }

  @Benchmark
  public Flags loadAndSwap(Client c) {
    c.flags.load(nextDocument());
    return c.flags;
  }

  @Benchmark
  public LoadResult reloadFromSource(SourcedClient c) {
    return c.context.update(nextDocument());
  }

  @Benchmark
  public Snapshot parseValidateCompile() {
    return loader.load(nextDocument());
  }

  @Benchmark
  public FlagDocument parseValidate() {
    return loader.validate(nextDocument());
  }
}
