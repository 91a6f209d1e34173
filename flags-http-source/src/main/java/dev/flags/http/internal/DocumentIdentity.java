package dev.flags.http.internal;

import org.jspecify.annotations.Nullable;

/**
 * Which document the source holds and how it tells a new one apart: the validators for the next
 * conditional request, the SHA-256 of the last accepted and of the last rejected body (so the same
 * bytes are not parsed again, from a server without validators or one that sends a new ETag for
 * the same content), and why the current document was rejected. Thread-safe.
 */
public final class DocumentIdentity {
  /** What a body is, compared with the documents seen. */
  public sealed interface Match {
    /**
     * Returns the body's SHA-256.
     *
     * @return the hex digest
     */
    String sha256();

    /**
     * The bytes being served already.
     *
     * @param sha256 the body's SHA-256
     * @param version the version they were accepted as
     * @param validatorsChanged whether they came with other validators than before
     * @param endsRejection whether the document held was rejected: the server went back to the
     *     one served, and the rejection is over
     */
    record AlreadyServed(
        String sha256, String version, boolean validatorsChanged, boolean endsRejection)
        implements Match {}

    /**
     * The bytes of the document rejected last, and still the reason it is rejected.
     *
     * @param sha256 the body's SHA-256
     * @param rejection why it was rejected
     */
    record StillRejected(String sha256, String rejection) implements Match {}

    /**
     * Bytes to deliver: not seen, or no longer the current rejection.
     *
     * @param sha256 the body's SHA-256
     */
    record New(String sha256) implements Match {}
  }

  private final Object lock = new Object();
  // Guarded by lock.
  private Validators validators = Validators.NONE;
  /** Why the document whose validators we send was rejected, or null if it was not. */
  private @Nullable String rejection;
  /** SHA-256 and version of the last accepted document (from the server or the cache file). */
  private @Nullable String acceptedSha256;

  private @Nullable String acceptedVersion;
  /** SHA-256 of the last rejected document. */
  private @Nullable String rejectedSha256;

  /**
   * Returns the validators to send with the next request.
   *
   * @return the validators, {@link Validators#NONE} before any document
   */
  public Validators validators() {
    synchronized (lock) {
      return validators;
    }
  }

  /**
   * Returns why the document whose validators are sent was rejected.
   *
   * @return the rejection, or null if that document was accepted (or there is none)
   */
  public @Nullable String rejection() {
    synchronized (lock) {
      return rejection;
    }
  }

  /**
   * Records that the cache file's document was accepted at start.
   *
   * @param document its bytes
   * @param cached the validators stored with it
   * @param version the version it was accepted as
   */
  public void cacheAccepted(byte[] document, Validators cached, @Nullable String version) {
    String sha256 = CacheFile.sha256(document);
    synchronized (lock) {
      validators = cached;
      acceptedSha256 = sha256;
      acceptedVersion = version;
    }
  }

  /**
   * Compares a fetched body with the documents seen. When it is one of them, its validators
   * become the ones sent next.
   *
   * @param body the body, decoded
   * @param received the validators it came with
   * @return what the body is
   */
  public Match match(byte[] body, Validators received) {
    String sha256 = CacheFile.sha256(body);
    synchronized (lock) {
      String version = null;
      String why = null;
      if (sha256.equals(acceptedSha256)) {
        version = acceptedVersion;
      } else if (sha256.equals(rejectedSha256)) {
        why = rejection;
      }
      boolean validatorsChanged = !validators.equals(received);
      boolean endsRejection = version != null && rejection != null;
      if (version != null || why != null) {
        validators = received;
        rejection = why;
      }
      if (version != null) {
        return new Match.AlreadyServed(sha256, version, validatorsChanged, endsRejection);
      }
      return why != null ? new Match.StillRejected(sha256, why) : new Match.New(sha256);
    }
  }

  /**
   * Records that a new body was accepted.
   *
   * @param body the body's match
   * @param received the validators it came with
   * @param version the version it was accepted as
   */
  public void accepted(Match body, Validators received, @Nullable String version) {
    synchronized (lock) {
      validators = received;
      rejection = null;
      acceptedSha256 = body.sha256();
      acceptedVersion = version;
    }
  }

  /**
   * Records that a new body was rejected, and why.
   *
   * @param body the body's match
   * @param received the validators it came with
   * @param why the rejection, as reported
   */
  public void rejected(Match body, Validators received, String why) {
    synchronized (lock) {
      validators = received;
      rejection = why;
      rejectedSha256 = body.sha256();
    }
  }
}
