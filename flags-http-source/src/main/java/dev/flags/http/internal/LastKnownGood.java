package dev.flags.http.internal;

import dev.flags.spi.LoadResult;
import dev.flags.spi.SourceContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's last-known-good cache: reads and writes the {@link CacheFile} with a warning
 * instead of a failure, and remembers whether the cached document is what serves until the server
 * first answers well. Without a cache file, every method does nothing. Thread-safe.
 */
public final class LastKnownGood {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.source.http");

  private final @Nullable CacheFile file;
  /** True from serving the cache file at start until the server first answers well. */
  private volatile boolean serving;

  /**
   * A cache in this file, or none.
   *
   * @param path the cache file, or null for none
   */
  public LastKnownGood(@Nullable Path path) {
    this.file = path == null ? null : new CacheFile(path);
  }

  /**
   * Serves the cached document at start, if there is a good one: the client serves it as stale,
   * and the identity sends its validators with the first request. A corrupt or unreadable file,
   * or a cached document the client rejects, is ignored with a warning. First removes the
   * temporary files that writers killed while writing left behind.
   *
   * @param context the client
   * @param sourceName the source's name, for the status note
   * @param identity where the accepted document is recorded
   */
  public void serve(SourceContext context, String sourceName, DocumentIdentity identity) {
    CacheFile f = file;
    if (f == null) {
      return;
    }
    removeStaleTemporaryFiles(f);
    CacheFile.Entry entry;
    try {
      entry = f.read();
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring cache file {}: {}", f.path(), e.getMessage());
      return;
    }
    if (entry == null) {
      return;
    }
    LoadResult r = context.updateStale(
        entry.document(), "serving cache file " + f.path() + " until " + sourceName + " answers");
    if (r.isAccepted()) {
      serving = true;
      identity.cacheAccepted(
          entry.document(), new Validators(entry.etag(), entry.lastModified()), r.version());
    } else {
      LOG.warn("ignoring cache file {}: its document was rejected", f.path());
    }
  }

  private static void removeStaleTemporaryFiles(CacheFile f) {
    try {
      List<Path> removed = f.removeStaleTemporaryFiles();
      if (!removed.isEmpty()) {
        LOG.info(
            "removed {} temporary file(s) of cache file {} left by writers that are gone: {}",
            removed.size(),
            f.path(),
            removed);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "cannot look for stale temporary files of cache file {}: {}", f.path(), e.toString());
    }
  }

  /** Records that the server answered well: the cached document no longer serves alone. */
  public void confirmed() {
    serving = false;
  }

  /**
   * Returns a failure message that also says the cache file serves, while it does (the client's
   * status drops the cache note on a failure).
   *
   * @param message the failure's message
   * @return the message, with the note while the cache file serves
   */
  public String annotate(String message) {
    CacheFile f = file;
    return f != null && serving ? message + " (serving cache file " + f.path() + ")" : message;
  }

  /**
   * Writes an accepted document. A failure is logged as a warning: serving is unaffected.
   *
   * @param document the document's bytes
   * @param validators its validators
   * @param version its version
   */
  public void write(byte[] document, Validators validators, @Nullable String version) {
    CacheFile f = file;
    if (f == null) {
      return;
    }
    try {
      f.write(new CacheFile.Entry(document, validators.etag(), validators.lastModified(), version));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write cache file {}: {}", f.path(), e.toString());
    }
  }
}
