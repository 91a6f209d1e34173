package dev.flags.cli;

import dev.flags.InvalidDocumentException;
import dev.flags.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reading the document file a command names, and printing its rejection. */
final class DocumentFiles {
  /** Larger files cannot be read into one array. */
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private DocumentFiles() {}

  /** Reads a document file, turning I/O failures into one-line errors. */
  static byte[] read(String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new CliException("invalid file name '" + file + "': " + e.getReason());
    }
    try {
      if (Files.isRegularFile(path) && Files.size(path) > MAX_FILE_BYTES) {
        // The library would reject it anyway (DocumentLimits), but only after reading it all.
        throw new CliException("cannot read '" + file + "': larger than 2 GiB");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read '" + file + "': no such file");
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read '" + file + "': permission denied");
    } catch (IOException e) {
      if (Files.isDirectory(path)) {
        throw new CliException("cannot read '" + file + "': it is a directory");
      }
      throw new CliException("cannot read '" + file + "': " + e.getMessage());
    }
  }

  /** Prints a rejection: a summary line, then every problem as {@code path: message}. */
  static void printRejection(PrintStream out, InvalidDocumentException e) {
    List<Problem> problems = e.problems();
    StringBuilder sb = new StringBuilder("INVALID: ");
    if (e.version() != null) {
      sb.append("version ").append(e.version()).append(", ");
    }
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    out.println(sb);
    for (Problem p : problems) {
      out.println(p.path() + ": " + p.message());
    }
  }
}
