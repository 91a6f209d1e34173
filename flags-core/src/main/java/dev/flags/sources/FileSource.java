package dev.flags.sources;

import dev.flags.ErrorInfo;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Watches one flag document file, checking it every poll interval (default {@value
 * #DEFAULT_POLL_MILLIS} ms) on the client's scheduler.
 *
 * <ul>
 *   <li>A change is noticed by modification time, size or file identity (so a replacement by
 *       atomic rename is seen), then the content is read; identical content is ignored.
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
  private byte @Nullable [] lastContent;
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
    check(); // deliver what is there now, so a client is ready right after build()
    long millis = pollInterval.toMillis();
    task = context
        .scheduler()
        .scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void refresh() {
    checkSafely();
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      // One bad check must never stop the polling: report it and try again next time.
      SourceContext c = context;
      if (c != null) {
        c.failed(ErrorInfo.of(ErrorInfo.Kind.UNKNOWN, e.toString(), c.clock().instant()));
      }
    }
  }

  private synchronized void check() {
    SourceContext c = context;
    if (c == null || closed) {
      return;
    }
    long modified;
    long size;
    Object key;
    byte[] content;
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      modified = attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      size = attrs.size();
      key = attrs.fileKey();
      if (!missing
          && modified == lastModified
          && size == lastSize
          && Objects.equals(key, lastKey)) {
        return; // unchanged since the last look
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      onMissing(c);
      return;
    } catch (IOException e) {
      c.failed(ErrorInfo.of(
          ErrorInfo.Kind.IO, "cannot read " + file + ": " + e, c.clock().instant()));
      return;
    }
    missing = false;
    lastModified = modified;
    lastSize = size;
    lastKey = key;
    if (lastContent != null && Arrays.equals(content, lastContent)) {
      c.unchanged();
      return;
    }
    lastContent = content;
    c.update(content);
  }

  private void onMissing(SourceContext c) {
    if (missing) {
      return;
    }
    missing = true;
    lastContent = null;
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
