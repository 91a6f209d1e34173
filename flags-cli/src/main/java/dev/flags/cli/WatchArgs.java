package dev.flags.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of {@code watch <file|url> [--poll D] [--for D] [--header 'Name: value']...}.
 *
 * @param target a file name, or an {@code http://} or {@code https://} URL
 * @param poll the poll interval, or null for the source's default
 * @param duration how long to run, or null for until interrupted
 * @param headers HTTP request headers
 */
record WatchArgs(
    String target,
    @Nullable Duration poll,
    @Nullable Duration duration,
    Map<String, String> headers) {

  /** Whether the target is a URL, read by the HTTP source. */
  boolean isUrl() {
    return target.startsWith("http://") || target.startsWith("https://");
  }

  static WatchArgs parse(List<String> args) {
    List<String> positional = new ArrayList<>();
    Duration poll = null;
    Duration duration = null;
    Map<String, String> headers = new LinkedHashMap<>();
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      int next = a.contains("=") ? i : i + 1;
      if (options && a.equals("--")) {
        options = false;
      } else if (options && Args.is(a, "--poll")) {
        poll = Durations.parse("--poll", Args.value(args, i, "--poll"));
        i = next;
      } else if (options && Args.is(a, "--for")) {
        duration = Durations.parse("--for", Args.value(args, i, "--for"));
        i = next;
      } else if (options && a.equals("--header")) {
        String h = Args.value(args, i, "--header");
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new CliException("--header must be 'Name: value'");
        }
        headers.put(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
        i = next;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        throw new CliException("unknown option '" + a + "'");
      } else {
        positional.add(a);
      }
    }
    if (positional.isEmpty()) {
      throw new CliException("missing <file|url>");
    }
    if (positional.size() > 1) {
      throw new CliException(
          "unexpected argument '" + positional.get(1) + "' (watch takes one file or URL)");
    }
    String target = positional.get(0);
    if (target.equals(DocumentFiles.STDIN)) {
      throw new CliException("watch reads a file or a URL, not standard input");
    }
    WatchArgs w = new WatchArgs(target, poll, duration, Map.copyOf(headers));
    if (!headers.isEmpty() && !w.isUrl()) {
      throw new CliException("--header applies to a URL only");
    }
    return w;
  }
}
