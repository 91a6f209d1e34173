/** Polls a remote flag document over HTTP (the source itself arrives with the sources SPI). */
module dev.flags.http {
  requires transitive dev.flags;
  requires java.net.http;
}
