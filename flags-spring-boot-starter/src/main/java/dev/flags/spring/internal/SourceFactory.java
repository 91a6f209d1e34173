package dev.flags.spring.internal;

import dev.flags.http.HttpFlagSource;
import dev.flags.sources.ClasspathSource;
import dev.flags.sources.FileSource;
import dev.flags.spi.FlagSource;
import dev.flags.spring.FlagsProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Turns one {@code flags.sources[i]} entry into a source, checking each value with the library's
 * own builders and naming the property when one is refused.
 */
final class SourceFactory {
  private final ClassLoader classLoader;

  SourceFactory(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  FlagSource create(int index, FlagsProperties.Source s) {
    String prefix = "flags.sources[" + index + "]";
    List<String> kinds = new ArrayList<>();
    if (s.getClasspath() != null) {
      kinds.add("classpath");
    }
    if (s.getFile() != null) {
      kinds.add("file");
    }
    if (s.getUrl() != null) {
      kinds.add("url");
    }
    if (kinds.size() != 1) {
      throw Invalid.property(
          prefix,
          kinds.isEmpty() ? "(empty)" : String.join(", ", kinds),
          kinds.isEmpty()
              ? "a source needs one of classpath, file or url"
              : "a source takes exactly one of classpath, file or url, but this one sets "
                  + String.join(" and ", kinds));
    }
    String resource = s.getClasspath();
    if (resource != null) {
      onlyFor(prefix, "classpath", s, false, false);
      return classpath(prefix, resource);
    }
    Path file = s.getFile();
    if (file != null) {
      onlyFor(prefix, "file", s, true, false);
      return file(prefix, file, s);
    }
    URI url = s.getUrl();
    if (url == null) {
      throw new IllegalStateException("unreachable: one kind was set");
    }
    onlyFor(prefix, "url", s, false, true);
    return http(prefix, url, s);
  }

  private FlagSource classpath(String prefix, String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    if (name.isBlank()) {
      throw Invalid.property(prefix + ".classpath", resource, "must not be blank");
    }
    if (classLoader.getResource(name) == null) {
      throw Invalid.property(
          prefix + ".classpath", resource, "no such resource on the application's class path");
    }
    return ClasspathSource.of(name, classLoader);
  }

  private static FlagSource file(String prefix, Path file, FlagsProperties.Source s) {
    FileSource.Builder b = FileSource.newBuilder(file);
    Duration interval = s.getPollInterval();
    if (interval != null) {
      Invalid.check(prefix + ".poll-interval", interval, () -> b.pollInterval(interval));
    }
    if (s.isOptional()) {
      b.optional();
    }
    return b.build();
  }

  private static FlagSource http(String prefix, URI url, FlagsProperties.Source s) {
    HttpFlagSource.Builder b =
        Invalid.check(prefix + ".url", url, () -> HttpFlagSource.newBuilder(url));
    Duration interval = s.getPollInterval();
    if (interval != null) {
      Invalid.check(prefix + ".poll-interval", interval, () -> b.pollInterval(interval));
    }
    Duration jitter = s.getJitter();
    if (jitter != null) {
      Invalid.check(prefix + ".jitter", jitter, () -> b.jitter(jitter));
    }
    for (Map.Entry<String, String> h : s.getHeaders().entrySet()) {
      String property = prefix + ".headers." + h.getKey();
      // The value may be a credential: the message shows neither it nor its length.
      Invalid.check(property, Invalid.HIDDEN, () -> b.header(h.getKey(), h.getValue()));
    }
    for (int i = 0; i < s.getSensitiveHeaders().size(); i++) {
      String name = s.getSensitiveHeaders().get(i);
      String value = headerValue(s.getHeaders(), name);
      if (value == null) {
        throw Invalid.property(
            prefix + ".sensitive-headers[" + i + "]",
            name,
            "names a header that " + prefix + ".headers does not set");
      }
      Invalid.check(
          prefix + ".sensitive-headers[" + i + "]", name, () -> b.sensitiveHeader(name, value));
    }
    Path cache = s.getCacheFile();
    if (cache != null) {
      b.cacheFile(cache);
    }
    Duration connect = s.getConnectTimeout();
    if (connect != null) {
      Invalid.check(prefix + ".connect-timeout", connect, () -> b.connectTimeout(connect));
    }
    Duration request = s.getRequestTimeout();
    if (request != null) {
      Invalid.check(prefix + ".request-timeout", request, () -> b.requestTimeout(request));
    }
    DataSize body = s.getMaxBodySize();
    if (body != null) {
      Invalid.check(prefix + ".max-body-size", body, () -> b.maxBodyBytes(body.toBytes()));
    }
    if (s.isAcceptAnyContentType()) {
      b.acceptAnyContentType();
    }
    // build() checks the jitter against the interval.
    return Invalid.check(prefix + ".jitter", String.valueOf(s.getJitter()), b::build);
  }

  private static @Nullable String headerValue(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Refuses settings that belong to another kind of source: they would be silently ignored. */
  private static void onlyFor(
      String prefix, String kind, FlagsProperties.Source s, boolean file, boolean url) {
    if (!file && !url) {
      refuse(prefix, kind, "poll-interval", "file and url sources", s.getPollInterval() != null);
    }
    if (!file) {
      refuse(prefix, kind, "optional", "a file source", s.isOptional());
    }
    if (!url) {
      String u = "a url source";
      refuse(prefix, kind, "jitter", u, s.getJitter() != null);
      refuse(prefix, kind, "headers", u, !s.getHeaders().isEmpty());
      refuse(prefix, kind, "sensitive-headers", u, !s.getSensitiveHeaders().isEmpty());
      refuse(prefix, kind, "cache-file", u, s.getCacheFile() != null);
      refuse(prefix, kind, "connect-timeout", u, s.getConnectTimeout() != null);
      refuse(prefix, kind, "request-timeout", u, s.getRequestTimeout() != null);
      refuse(prefix, kind, "max-body-size", u, s.getMaxBodySize() != null);
      refuse(prefix, kind, "accept-any-content-type", u, s.isAcceptAnyContentType());
    }
  }

  private static void refuse(
      String prefix, String kind, String setting, String appliesTo, boolean set) {
    if (set) {
      throw Invalid.property(
          prefix + "." + setting,
          "(set)",
          "applies to " + appliesTo + ", not to a " + kind + " source");
    }
  }
}
