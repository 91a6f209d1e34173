import org.jspecify.annotations.NullMarked;

/**
 * flags-http-source: polls a flag document served by any HTTP server, CDN or object store, with
 * conditional GETs, backoff, jitter and a last-known-good cache file, and optionally fetches it as
 * soon as a Server-Sent Events stream says it changed.
 */
@NullMarked
module dev.flags.http {
  requires transitive dev.flags;
  // Transitive: HttpFlagSource.Builder.httpClient(HttpClient) takes the caller's client.
  requires transitive java.net.http;
  requires org.slf4j;
  // Transitive: the API is annotated with JSpecify's @Nullable.
  requires static transitive org.jspecify;

  exports dev.flags.http;
}
