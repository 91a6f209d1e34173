package dev.flags.cli;

import dev.flags.DocumentLimits;
import dev.flags.InvalidDocumentException;
import dev.flags.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading the document a command names (a file, or {@code -} for standard input), and printing
 * its rejection.
 *
 * <p>Nothing is read beyond the document size limit ({@link
 * DocumentLimits#DEFAULT_MAX_DOCUMENT_BYTES}), whatever the input: a device such as {@code
 * /dev/zero}, a FIFO or a pipe that never ends is cut off there with a one-line error, and a
 * regular file larger than the limit is refused before it is read.
 */
final class DocumentFiles {
  /** The argument that names standard input. */
  static final String STDIN = "-";

  /** The largest document read, as the library's default limits allow. */
  static final int MAX_BYTES = DocumentLimits.DEFAULT_MAX_DOCUMENT_BYTES;

  /** The unit of reading: 256 KiB, below the size at which a small heap treats arrays apart. */
  private static final int CHUNK = 1 << 18;

  private DocumentFiles() {}

  /** How a command names its input in its output. */
  static String label(String file) {
    return file.equals(STDIN) ? "(standard input)" : file;
  }

  /**
   * Reads a document, turning I/O failures into one-line errors.
   *
   * @param file a file name, or {@code -} for {@code stdin}
   * @param stdin standard input
   * @return the bytes, at most {@link #MAX_BYTES}
   * @throws CliException when the input cannot be read or is too large
   */
  static byte[] read(String file, InputStream stdin) {
    if (file.equals(STDIN)) {
      try {
        return bounded(stdin, "standard input");
      } catch (IOException e) {
        throw new CliException("cannot read standard input: " + e.getMessage());
      }
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new CliException("invalid file name '" + file + "': " + e.getReason());
    }
    try {
      if (Files.isDirectory(path)) {
        throw new CliException("cannot read '" + file + "': it is a directory");
      }
      if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
        throw new CliException(String.format(
            Locale.ROOT, "cannot read '%s': it is %,d bytes, %s", file, Files.size(path), limit()));
      }
      try (InputStream in = Files.newInputStream(path)) {
        return bounded(in, "'" + file + "'");
      }
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read '" + file + "': no such file");
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read '" + file + "': permission denied");
    } catch (IOException e) {
      throw new CliException("cannot read '" + file + "': " + e.getMessage());
    }
  }

  /**
   * Reads at most {@link #MAX_BYTES}; one byte more is an error. Reads in chunks, so that an
   * input cut off at the limit never needs more memory than the limit.
   */
  private static byte[] bounded(InputStream in, String what) throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    int total = 0;
    while (true) {
      byte[] chunk = in.readNBytes(CHUNK);
      if (chunk.length == 0) {
        break;
      }
      if (chunk.length > MAX_BYTES - total) {
        throw new CliException(
            "cannot read " + what + ": it is larger than " + limit() + "; stopped reading there");
      }
      chunks.add(chunk);
      total += chunk.length;
    }
    byte[] all = new byte[total];
    int at = 0;
    for (byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, all, at, chunk.length);
      at += chunk.length;
    }
    return all;
  }

  private static String limit() {
    return String.format(
        Locale.ROOT,
        "the document size limit of %,d bytes (DocumentLimits.maxDocumentBytes, %d MiB)",
        MAX_BYTES,
        MAX_BYTES >> 20);
  }

  /** Prints a rejection: a summary line, then every problem as {@code path: message}. */
  static void printRejection(PrintStream out, InvalidDocumentException e) {
    out.print(rejection(e));
  }

  /** A rejection as text: a summary line, then every problem as {@code path: message}. */
  static String rejection(InvalidDocumentException e) {
    List<Problem> problems = e.problems();
    StringBuilder sb = new StringBuilder("INVALID: ");
    if (e.version() != null) {
      sb.append("version ").append(e.version()).append(", ");
    }
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    sb.append('\n');
    for (Problem p : problems) {
      sb.append(p.path()).append(": ").append(p.message()).append('\n');
    }
    return sb.toString();
  }
}
