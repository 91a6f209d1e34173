package dev.flags.http.internal;

import org.jspecify.annotations.Nullable;

/**
 * The validators of a document as the server sent them, for the next conditional request.
 *
 * @param etag the {@code ETag}, or null
 * @param lastModified the {@code Last-Modified}, or null
 */
public record Validators(@Nullable String etag, @Nullable String lastModified) {
  /** No validators: the request is not conditional. */
  public static final Validators NONE = new Validators(null, null);
}
