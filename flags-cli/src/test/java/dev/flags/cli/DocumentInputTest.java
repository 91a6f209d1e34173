package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where documents come from: standard input, devices, FIFOs, oversized files. */
final class DocumentInputTest {
  private static final String LIMIT =
      "the document size limit of 67,108,864 bytes (DocumentLimits.maxDocumentBytes, 64 MiB)";

  @TempDir
  Path dir;

  @Test
  void validate_dashReadsStandardInput() throws IOException {
    Cli.Result r = Cli.withInput(example(), "validate", "-");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("OK: version 2026-11-22.1, 6 flags\n");
  }

  @Test
  void validate_invalidStandardInput_printsTheRejection() {
    Cli.Result r = Cli.withInput("{\"schema\": 1}", "validate", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID: ");
  }

  @Test
  void evalExplainBucketDiff_dashReadStandardInput() throws IOException {
    assertThat(Cli.withInput(example(), "eval", "-", "new-checkout", "--key", "alice")
            .out())
        .isEqualTo("new-checkout = true  variant=on reason=TARGET_MATCH version=2026-11-22.1\n");
    assertThat(Cli.withInput(example(), "explain", "-", "new-checkout").out())
        .contains("document  (standard input), version 2026-11-22.1 (6 flags)\n");
    assertThat(Cli.withInput(example(), "bucket", "-", "new-checkout", "--key", "user-42")
            .out())
        .contains("document  (standard input), version 2026-11-22.1 (6 flags)\n")
        .contains("  bucket    30620 (of 0 to 99999)\n");
    Cli.Result diff = Cli.withInput(example(), "diff", Cli.EXAMPLE, "-", "--sample", "10");
    assertThat(diff.code()).isZero();
    assertThat(diff.out()).startsWith("""
        old  ../examples/flags.json, version 2026-11-22.1 (6 flags)
        new  (standard input), version 2026-11-22.1 (6 flags)

        flags: no differences
        """);
  }

  @Test
  void validate_endlessDevice_stopsAtTheSizeLimit() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "a system with /dev/zero");
    Cli.Result r = Cli.run("validate", "/dev/zero");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("flags-cli validate: cannot read '/dev/zero': it is larger than " + LIMIT
            + "; stopped reading there\n");
  }

  @Test
  void validate_endlessStandardInput_stopsAtTheSizeLimit() {
    Cli.Result r = Cli.withInput(new EndlessInput(), "validate", "-");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("flags-cli validate: cannot read standard input: it is larger than " + LIMIT
            + "; stopped reading there\n");
  }

  @Test
  void validate_regularFileOverTheLimit_isRefusedWithoutReadingIt() throws IOException {
    Path big = dir.resolve("big.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(65L << 20); // sparse: nothing is written
    }
    Cli.Result r = Cli.run("validate", big.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("flags-cli validate: cannot read '" + big + "': it is 68,157,440 bytes, " + LIMIT
            + "\n");
  }

  @Test
  void validate_fifo_readsWhatTheWriterWrites() throws Exception {
    Path fifo = dir.resolve("flags.fifo");
    assumeTrue(mkfifo(fifo), "mkfifo is available");
    byte[] document = Files.readAllBytes(Path.of(Cli.EXAMPLE));
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(document);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Cli.Result r = Cli.run("validate", fifo.toString());
    writer.get(15, TimeUnit.SECONDS);
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("OK: version 2026-11-22.1, 6 flags\n");
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("mkfifo", path.toString()).start();
      return p.waitFor(15, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static String example() throws IOException {
    return Files.readString(Path.of(Cli.EXAMPLE), StandardCharsets.UTF_8);
  }

  /** A stream of spaces that never ends. */
  private static final class EndlessInput extends java.io.InputStream {
    @Override
    public int read() {
      return ' ';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) ' ');
      return len;
    }
  }
}
