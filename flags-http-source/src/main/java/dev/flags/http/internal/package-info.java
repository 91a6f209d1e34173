/** Implementation of the HTTP source: backoff, the cache file, body reading. Not exported. */
@NullMarked
package dev.flags.http.internal;

import org.jspecify.annotations.NullMarked;
