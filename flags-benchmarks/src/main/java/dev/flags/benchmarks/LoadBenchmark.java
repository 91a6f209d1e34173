package dev.flags.benchmarks;

import dev.flags.DocumentLimits;
import dev.flags.Flags;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.snapshot.FlagDocument;
import dev.flags.internal.snapshot.Snapshot;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The load path, in milliseconds per document, for generated documents of 100, 1,000 and 10,000
 * flags (see {@link GeneratedDocument} for their shape):
 *
 * <ul>
 *   <li>{@code loadAndSwap}: {@code Flags.load(byte[])}, the public API: parse, validate, compile
 *       and publish. Two documents that differ only in their version alternate, so every call
 *       really replaces the snapshot;
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
  private Flags flags;
  private DocumentLoader loader;

  @Setup(Level.Trial)
  public void setUp() {
    documents = new byte[][] {
      GeneratedDocument.withFlags(flagCount, "generated-1"),
      GeneratedDocument.withFlags(flagCount, "generated-2")
    };
    flags = Flags.newBuilder().build();
    loader = new DocumentLoader(DocumentLimits.defaults());
    flags.load(documents[1]);
    Expect.equal("flags", "generated flag count", flags.flagKeys().size(), flagCount);
  }

  private byte[] nextDocument() {
    next ^= 1;
    return documents[next];
  }

  @Benchmark
  public Flags loadAndSwap() {
    flags.load(nextDocument());
    return flags;
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
