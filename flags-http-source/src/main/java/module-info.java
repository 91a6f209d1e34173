/**
 * flags-http-source: polls a flag document served by any HTTP server, CDN or object store, with
 * conditional GETs, backoff, jitter and a last-known-good cache file.
 */
module dev.flags.http {
  requires transitive dev.flags;
  requires java.net.http;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.flags.http;
}
