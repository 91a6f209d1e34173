/** A throwaway application module that uses the library as a JPMS dependency. */
module app {
  requires dev.flags;
  requires dev.flags.http;
}
