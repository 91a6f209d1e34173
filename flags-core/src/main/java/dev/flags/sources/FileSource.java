package dev.flags.sources;

import dev.flags.ErrorInfo;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one flag document file, checking it every poll interval (default {@value
 * #DEFAULT_POLL_MILLIS} ms) on a scheduler thread of its own.
 *
 * <ul>
 *   <li>A change is noticed by modification time, size or file identity (so a replacement by
 *       atomic rename is seen), then the content is read; identical content (by SHA-256) is
 *       ignored. {@link #refresh()} (and so {@code Flags.refreshSources()}) reads and compares the
 *       content whatever the timestamps say, for a rewrite that kept size and time.
 *   <li>Only a regular file is read, and never more than the client's {@code maxDocumentBytes}:
 *       a FIFO, a device, a directory or an oversized file is refused (status {@code ERROR}, what
 *       is served does not change) and looked at again at each poll.
 *   <li>Nothing stops the polling: an unexpected error in a poll, {@link Error}s included, is
 *       logged once on {@code dev.flags.source}, reported in the source's status, and the next
 *       poll runs as usual.
 *   <li>A half-written file is simply an invalid document: it is rejected, what is served does not
 *       change, and the next complete write is taken.
 *   <li>A missing file: for a required source, the last good document keeps serving and the
 *       status says {@code NOT_FOUND}; for an {@linkplain Builder#optional() optional} source
 *       (an operator's override file, say) it means "no overrides": the layer is removed, and
 *       re-creating the file adds it back.
 * </ul>
 *
 * <pre>{@code
 * FileSource overrides = FileSource.newBuilder(Path.of("/etc/myapp/flags-override.json"))
 *     .optional()
 *     .pollInterval(Duration.ofSeconds(1))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FileSource implements FlagSource {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.source");

  /** The default poll interval, in milliseconds. */
  public static final long DEFAULT_POLL_MILLIS = 1_000;
  /** The smallest poll interval accepted, in milliseconds. */
  public static final long MIN_POLL_MILLIS = 10;

  private final Path file;
  private final Duration pollInterval;
  private final boolean optional;

  // Guarded by this.
  private @Nullable SourceContext context;
  private @Nullable ScheduledFuture<?> task;
  private @Nullable Object lastKey;
  private long lastModified = Long.MIN_VALUE;
  private long lastSize = -1;
  /** SHA-256 of the content last delivered, or null. */
  private @Nullable String lastDigest;
  /** The last failure logged, so that a failure repeating every poll is logged once. */
  private @Nullable String lastFailure;

  private boolean missing;
  private boolean closed;

  private FileSource(Builder b) {
    this.file = b.file;
    this.pollInterval = b.pollInterval;
    this.optional = b.optional;
  }

  /**
   * A required file source with the default poll interval.
   *
   * @param file the document file
   * @return the source
   */
  public static FileSource watch(Path file) {
    return newBuilder(file).build();
  }

  /**
   * A builder.
   *
   * @param file the document file
   * @return the builder
   */
  public static Builder newBuilder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  @Override
  public String name() {
    return "file:" + file;
  }

  /**
   * Returns the watched file.
   *
   * @return the watched file
   */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void start(SourceContext context) {
    if (closed) {
      return;
    }
    this.context = context;
    checkSafely(false); // deliver what is there now, so a client is ready right after build()
    long millis = pollInterval.toMillis();
    task = context
        .scheduler()
        .scheduleWithFixedDelay(() -> checkSafely(false), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Reads the file now and compares its content, whatever its timestamps say. */
  @Override
  public void refresh() {
    checkSafely(true);
  }

  /**
   * One look at the file. Nothing escapes: whatever goes wrong is reported to the client and
   * logged once, and the next poll runs as usual (an exception would end the periodic task).
   */
  private void checkSafely(boolean force) {
    try {
      check(force);
    } catch (Throwable t) { // the polling loop must survive anything, Errors too
      SourceContext c = context;
      String message = "poll failed: " + describe(t) + " (polling goes on)";
      if (!message.equals(lastFailure)) {
        lastFailure = message;
        LOG.warn("source {} {}", name(), message, t);
      }
      if (c != null) {
        c.failed(ErrorInfo.of(ErrorInfo.Kind.UNKNOWN, message, c.clock().instant()));
      }
    }
  }

  private synchronized void check(boolean force) {
    SourceContext c = context;
    if (c == null || closed) {
      return;
    }
    BasicFileAttributes attrs;
    byte @Nullable [] content;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        // A FIFO or a device would block or never end; a directory has no document.
        refuse(c, "is not a regular file (" + kind(attrs) + "): refusing to read it");
        return;
      }
      if (!force && !missing && !changed(attrs)) {
        return; // unchanged since the last look
      }
      content = readBounded(c.maxDocumentBytes());
    } catch (NoSuchFileException e) {
      onMissing(c);
      return;
    } catch (IOException e) {
      c.failed(ErrorInfo.of(
          ErrorInfo.Kind.IO, "cannot read " + file + ": " + e, c.clock().instant()));
      return;
    }
    if (content == null) {
      refuse(
          c,
          "is larger than the maximum document size (" + c.maxDocumentBytes()
              + " bytes, from DocumentLimits.Builder.maxDocumentBytes(int)): refusing to read it");
      return;
    }
    missing = false;
    lastFailure = null;
    lastModified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    lastSize = attrs.size();
    lastKey = attrs.fileKey();
    String digest = sha256(content);
    if (digest.equals(lastDigest)) {
      c.unchanged();
      return;
    }
    lastDigest = digest;
    c.update(content);
  }

  private boolean changed(BasicFileAttributes attrs) {
    return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) != lastModified
        || attrs.size() != lastSize
        || !Objects.equals(attrs.fileKey(), lastKey);
  }

  /**
   * Reads the whole file, but never more than {@code max} bytes (the file may grow meanwhile).
   *
   * @return the content, or null if the file is larger than {@code max}
   */
  private byte @Nullable [] readBounded(int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(Math.min(max, Integer.MAX_VALUE - 16) + 1);
      return content.length > max ? null : content;
    }
  }

  /** The file cannot be read as a document; an operator must fix it. Logged once. */
  private void refuse(SourceContext c, String why) {
    String message = "file " + file + " " + why;
    if (!message.equals(lastFailure)) {
      lastFailure = message;
      LOG.warn("source {}: {}", name(), message);
    }
    lastModified = Long.MIN_VALUE; // look again at the next poll
    c.failed(ErrorInfo.of(ErrorInfo.Kind.IO, message, c.clock().instant()).needingOperator());
  }

  private static String kind(BasicFileAttributes attrs) {
    if (attrs.isDirectory()) {
      return "a directory";
    }
    if (attrs.isSymbolicLink()) {
      return "a dangling symbolic link";
    }
    return "a FIFO, socket or device";
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private void onMissing(SourceContext c) {
    if (missing) {
      return;
    }
    missing = true;
    lastDigest = null;
    lastModified = Long.MIN_VALUE;
    lastSize = -1;
    lastKey = null;
    if (optional) {
      c.clear();
    } else {
      c.failed(ErrorInfo.of(
          ErrorInfo.Kind.NOT_FOUND,
          "file " + file + " does not exist",
          c.clock().instant()));
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
    task = null;
    context = null;
  }

  @Override
  public String toString() {
    return "FileSource{" + file + (optional ? ", optional" : "") + ", every " + pollInterval + "}";
  }

  /**
   * Builds a {@link FileSource}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Path file;
    private Duration pollInterval = Duration.ofMillis(DEFAULT_POLL_MILLIS);
    private boolean optional;

    private Builder(Path file) {
      this.file = file;
    }

    /**
     * How often to check the file.
     *
     * @param interval at least {@value #MIN_POLL_MILLIS} ms
     * @return this builder
     * @throws IllegalArgumentException if shorter than {@value #MIN_POLL_MILLIS} ms
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < MIN_POLL_MILLIS) {
        throw new IllegalArgumentException(
            "poll interval must be at least " + MIN_POLL_MILLIS + "ms but was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Makes a missing file mean "this layer is empty" rather than an error: for override files
     * that an operator drops on a host and deletes afterwards.
     *
     * @return this builder
     */
    public Builder optional() {
      this.optional = true;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public FileSource build() {
      return new FileSource(this);
    }
  }
}
