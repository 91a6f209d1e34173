package dev.flags.cli;

import dev.flags.ChangeEvent;
import dev.flags.ErrorInfo;
import dev.flags.FlagInfo;
import dev.flags.Flags;
import dev.flags.Problem;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.http.HttpFlagSource;
import dev.flags.sources.FileSource;
import dev.flags.spi.FlagSource;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code watch <file|url>}: a client with one source, the library's own ({@link
 * FileSource#watch}-like for a file, {@link HttpFlagSource} for a URL), that prints a line for
 * every swap, every flag the document switches off or on, every rejected document (with every
 * problem) and every status change, each with its time. Runs until interrupted (Ctrl-C: a
 * shutdown hook closes the client and waits for the last line), or for {@code --for}.
 */
final class Watch {
  /** How long a shutdown hook waits for the command to close the client and print its last line. */
  private static final long SHUTDOWN_WAIT_SECONDS = 5;

  /** UTC, always with milliseconds, so that the columns line up. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
          "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final String sourceName;
  private volatile @Nullable Flags flags;
  private volatile boolean stopped;
  private String lastStatus = "";

  private Watch(PrintStream out, String sourceName) {
    this.out = out;
    this.sourceName = sourceName;
  }

  static int run(WatchArgs a, PrintStream out, PrintStream err) {
    FlagSource source = source(a);
    Watch w = new Watch(out, source.name());
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(
        () -> {
          stop.countDown();
          try {
            done.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        "flags-cli-watch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Status.State last = Status.State.INITIALIZING;
    try {
      w.emit("watching " + source.name() + " (poll every " + poll(a) + ")"
          + (a.duration() == null ? ", until Ctrl-C" : ", for " + Durations.text(a.duration())));
      try (Flags flags = Flags.newBuilder()
          .name("flags-cli-watch")
          .source(new ReportingSource(source, w::rejected))
          .onChange(w::changed)
          .onStatus(w::status)
          .build()) {
        w.flags = flags;
        Duration d = a.duration();
        try {
          if (d == null) {
            stop.await();
          } else {
            stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // interrupted: stop, as for Ctrl-C
        }
        last = flags.status().state();
        w.stopped = true;
      }
      w.emitAlways("stopped, serving " + w.servedText(last));
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook is running and returns once done is counted down
      }
    }
    return last == Status.State.READY ? FlagsCli.OK : FlagsCli.FAILED;
  }

  private String servedText(Status.State state) {
    Flags f = flags;
    String version = f == null ? "" : f.version();
    return (version.isEmpty() ? "nothing" : "version " + version) + " (" + state + ")";
  }

  private static FlagSource source(WatchArgs a) {
    Duration poll = a.poll();
    if (a.isUrl()) {
      URI uri;
      try {
        uri = new URI(a.target());
      } catch (URISyntaxException e) {
        throw new CliException("invalid URL '" + a.target() + "': " + e.getReason());
      }
      HttpFlagSource.Builder b = HttpFlagSource.newBuilder(uri);
      if (poll != null) {
        if (poll.compareTo(HttpFlagSource.MIN_POLL_INTERVAL) < 0) {
          throw new CliException("--poll for a URL must be at least "
              + Durations.text(HttpFlagSource.MIN_POLL_INTERVAL));
        }
        b.pollInterval(poll);
      }
      for (Map.Entry<String, String> h : a.headers().entrySet()) {
        b.sensitiveHeader(h.getKey(), h.getValue());
      }
      try {
        return b.build();
      } catch (IllegalArgumentException e) {
        throw new CliException("cannot watch '" + a.target() + "': " + e.getMessage());
      }
    }
    Path path;
    try {
      path = Path.of(a.target());
    } catch (InvalidPathException e) {
      throw new CliException("invalid file name '" + a.target() + "': " + e.getReason());
    }
    FileSource.Builder b = FileSource.newBuilder(path);
    if (poll != null) {
      if (poll.toMillis() < FileSource.MIN_POLL_MILLIS) {
        throw new CliException(
            "--poll for a file must be at least " + FileSource.MIN_POLL_MILLIS + "ms");
      }
      b.pollInterval(poll);
    }
    return b.build();
  }

  private static String poll(WatchArgs a) {
    Duration poll = a.poll();
    if (poll != null) {
      return Durations.text(poll);
    }
    return a.isUrl()
        ? Durations.text(HttpFlagSource.DEFAULT_POLL_INTERVAL)
        : Durations.text(Duration.ofMillis(FileSource.DEFAULT_POLL_MILLIS));
  }

  private void changed(ChangeEvent e) {
    String head = "swap " + (e.oldVersion().isEmpty() ? "(none)" : e.oldVersion()) + " -> "
        + e.newVersion() + " (" + e.cause() + " from " + e.source() + "): ";
    List<String> parts = new ArrayList<>();
    if (e.oldVersion().isEmpty()) {
      int n = e.added().size();
      parts.add(n + (n == 1 ? " flag" : " flags"));
    } else {
      if (!e.added().isEmpty()) {
        parts.add("added " + String.join(", ", e.added()));
      }
      if (!e.removed().isEmpty()) {
        parts.add("removed " + String.join(", ", e.removed()));
      }
      if (!e.changed().isEmpty()) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Set<String>> c : new TreeMap<>(e.changed()).entrySet()) {
          changed.add(c.getKey() + " (" + String.join(", ", c.getValue()) + ")");
        }
        parts.add("changed " + String.join(", ", changed));
      }
      if (parts.isEmpty()) {
        parts.add("no flag changed");
      }
    }
    StringBuilder lines = new StringBuilder(head).append(String.join("; ", parts));
    Flags f = flags;
    for (Map.Entry<String, Set<String>> c : new TreeMap<>(e.changed()).entrySet()) {
      FlagInfo info = f == null ? null : f.flagInfo(c.getKey());
      if (c.getValue().contains("enabled") && info != null) {
        lines
            .append('\n')
            .append(time())
            .append(' ')
            .append(
                info.enabled()
                    ? "restore " + c.getKey() + ": \"enabled\": true in " + e.newVersion()
                    : "kill " + c.getKey() + ": \"enabled\": false in " + e.newVersion()
                        + ", every context gets the off-variant " + info.offVariant());
      }
    }
    emitRaw(time() + " " + lines);
  }

  private void rejected(@Nullable String version, List<Problem> problems) {
    Flags f = flags;
    String served = f == null || f.version().isEmpty() ? "nothing" : f.version();
    StringBuilder sb = new StringBuilder(time())
        .append(" reject ")
        .append(version == null ? "a document" : "version " + version)
        .append(" from ")
        .append(sourceName)
        .append(": ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems")
        .append(", still serving ")
        .append(served);
    for (Problem p : problems) {
      sb.append("\n    ").append(p.path()).append(": ").append(p.message());
    }
    emitRaw(sb.toString());
  }

  private synchronized void status(Status s) {
    String text = "status " + s.state();
    if (s.state() != Status.State.READY && s.state() != Status.State.CLOSED) {
      ErrorInfo error = null;
      for (SourceStatus source : s.sources()) {
        if (source.name().equals(sourceName)) {
          error = source.lastError();
        }
      }
      if (error == null) {
        error = s.lastError();
      }
      if (error != null) {
        text += ": " + error.kind() + ": " + error.message();
      }
    }
    if (s.state() == Status.State.CLOSED || text.equals(lastStatus)) {
      return;
    }
    lastStatus = text;
    emit(text + (s.version().isEmpty() ? "" : " (serving " + s.version() + ")"));
  }

  private void emit(String line) {
    emitRaw(time() + " " + line);
  }

  private void emitAlways(String line) {
    out.println(time() + " " + line);
    out.flush();
  }

  /** Prints a line (or lines) at once, unless the command has stopped. */
  private void emitRaw(String text) {
    if (stopped) {
      return;
    }
    out.println(text); // PrintStream.println is synchronized: lines never interleave
    out.flush();
  }

  private static String time() {
    return TIME.format(Instant.now());
  }
}
