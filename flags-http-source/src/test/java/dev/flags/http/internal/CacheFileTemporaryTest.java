package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache file's temporary files, and which of them are stale. */
final class CacheFileTemporaryTest {
  @TempDir
  Path dir;

  @Test
  void removeStale_fileThisProcessIsWriting_keptUntilTheWriterIsDone() throws IOException {
    CacheFile other = new CacheFile(dir.resolve("flags.cache"));
    Path tmp;
    try (CacheFile.Temporary writing = CacheFile.Temporary.create(dir, "flags.cache")) {
      tmp = Files.writeString(writing.path(), "half a docu", StandardCharsets.UTF_8);
      assertThat(tmp.getFileName().toString())
          .startsWith("flags.cache.tmp-" + ProcessHandle.current().pid() + "-");

      assertThat(other.removeStaleTemporaryFiles()).isEmpty();
      assertThat(tmp).exists();
    }

    // The writer is gone (as if killed before it removed its file): now it is stale.
    assertThat(other.removeStaleTemporaryFiles()).containsExactly(tmp);
    assertThat(tmp).doesNotExist();
  }

  @Test
  void removeStale_noDirectory_nothing() throws IOException {
    assertThat(new CacheFile(dir.resolve("missing/flags.cache")).removeStaleTemporaryFiles())
        .isEmpty();
  }
}
