package dev.flags.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The last-known-good cache file: the last accepted document with its ETag, Last-Modified and
 * version, written atomically (temp file, fsync, atomic move) with owner-only permissions, and
 * checked with a SHA-256 on read so a torn or corrupted file is detected and ignored.
 *
 * <p>Format: a header of {@code name: value} lines starting with {@code flags-cache 1}, a blank
 * line, then the document bytes exactly as served.
 *
 * <p>Temporary files are named {@code <name>.tmp-<pid>-<n>}: the cache file's name, the writing
 * process and a number unique in that process. A process killed while writing leaves its
 * temporary file behind; {@link #removeStaleTemporaryFiles()} removes those no live writer owns.
 */
public final class CacheFile {
  private static final String MAGIC = "flags-cache 1";
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong WRITES = new AtomicLong();
  /** The temporary files this process is writing, by absolute path. */
  private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

  /**
   * A temporary file of another process older than this is stale even if a process with its PID
   * runs: that PID was reused (a write takes seconds at most).
   */
  static final Duration STALE_AFTER = Duration.ofHours(1);

  /** A cached document: its bytes (not copied), validators and version. */
  public static final class Entry {
    private final byte[] document;
    private final @Nullable String etag;
    private final @Nullable String lastModified;
    private final @Nullable String version;

    public Entry(
        byte[] document,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable String version) {
      this.document = document;
      this.etag = etag;
      this.lastModified = lastModified;
      this.version = version;
    }

    public byte[] document() {
      return document;
    }

    public @Nullable String etag() {
      return etag;
    }

    public @Nullable String lastModified() {
      return lastModified;
    }

    public @Nullable String version() {
      return version;
    }
  }

  private final Path path;

  public CacheFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /**
   * Reads the cache.
   *
   * @return the entry, or null when there is no cache file
   * @throws IOException when the file exists but is unreadable or corrupt
   */
  public @Nullable Entry read() throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    byte[] all = Files.readAllBytes(path);
    int headerEnd = indexOf(all, new byte[] {'\n', '\n'});
    if (headerEnd < 0) {
      throw new IOException("no header end");
    }
    String header = new String(all, 0, headerEnd, StandardCharsets.UTF_8);
    String[] lines = header.split("\n", -1); // the header never ends with a newline
    if (lines.length == 0 || !MAGIC.equals(lines[0])) {
      throw new IOException("not a flags cache file (first line '"
          + (lines.length == 0 ? "" : abbreviate(lines[0])) + "')");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(": ");
      if (colon < 0) {
        throw new IOException("malformed header line " + (i + 1));
      }
      fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
    }
    byte[] doc = Arrays.copyOfRange(all, headerEnd + 2, all.length);
    String expected = fields.get("sha256");
    if (expected == null || !expected.equals(sha256(doc))) {
      throw new IOException("checksum mismatch (truncated or corrupted)");
    }
    return new Entry(doc, fields.get("etag"), fields.get("last-modified"), fields.get("version"));
  }

  /** Writes the cache atomically: temp file in the same directory, fsync, atomic move. */
  public void write(Entry entry) throws IOException {
    StringBuilder h = new StringBuilder(MAGIC).append('\n');
    put(h, "etag", entry.etag());
    put(h, "last-modified", entry.lastModified());
    put(h, "version", entry.version());
    put(h, "sha256", sha256(entry.document()));
    h.append('\n');
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException(path + " has no parent directory");
    }
    Files.createDirectories(dir);
    try (Temporary t = Temporary.create(dir, String.valueOf(path.getFileName()))) {
      write(t.path(), h, entry, dir);
    }
  }

  private void write(Path tmp, CharSequence h, Entry entry, Path dir) throws IOException {
    Files.deleteIfExists(tmp); // left by an earlier process with this PID
    createOwnerOnly(tmp);
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(h.toString().getBytes(StandardCharsets.UTF_8)));
        ch.write(ByteBuffer.wrap(entry.document()));
        ch.force(true);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Removes this cache's temporary files that no live writer owns: those of this process that it
   * is not writing (left by an earlier process with the same PID, as in a container), those of a
   * process that no longer runs, and those older than {@link #STALE_AFTER}. Files of other caches,
   * and of writers still at work, stay.
   *
   * @return the files removed
   * @throws IOException if the directory cannot be listed
   */
  public List<Path> removeStaleTemporaryFiles() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    Pattern names = Pattern.compile(
        Pattern.quote(String.valueOf(path.getFileName())) + "\\.tmp-(\\d{1,18})-\\d+");
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        Matcher m = names.matcher(String.valueOf(file.getFileName()));
        if (m.matches() && isStale(file, Long.parseLong(m.group(1)))) {
          try {
            if (Files.deleteIfExists(file)) {
              removed.add(file);
            }
          } catch (IOException e) {
            // another process may remove it first, or it cannot be removed: not fatal
          }
        }
      }
    }
    return removed;
  }

  private static boolean isStale(Path file, long pid) {
    if (pid == PID) {
      return !WRITING.contains(file.toAbsolutePath());
    }
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return modified.isBefore(Instant.now().minus(STALE_AFTER));
      } catch (IOException e) {
        return false; // gone already, or unreadable: leave it
      }
    }
    return true;
  }

  /** A temporary file this process is writing; closing it forgets it. */
  static final class Temporary implements AutoCloseable {
    private final Path path;

    private Temporary(Path path) {
      this.path = path;
    }

    static Temporary create(Path dir, String cacheName) {
      Path p = dir.resolve(cacheName + ".tmp-" + PID + "-" + WRITES.incrementAndGet())
          .toAbsolutePath();
      WRITING.add(p);
      return new Temporary(p);
    }

    Path path() {
      return path;
    }

    @Override
    public void close() {
      WRITING.remove(path);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw e;
    }
  }

  private static void syncDirectory(Path dir) {
    // Makes the rename durable on Linux; not possible everywhere, and not needed for correctness.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort
    }
  }

  private static void put(StringBuilder h, String name, @Nullable String value) {
    if (value != null) {
      // Header values come from a server: keep them on one line.
      h.append(name)
          .append(": ")
          .append(value.replace('\n', ' ').replace('\r', ' '))
          .append('\n');
    }
  }

  /** The hex SHA-256 of the data, as written in the header. */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
